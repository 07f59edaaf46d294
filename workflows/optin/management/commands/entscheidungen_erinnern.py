"""Daily: remind Gemeinden without a submission at the Förderjahr's offsets (never twice).

Cron (daily, 7:00): ``0 7 * * * cd /srv/portal && .venv/bin/python manage.py entscheidungen_erinnern``
"""

from django.core.management.base import BaseCommand

from workflows.optin.services import erinnerungen_senden


class Command(BaseCommand):
    help = "Erinnert Gemeinden ohne Entscheidung an die Frist (je Stufe höchstens einmal)."

    def handle(self, *args, **options):
        sent = erinnerungen_senden()
        for e in sent:
            self.stdout.write(
                f"{e.entscheidung.gemeinde.name}: {e.tage_vorher} Tage vorher → {e.empfaenger or '–'}"
            )
        self.stdout.write(self.style.SUCCESS(f"{len(sent)} Erinnerung(en) gesendet."))
