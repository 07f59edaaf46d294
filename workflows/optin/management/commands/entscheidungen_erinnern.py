"""Daily: remind Gemeinden without a submission at the Förderjahr's offsets (never twice).

Cron (daily, 7:00): ``0 7 * * * cd /srv/portal && .venv/bin/python manage.py entscheidungen_erinnern``
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.core.sperre import Cronbefehl
from workflows.optin.services import erinnerungen_senden


class Command(Cronbefehl):
    help = "Erinnert Gemeinden ohne Entscheidung an die Frist (je Stufe höchstens einmal)."

    def ausfuehren(self, *args, **options):
        sent = erinnerungen_senden()
        for e in sent:
            self.stdout.write(
                _("%(gemeinde)s: %(tage)s Tage vorher → %(empfaenger)s")
                % {
                    "gemeinde": e.entscheidung.gemeinde.name,
                    "tage": e.tage_vorher,
                    "empfaenger": e.empfaenger or "–",
                }
            )
        self.stdout.write(
            self.style.SUCCESS(
                ngettext("%(n)s Erinnerung gesendet.", "%(n)s Erinnerungen gesendet.", len(sent))
                % {"n": len(sent)}
            )
        )
