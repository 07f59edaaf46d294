"""``manage.py verify_audit``: exit 0 if the audit chain is intact and agrees with every signed
checkpoint, else 1 naming the first affected event and the checkpoint; a successful run appends a new
checkpoint. ``--dossier prüfakte.zip`` verifies an audit dossier offline, without the database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.audit import checkpoints
from portal.audit.verify import verify_all
from portal.core.sperre import exklusiv


class Command(BaseCommand):
    help = (
        "Verifies the SHA-256 chain of the audit trail against the signed checkpoints; exits non-zero at "
        "the first affected event. Writes a new checkpoint after a successful run."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default", help="Datenbankverbindung (Vorgabe: default)")
        parser.add_argument("--dossier", help="eine Prüfakte (ZIP) ohne Datenbank prüfen")
        parser.add_argument(
            "--ohne-checkpoint", action="store_true", help="keinen neuen Checkpoint schreiben (z. B. Probe)"
        )

    def handle(self, *args, database="default", dossier=None, ohne_checkpoint=False, **options):
        if dossier:
            from portal.audit.dossier import dossier_pruefen

            try:
                bericht = dossier_pruefen(Path(dossier))
            except checkpoints.CheckpointFehler as e:
                raise CommandError(f"Prüfakte {dossier}: {e}") from e
            self.stdout.write(self.style.SUCCESS(bericht))
            return
        with exklusiv("verify_audit") as frei:
            if not frei:
                self.stdout.write("verify_audit läuft bereits in einem anderen Prozess; nichts getan.")
                return
            try:
                result = verify_all(using=database)
            except checkpoints.CheckpointFehler as e:
                raise CommandError(f"Audit trail NOT verified: {e}") from e
            if not result.ok:
                wo = f"event #{result.broken_id}: " if result.broken_id else ""
                raise CommandError(
                    f"Audit trail broken at {wo}{result.problem} "
                    f"({result.checked} events before it are intact, {result.checkpoints} checkpoints)."
                )
            self.stdout.write(
                self.style.SUCCESS(
                    f"Audit trail intact: {result.checked} events verified "
                    f"against {result.checkpoints} signed checkpoints."
                )
            )
            # only the production database is anchored; a restored copy or probe is only compared
            if not ohne_checkpoint and database == "default":
                neu = checkpoints.schreiben(using=database)
                if neu:
                    self.stdout.write(f"Checkpoint Nr. {neu.nr} geschrieben: Eintrag #{neu.event_id}.")
