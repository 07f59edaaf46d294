"""The shipped Kennzahlen field list, so a new installation starts with the template's fields."""

from django.db import migrations

STANDARD = [
    ("personen_erreicht", "Erreichte Personen insgesamt", "Personen"),
    ("personen_neu", "davon im Zeitraum neu aufgenommen", "Personen"),
    ("personen_familien", "davon in Familien", "Personen"),
    ("beratungsgespraeche", "Beratungsgespräche", "Beratung"),
    ("beratungen_aufsuchend", "davon aufsuchend", "Beratung"),
    ("integrationsplaene_erstellt", "Erstellte Integrationspläne", "Integrationspläne"),
    ("integrationsplaene_fortgeschrieben", "Fortgeschriebene Integrationspläne", "Integrationspläne"),
    ("ziele_erreicht", "Erreichte Ziele aus Integrationsplänen", "Integrationspläne"),
    ("vermittlung_sprache", "Vermittlungen in Sprachkurse", "Vermittlungen"),
    ("vermittlung_arbeit", "Vermittlungen in Ausbildung oder Arbeit", "Vermittlungen"),
    ("beratungen_beendet", "Beendete Beratungen", "Abschluss"),
]


def create(apps, schema_editor):
    definition = apps.get_model("proof", "KennzahlDefinition")
    for n, (key, label, gruppe) in enumerate(STANDARD, 1):
        definition.objects.get_or_create(
            schluessel=key, defaults={"bezeichnung": label, "gruppe": gruppe, "reihenfolge": n * 10}
        )


class Migration(migrations.Migration):
    dependencies = [("proof", "0002_kennzahlen")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
