"""``manage.py seed_scale``: statewide data for load tests (44 Kreise, 1,101 Gemeinden, five complete
Förderjahre, hundreds of thousands of audit events), reproducible from ``--seed`` (portal/start/skala.py)."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.organisations.models import Kreis
from portal.start import skala


class Command(BaseCommand):
    help = "Erzeugt landesweite Skalierungsdaten (44 Kreise, 1.101 Gemeinden, 5 Förderjahre)."

    def add_arguments(self, parser):
        parser.add_argument("--kreise", type=int, default=44)
        parser.add_argument("--gemeinden", type=int, default=1101)
        parser.add_argument("--jahre", type=int, default=5)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--erstes-jahr", type=int, default=2021)
        parser.add_argument("--force", action="store_true", help="auch ohne DEBUG (nie in Produktion)")

    def handle(self, *args, **o):
        if not (settings.DEBUG or o["force"]):
            raise CommandError(
                "DEBUG is off: seed_scale writes accounts with a known password (use --force)."
            )
        if Kreis.objects.filter(schluessel__startswith="9").exists():
            raise CommandError(
                "Skalierungsdaten sind schon vorhanden (Kreise 9…); erst eine leere Datenbank."
            )
        start = time.monotonic()
        e = skala.erzeugen(
            kreise=o["kreise"],
            gemeinden=o["gemeinden"],
            jahre=o["jahre"],
            seed=o["seed"],
            erstes_jahr=o["erstes_jahr"],
            ausgabe=lambda text: self.stdout.write(text) if o["verbosity"] > 1 else None,
        )
        self.stdout.write(
            f"{e.kreise} Kreise, {e.gemeinden} Gemeinden, {e.foerderjahre} Förderjahre, "
            f"{e.entscheidungen} Entscheidungen ({e.verbuende} Verbünde), "
            f"{e.weiterleitungen} Weiterleitungen, {e.nachweise} Verwendungsnachweise, "
            f"{e.kennzahlen} Kennzahlmeldungen, {e.ereignisse} Protokolleinträge "
            f"in {time.monotonic() - start:.0f} s. Passwort aller Konten: {skala.PASSWORT} "
            f"(z. B. {', '.join(e.benutzer[:4])})."
        )
