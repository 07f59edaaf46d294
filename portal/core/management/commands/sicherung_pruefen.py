"""``manage.py sicherung_pruefen <ordner>``: probe restore of the newest backup in the folder.

Checks the SHA-256 sums, restores the dump with createdb + pg_restore into a new database and the
archives into a temporary folder, verifies the audit chain of the copy and that every file its
FileFields name was restored, then drops the copy (``--behalten`` keeps it). Exit code 1 on any
problem. Needs a database role that may create databases (``createdb``)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.core import sicherung


class Command(BaseCommand):
    help = "Spielt die neueste Sicherung eines Ordners probeweise in eine neue Datenbank ein und prüft sie."

    def add_arguments(self, parser):
        parser.add_argument("ordner", help="Ordner mit der Sicherung (manage.py sicherung)")
        parser.add_argument(
            "--datenbank",
            help="Name der neuen Datenbank für die Probe (darf nicht existieren; "
            "Vorgabe: <Datenbank>_probe_<Zeitstempel>)",
        )
        parser.add_argument("--behalten", action="store_true", help="die Probe-Datenbank nicht löschen")

    def handle(self, *args, ordner, datenbank=None, behalten=False, **options):
        try:
            bericht = sicherung.pruefen(Path(ordner), datenbank=datenbank, behalten=behalten)
        except sicherung.SicherungsFehler as e:
            raise CommandError(str(e)) from e
        s = bericht.sicherung
        if bericht.fehler:
            raise CommandError(
                f"Sicherung {s.stempel} ist NICHT in Ordnung:\n" + "\n".join(f"- {f}" for f in bericht.fehler)
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Sicherung {s.stempel} in Ordnung: Prüfsummen stimmen, {bericht.tabellen} Tabellen mit "
                f"{bericht.zeilen} Zeilen eingespielt, {bericht.dateien} Dateien vorhanden, "
                f"Protokollkette intakt ({bericht.protokoll_ereignisse} Ereignisse)."
            )
        )
