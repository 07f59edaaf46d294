"""``python manage.py gemeinden_importieren <datei> [--dry-run]``: the Kreise and Gemeinden of
Baden-Württemberg from the official directory (GV100AD) or a CSV ``ags;name``. All or nothing; a bad line
is named with exit code 2 and nothing is written."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from portal.organisations import stammdaten
from portal.organisations.gemeindeverzeichnis import VerzeichnisFehler, lesen


class Command(BaseCommand):
    help = _("Kreise und Gemeinden aus dem Gemeindeverzeichnis (GV100AD oder CSV ags;name) übernehmen.")

    def add_arguments(self, parser):
        parser.add_argument("datei")
        parser.add_argument("--dry-run", action="store_true", help=_("Nur anzeigen, nichts schreiben."))

    def handle(self, datei, dry_run=False, **options):
        pfad = Path(datei)
        if not pfad.is_file():
            self.stderr.write(_("Datei %(datei)s nicht gefunden.") % {"datei": datei})
            sys.exit(2)
        try:
            verzeichnis = lesen(pfad.read_bytes())
            if dry_run:
                abgleich = stammdaten.abgleichen(verzeichnis)
            else:
                abgleich = stammdaten.uebernehmen(verzeichnis, None, pfad.name)
        except VerzeichnisFehler as fehler:
            self.stderr.write(_("Fehler in %(datei)s: %(fehler)s") % {"datei": pfad.name, "fehler": fehler})
            self.stderr.write(_("Es wurde nichts geschrieben."))
            sys.exit(2)
        for a in abgleich.aenderungen:
            self.stdout.write(f"{a.art_text:10} {a.typ:9} {a.ags:8}  {a.name}")
        self.stdout.write(abgleich.zusammenfassung)
        if dry_run:
            self.stdout.write(_("Probelauf (--dry-run): es wurde nichts geschrieben."))
