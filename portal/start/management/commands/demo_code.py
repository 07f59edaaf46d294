"""``manage.py demo_code <benutzer>``: the current authenticator code of a demo user (DEBUG only), so that
``make run`` can be tried without setting up an app. Production users scan their own QR code."""

import time
from base64 import b32encode

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp

from portal.start.demo import demo_totp_key


class Command(BaseCommand):
    help = "Zeigt den aktuellen Code des zweiten Faktors eines Demo-Benutzers (nur mit DEBUG)."

    def add_arguments(self, parser):
        parser.add_argument("benutzer")

    def handle(self, *args, benutzer, **options):
        if not settings.DEBUG:
            raise CommandError("Nur in der Demo (DEBUG=1).")
        schluessel = bytes.fromhex(demo_totp_key(benutzer))
        code = totp(schluessel, step=30, t0=0, digits=6, drift=0)
        gueltig = 30 - int(time.time()) % 30
        self.stdout.write(f"{code:06d}  (noch {gueltig} s gültig)")
        self.stdout.write(f"Schlüssel für eine Authenticator-App: {b32encode(schluessel).decode()}")
