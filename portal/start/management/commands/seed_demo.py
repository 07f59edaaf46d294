"""``manage.py seed_demo``: load the demo data (idempotent). Refuses with DEBUG off unless --force."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.start.demo import seed_demo


class Command(BaseCommand):
    help = "Loads the demo data (two Landkreise, their Gemeinden, Förderjahre, one user per role)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="also run with DEBUG off (never in production)"
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: demo users with known passwords would be created. Use --force to insist."
            )
        seed_demo()
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
