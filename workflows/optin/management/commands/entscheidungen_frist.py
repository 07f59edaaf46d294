"""Daily: after the end of the deadline day, record Gemeinden without a submission as "bleibt beim
Landkreis" (one audit event each). Running it again changes nothing.

Cron (every night at 0:30): ``30 0 * * * cd /srv/portal && .venv/bin/python manage.py entscheidungen_frist``
"""

from django.core.management.base import BaseCommand

from workflows.optin.services import frist_ablaufen


class Command(BaseCommand):
    help = "Setzt nach Fristablauf alle Gemeinden ohne Entscheidung auf „bleibt beim Landkreis“."

    def handle(self, *args, **options):
        recorded = frist_ablaufen()
        for e in recorded:
            self.stdout.write(f"{e.foerderjahr}: {e.gemeinde.name} – bleibt beim Landkreis")
        self.stdout.write(self.style.SUCCESS(f"{len(recorded)} Gemeinde(n) bleiben beim Landkreis."))
