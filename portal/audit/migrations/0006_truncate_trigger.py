"""On PostgreSQL, the audit table refuses TRUNCATE as well (a statement trigger): row triggers do not
fire on TRUNCATE, which emptied the table unnoticed. A superuser can still switch triggers off; the
checkpoints outside the database catch that (portal/audit/checkpoints.py)."""

from django.db import migrations

CREATE = """
DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_auditevent;
CREATE TRIGGER audit_event_no_truncate
    BEFORE TRUNCATE ON audit_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
"""

DROP = "DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_auditevent;"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0005_ohne_kreis_index")]

    operations = [migrations.RunPython(forwards, backwards)]
