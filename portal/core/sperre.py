"""One run at a time: cron commands (deadline, reminders, proof tasks, checkpoints, outbox) take a
named lock, so two overlapping runs – two servers, or a slow run and the next cron tick – never do
the same work twice. PostgreSQL: a session advisory lock (freed by the server if the process dies);
SQLite (demo): a file lock under ``PORTAL_VAR_DIR``."""

import fcntl
import hashlib
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connections


def _schluessel(name: str) -> int:
    # a stable signed 64-bit key per name
    return int.from_bytes(hashlib.sha256(f"portal:{name}".encode()).digest()[:8], "big", signed=True)


@contextmanager
def exklusiv(name: str, using: str = "default"):
    """Yields True if this process holds the lock named ``name``, False if another run holds it."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        key = _schluessel(name)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
            frei = cursor.fetchone()[0]
        try:
            yield frei
        finally:
            if frei:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
        return
    ordner = Path(settings.VAR_DIR) / "sperren"
    ordner.mkdir(parents=True, exist_ok=True)
    with open(ordner / f"{name}.lock", "w") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


class Cronbefehl(BaseCommand):
    """A cron command that runs at most once at a time (``exklusiv`` under the command's name); a
    second run at the same moment says so and does nothing. Subclasses implement ``ausfuehren``."""

    def handle(self, *args, **options):
        name = self.__class__.__module__.rsplit(".", 1)[-1]
        with exklusiv(name) as frei:
            if not frei:
                self.stdout.write(f"{name} läuft bereits in einem anderen Prozess; nichts getan.")
                return
            self.ausfuehren(*args, **options)

    def ausfuehren(self, *args, **options):  # pragma: no cover – every subclass implements it
        raise NotImplementedError
