"""``manage.py demo_logins``: print the demo accounts for a new user of ``make run``."""

from django.conf import settings
from django.core.management.base import BaseCommand

from portal.start.demo import DEMO_PASSWORD, demo_logins


class Command(BaseCommand):
    help = "Prints the demo logins."

    def handle(self, *args, **options):
        self.stdout.write("")
        adresse = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        self.stdout.write(f"Demo-Zugänge (Passwort für alle: {DEMO_PASSWORD}) – {adresse}/anmelden/")
        width = max(len(name) for name, _ in demo_logins())
        for name, description in demo_logins():
            self.stdout.write(f"  {name.ljust(width)}  {description}")
        self.stdout.write(
            "Koordination, Finanzen, Land und Betrieb melden sich mit zweitem Faktor an; den Code zeigt "
            "`.venv/bin/python manage.py demo_code <benutzer>` (z. B. hn-koordination)."
        )
        self.stdout.write("")
