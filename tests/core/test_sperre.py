"""Cron commands are safe to run twice at once: the second run says so and does nothing."""

import io

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from portal.audit.models import AuditEvent
from portal.core.sperre import _schluessel, exklusiv

pytestmark = pytest.mark.django_db

BEFEHLE = [
    "entscheidungen_frist",
    "entscheidungen_erinnern",
    "nachweise_anlegen",
    "audit_checkpoint",
    "verify_audit",
    "mails_senden",
]


@pytest.fixture
def andere_sitzung(postgres_only):
    """A second database session, as a second server's cron would hold."""
    s = connection.settings_dict
    ort = {"host": s["HOST"] or "localhost", "port": s["PORT"] or 5432}
    with psycopg.connect(dbname=s["NAME"], user=s["USER"], autocommit=True, **ort) as sitzung:
        yield sitzung


@pytest.mark.parametrize("befehl", BEFEHLE)
def test_a_second_run_at_the_same_time_does_nothing_and_says_so(demo, andere_sitzung, befehl):
    andere_sitzung.execute("SELECT pg_advisory_lock(%s)", [_schluessel(befehl)])
    vorher = AuditEvent.objects.count()
    out = io.StringIO()
    call_command(befehl, stdout=out)
    assert f"{befehl} läuft bereits in einem anderen Prozess; nichts getan." in out.getvalue()
    assert AuditEvent.objects.count() == vorher
    andere_sitzung.execute("SELECT pg_advisory_unlock(%s)", [_schluessel(befehl)])
    out = io.StringIO()
    call_command(befehl, stdout=out)
    assert "nichts getan" not in out.getvalue() and out.getvalue().strip()


def test_the_lock_is_free_again_after_a_run(demo):
    with exklusiv("probe") as erster:
        assert erster
    with exklusiv("probe") as zweiter:
        assert zweiter
