"""``manage.py mails_senden``: deliver the outbox's due mails, with retries and backoff (cron every
minute); ``--dauerhaft`` keeps running as a worker. Safe to run twice at once."""

import logging
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from portal.core import postausgang
from portal.core.sperre import exklusiv

log = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Sends the e-mails waiting in the outbox (retries with backoff; failed ones stay visible)."

    def add_arguments(self, parser):
        parser.add_argument("--dauerhaft", action="store_true", help="als Worker weiterlaufen")
        parser.add_argument("--pause", type=float, default=15.0, help="Sekunden zwischen zwei Runden")

    def handle(self, *args, dauerhaft=False, pause=15.0, **options):
        if not dauerhaft:
            self.runde(dauerhaft)
            return
        while True:
            # a worker lives longer than a request: replace a connection the server ended
            close_old_connections()
            try:
                self.runde(dauerhaft)
            except Exception:  # noqa: BLE001 – the worker goes on; the next round tries again
                log.exception("Outbox round failed")
            time.sleep(pause)

    def runde(self, dauerhaft):
        # several workers may run; the row locks keep each mail to one of them. The lock only keeps
        # two cron runs from reporting each other's work.
        with exklusiv("mails_senden") as frei:
            if frei:
                ergebnis = postausgang.zustellen()
                if not dauerhaft or ergebnis.gesendet or ergebnis.fehlgeschlagen:
                    self.stdout.write(f"Postausgang: {ergebnis}")
            elif not dauerhaft:
                self.stdout.write("mails_senden läuft bereits in einem anderen Prozess; nichts getan.")
