"""Backup and restore as the README documents them: ``manage.py sicherung`` (pg_dump + the private
files), then createdb/pg_restore and unpacking into a fresh place. The restored copy holds every row of
every table, the same decisions, transfers, proofs and audit events field by field, every evidence file
with the same bytes, and ``verify_audit`` finds the chain intact."""

import hashlib
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from workflows.optin.models import Entscheidung
from workflows.proof.models import Verwendungsnachweis
from workflows.transfer.models import Weiterleitung

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
ROOT = Path(__file__).resolve().parents[2]


def verbinden(db: dict, name: str):
    return psycopg.connect(
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
        dbname=name,
        autocommit=True,
    )


def tabellen_inhalt(conn) -> dict[str, list]:
    tabellen = [
        r[0]
        for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        ).fetchall()
    ]
    return {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tabellen}  # noqa: S608


def test_backup_and_restore_keep_every_record_file_and_the_audit_chain(
    postgres_only,
    mandanten,
    tmp_path,  # noqa: F811
):
    db = connection.settings_dict
    call_command("sicherung", str(tmp_path / "sicherung"))
    (dump,) = (tmp_path / "sicherung").glob("portal-*.dump")
    (archiv,) = (tmp_path / "sicherung").glob("private-*.tar.gz")
    summen = next((tmp_path / "sicherung").glob("SHA256SUMS-*")).read_text()
    assert hashlib.sha256(dump.read_bytes()).hexdigest() in summen

    neu = f"{db['NAME']}_wiederhergestellt"
    env = {
        **os.environ,
        "PGHOST": db.get("HOST") or "",
        "PGPORT": str(db.get("PORT") or ""),
        "PGUSER": db.get("USER") or "",
    }
    subprocess.run(["dropdb", "--if-exists", neu], env=env, check=True)
    subprocess.run(["createdb", neu], env=env, check=True)
    try:
        subprocess.run(["pg_restore", "--no-owner", f"--dbname={neu}", str(dump)], env=env, check=True)
        privat = tmp_path / "private"
        privat.mkdir()
        with tarfile.open(archiv) as tar:
            tar.extractall(privat, filter="data")

        with verbinden(db, db["NAME"]) as original, verbinden(db, neu) as kopie:
            vorher, nachher = tabellen_inhalt(original), tabellen_inhalt(kopie)
        assert set(vorher) == set(nachher)
        assert len(vorher) > 80
        for tabelle in vorher:
            assert nachher[tabelle] == vorher[tabelle], tabelle
        for name, model in (
            ("entscheidung", Entscheidung),
            ("weiterleitung", Weiterleitung),
            ("verwendungsnachweis", Verwendungsnachweis),
        ):
            assert model.objects.exists(), name

        # every evidence file the database names is in the restored files, byte for byte
        dateien = [
            *(e.beschluss_datei for e in Entscheidung.objects.exclude(beschluss_datei="")),
            *(w.schreiben for w in Weiterleitung.objects.exclude(schreiben="")),
            *(w.auszahlungsanordnung for w in Weiterleitung.objects.exclude(auszahlungsanordnung="")),
        ]
        assert len(dateien) >= 4
        for datei in dateien:
            wiederhergestellt = privat / datei.name
            assert wiederhergestellt.read_bytes() == (Path(settings.PRIVATE_ROOT) / datei.name).read_bytes()

        # the audit chain of the restored database, checked by the command operators run
        pruefung = subprocess.run(
            [sys.executable, "manage.py", "verify_audit"],
            cwd=ROOT,
            env={
                **os.environ,
                "PORTAL_ENV_FILE": "",
                "DEBUG": "1",
                "DATABASE_URL": f"postgres://{db.get('USER') or ''}@{db.get('HOST') or 'localhost'}"
                f":{db.get('PORT') or 5432}/{neu}",
            },
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert pruefung.returncode == 0, pruefung.stderr
        assert "Audit trail intact" in pruefung.stdout
    finally:
        subprocess.run(["dropdb", "--if-exists", neu], env=env, check=True)
