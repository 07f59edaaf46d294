"""``manage.py sicherung <ordner>``: a complete backup – the PostgreSQL database as a pg_dump archive
(custom format, for pg_restore) and the private files (PRIVATE_ROOT) as a tar.gz, with SHA-256 sums.

Both belong together: the database names the files, the files are the evidence. Restoring is
pg_restore plus unpacking the archive (README, "Datensicherung"); ``manage.py verify_audit`` on the
restored database then proves the audit trail intact."""

import hashlib
import os
import shutil
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone


def pg_umgebung(db: dict) -> dict:
    """libpq environment for pg_dump from Django's connection settings (no password on the command line)."""
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[var] = str(db[key])
    env["PGDATABASE"] = db["NAME"]
    return env


def sha256(pfad: Path) -> str:
    h = hashlib.sha256()
    with pfad.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class Command(BaseCommand):
    help = "Sichert Datenbank (pg_dump) und private Dateien (tar.gz) in einen Ordner, mit SHA-256-Summen."

    def add_arguments(self, parser):
        parser.add_argument("ordner", help="Zielordner (wird angelegt)")

    def handle(self, *args, ordner, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Die Sicherung mit pg_dump braucht PostgreSQL (DATABASE_URL).")
        ziel = Path(ordner)
        ziel.mkdir(parents=True, exist_ok=True)
        stempel = timezone.localtime().strftime("%Y-%m-%d-%H%M%S")
        dump = ziel / f"portal-{stempel}.dump"
        dateien = ziel / f"private-{stempel}.tar.gz"
        pg_dump = shutil.which("pg_dump")
        if pg_dump is None:
            raise CommandError("pg_dump fehlt (Debian: apt-get install postgresql-client).")
        subprocess.run(  # noqa: S603 - fixed arguments, no shell
            [pg_dump, "--format=custom", "--no-owner", f"--file={dump}"],
            env=pg_umgebung(connection.settings_dict),
            check=True,
        )
        with tarfile.open(dateien, "w:gz") as tar:
            privat = Path(settings.PRIVATE_ROOT)
            if privat.exists():
                tar.add(privat, arcname=".")
        summen = "".join(f"{sha256(p)}  {p.name}\n" for p in (dump, dateien))
        (ziel / f"SHA256SUMS-{stempel}").write_text(summen)
        self.stdout.write(f"Datenbank: {dump}\nDateien:   {dateien}\nPrüfsummen: SHA256SUMS-{stempel}")
