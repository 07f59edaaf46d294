"""Daily: after the end of the deadline day, record Gemeinden without a submission as "bleibt beim
Landkreis" (one audit event each). Running it again changes nothing.

Cron (every night at 0:30): ``30 0 * * * cd /srv/portal && .venv/bin/python manage.py entscheidungen_frist``
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.core.sperre import Cronbefehl
from workflows.optin.services import frist_ablaufen


class Command(Cronbefehl):
    help = "Setzt nach Fristablauf alle Gemeinden ohne Entscheidung auf „bleibt beim Landkreis“."

    def ausfuehren(self, *args, **options):
        recorded = frist_ablaufen()
        for e in recorded:
            self.stdout.write(
                _("%(foerderjahr)s: %(gemeinde)s – bleibt beim Landkreis")
                % {"foerderjahr": e.foerderjahr, "gemeinde": e.gemeinde.name}
            )
        n = len(recorded)
        self.stdout.write(
            self.style.SUCCESS(
                ngettext(
                    "%(n)s Gemeinde bleibt beim Landkreis.", "%(n)s Gemeinden bleiben beim Landkreis.", n
                )
                % {"n": n}
            )
        )
