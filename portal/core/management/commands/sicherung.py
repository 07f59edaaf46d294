"""``manage.py sicherung <ordner>``: a complete backup – the PostgreSQL database as a pg_dump archive
(custom format, for pg_restore), the private files (PRIVATE_ROOT) and the uploaded media (MEDIA_ROOT)
as tar.gz, with SHA-256 sums (``portal/core/sicherung.py``).

Restoring is createdb + pg_restore plus unpacking the archives (docs/betrieb.md, "Datensicherung");
``manage.py sicherung_pruefen <ordner>`` does that into a throw-away database as a probe."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.core import sicherung


class Command(BaseCommand):
    help = (
        "Sichert Datenbank (pg_dump), private Dateien und Medien (tar.gz) in einen Ordner, "
        "mit SHA-256-Summen."
    )

    def add_arguments(self, parser):
        parser.add_argument("ordner", help="Zielordner (wird angelegt)")

    def handle(self, *args, ordner, **options):
        try:
            s = sicherung.erstellen(Path(ordner))
        except sicherung.SicherungsFehler as e:
            raise CommandError(str(e)) from e
        self.stdout.write(
            f"Datenbank:  {s.dump}\n"
            f"Dateien:    {s.archiv('private')}\n"
            f"Medien:     {s.archiv('medien')}\n"
            f"Prüfsummen: {s.summen}"
        )
