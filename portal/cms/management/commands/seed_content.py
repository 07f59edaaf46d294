"""``manage.py seed_content``: build the guidance site (pages, templates, deadlines page). Idempotent,
creates no users, so it is also the first step on a production installation."""

from django.core.management.base import BaseCommand

from portal.cms.seed import seed_content


class Command(BaseCommand):
    help = "Creates the guidance pages, the templates library and the Fristen page where missing."

    def handle(self, *args, **options):
        seed_content()
        self.stdout.write(self.style.SUCCESS("Guidance site ready."))
