"""``manage.py verify_audit``: exit 0 if the audit chain is intact, else 1 naming the first broken event."""

from django.core.management.base import BaseCommand, CommandError

from portal.audit.verify import verify_chain


class Command(BaseCommand):
    help = "Verifies the SHA-256 chain of the audit trail; exits non-zero at the first broken event."

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default", help="Datenbankverbindung (Vorgabe: default)")

    def handle(self, *args, database="default", **options):
        result = verify_chain(using=database)
        if not result.ok:
            raise CommandError(
                f"Audit trail broken at event #{result.broken_id}: {result.problem} "
                f"({result.checked} events before it are intact)."
            )
        self.stdout.write(self.style.SUCCESS(f"Audit trail intact: {result.checked} events verified."))
