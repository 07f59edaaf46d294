"""``manage.py seed_demo``: load the demo data (once; a second run changes nothing). Refuses with DEBUG
off unless --force."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from portal.start.demo import seed_demo


class Command(BaseCommand):
    help = (
        "Loads the demo data: two Landkreise with their Gemeinden, one login per role, and the years "
        "before today's decision round played through (closed year, transfer phase, accepted decisions)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="also run with DEBUG off (never in production)"
        )
        parser.add_argument(
            "--ohne-geschichte",
            action="store_true",
            help="only the base of the tests (years 2025–2028, the 2028 round open), without history",
        )

    def handle(self, *args, force=False, ohne_geschichte=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: demo users with known passwords would be created. Use --force to insist."
            )
        if seed_demo(geschichte=not ohne_geschichte) or ohne_geschichte:
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
            if not ohne_geschichte and not settings.AUDIT_CHECKPOINT_DIR.exists():
                # a demo built on an empty database: its trail gets its store and first checkpoint, so
                # /healthz and verify_audit find what a real installation has (no store hidden: the
                # database was empty)
                call_command("audit_checkpoint", einrichten=True, stdout=self.stdout)
        else:
            self.stdout.write(
                "Demo data already loaded; nothing changed (delete var/ to build the demo afresh for today)."
            )
