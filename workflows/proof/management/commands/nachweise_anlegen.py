"""Daily: after a Förderjahr has ended, give every recipient its proof-of-use task (idempotent).

Cron: ``15 1 * * * cd /srv/portal && .venv/bin/python manage.py nachweise_anlegen``
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import ngettext

from portal.core.sperre import Cronbefehl
from portal.funding.fristen import berliner_datum
from portal.funding.models import Foerderjahr
from workflows.proof.services import nachweise_anlegen


class Command(Cronbefehl):
    help = "Legt nach Ende des Förderjahres die Verwendungsnachweise der Empfänger an."

    def ausfuehren(self, *args, **options):
        heute = berliner_datum(timezone.now())
        total = 0
        for fj in Foerderjahr.objects.filter(beginn_verwendungsnachweis__lte=heute).exclude(
            status=Foerderjahr.Status.ENTWURF
        ):
            try:
                neu = nachweise_anlegen(fj, heute=heute)
            except ValidationError:
                continue
            for n in neu:
                self.stdout.write(str(n))
            total += len(neu)
        self.stdout.write(
            self.style.SUCCESS(
                ngettext("%(n)s Verwendungsnachweis angelegt.", "%(n)s Verwendungsnachweise angelegt.", total)
                % {"n": total}
            )
        )
