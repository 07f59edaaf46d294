"""``manage.py audit_checkpoint``: verify the chain and append a signed checkpoint of its head to the
store outside the database (cron, e.g. every 15 minutes). ``--einrichten`` creates the store once; a
missing store is never recreated silently (it could hide a deleted one)."""

from django.core.management.base import BaseCommand, CommandError

from portal.audit import checkpoints
from portal.audit.verify import verify_all
from portal.core.sperre import exklusiv


class Command(BaseCommand):
    help = "Verifies the audit trail and writes a signed checkpoint of its head outside the database."

    def add_arguments(self, parser):
        parser.add_argument(
            "--einrichten",
            action="store_true",
            help="den Checkpoint-Speicher einmalig anlegen (nie stillschweigend: ein fehlender Speicher "
            "ist sonst ein Fehler)",
        )

    def handle(self, *args, einrichten=False, **options):
        with exklusiv("audit_checkpoint") as frei:
            if not frei:
                self.stdout.write("audit_checkpoint läuft bereits in einem anderen Prozess; nichts getan.")
                return
            from django.conf import settings

            ordner = settings.AUDIT_CHECKPOINT_DIR
            if einrichten and not ordner.exists():
                ordner.mkdir(parents=True, mode=0o700)
                self.stdout.write(f"Checkpoint-Speicher {ordner} angelegt.")
            try:
                result = verify_all()
            except checkpoints.CheckpointFehler as e:
                raise CommandError(f"Kein Checkpoint geschrieben: {e}") from e
            if not result.ok:
                if result.checked == 0 and result.broken_id is None and not result.checkpoints:
                    self.stdout.write("Das Protokoll ist noch leer; nichts zu verankern.")
                    return
                raise CommandError(
                    f"Kein Checkpoint geschrieben, das Protokoll ist nicht intakt: {result.problem} "
                    f"(Eintrag #{result.broken_id})."
                )
            neu = checkpoints.schreiben()
            if neu is None:
                self.stdout.write(f"Nichts Neues seit dem letzten Checkpoint ({result.checked} Einträge).")
            else:
                self.stdout.write(
                    f"Checkpoint Nr. {neu.nr} geschrieben: Eintrag #{neu.event_id}, {neu.anzahl} Einträge."
                )
