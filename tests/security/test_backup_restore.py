"""Backup and restore as docs/betrieb.md documents them ("Datensicherung und Wiederherstellung"), on a
complete demo year committed to PostgreSQL:

- ``manage.py sicherung`` writes pg_dump + private files + media + SHA-256 sums;
- ``manage.py sicherung_pruefen`` restores them into a throw-away database and finds them in order, and
  notices a damaged archive;
- the manual restore (sha256sum -c, createdb, pg_restore, tar) gives a database whose every table holds
  the same rows (raw SQL and through a Django connection alias, field by field), the same sequences and
  triggers, every file a FileField names with the same bytes, and an intact audit chain – checked in
  process and by ``manage.py verify_audit`` as operators run it."""

import datetime
import hashlib
import io
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import psycopg
import pytest
import time_machine
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from portal.audit.models import AuditEvent
from portal.audit.verify import verify_chain
from portal.core import sicherung
from portal.start.demo import DEMO_PDF
from tests.proof.conftest import NACH_DEM_JAHR
from workflows.optin.models import Entscheidung
from workflows.proof import services as proof
from workflows.proof.kennzahlen import Kennzahlmeldung
from workflows.proof.kennzahlen_services import kennzahlen_erfassen
from workflows.proof.models import CHECKLISTE, Rueckforderung, Verwendungsnachweis
from workflows.transfer.models import Weiterleitung

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]
PROJEKT_APPS = {"organisations", "funding", "audit", "cms", "core", "konto", "optin", "transfer", "proof"}


def pdf(name: str, marker: str) -> SimpleUploadedFile:
    """A PDF with its own bytes, so that swapped files would not compare equal."""
    return SimpleUploadedFile(name, DEMO_PDF + f"\n%{marker}\n".encode(), content_type="application/pdf")


def stellen(personalkosten: str) -> list:
    return [
        proof.StellenNachweis("studium", [Decimal("0.5")] * 12, Decimal(personalkosten), Decimal("500.50"))
    ]


@pytest.fixture
def demojahr(postgres_only, mandanten, user):
    """The two tenants' 2028 cycles (accepted decision with council resolution, approved and paid
    transfer) completed: Nordheim's proof with Sachbericht and Anlage reviewed (surplus -> Rückforderung,
    settled), Göppingen's returned; Kennzahlen of both."""
    n, g = mandanten["Nordheim"]["nachweis"], mandanten["Göppingen"]["nachweis"]
    with time_machine.travel(NACH_DEM_JAHR):
        daten = proof.Nachweisdaten(
            ziele="Ziele erreicht",
            kooperationspartner="Jobcenter",
            integrationsplaene="45",
            schwierigkeiten="",
            stellen=stellen("18000.00"),
            sachbericht_datei=pdf("sachbericht.pdf", "Sachbericht Nordheim"),
            anlage=pdf("anlage.pdf", "Anlage Nordheim"),
        )
        proof.einreichen(n, daten, user("nordheim"))
        proof.pruefen(
            n, True, dict.fromkeys((k for k, _ in CHECKLISTE), True), "In Ordnung.", user("hn-koordination")
        )
        r = Rueckforderung.objects.get(nachweis=n)
        proof.rueckforderung_begleichen(r, datetime.date(2029, 3, 1), "RK-1", user("hn-finanzen"))
        daten.stellen, daten.anlage = stellen("20000.00"), None
        daten.sachbericht_datei = pdf("sachbericht.pdf", "Sachbericht Göppingen")
        proof.einreichen(g, daten, user("goeppingen"))
        proof.pruefen(g, False, {}, "Bitte die Sachkosten belegen.", user("gp-koordination"))
        for name, prefix in (("Nordheim", "hn"), ("Göppingen", "gp")):
            with transaction.atomic():
                kennzahlen_erfassen(
                    mandanten[name]["fj"],
                    mandanten[name]["gemeinde"],
                    {"personen_erreicht": 120, "beratungsgespraeche": 480, "integrationsplaene_erstellt": 45},
                    user(f"{prefix}-koordination"),
                )
    assert Verwendungsnachweis.objects.filter(status="geprueft").exists()
    assert Rueckforderung.objects.filter(status="beglichen").exists()
    assert Kennzahlmeldung.objects.count() == 2
    return mandanten


def verbinden(db: dict, name: str):
    return psycopg.connect(
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
        dbname=name,
        autocommit=True,
    )


def inhalt(conn) -> dict[str, object]:
    """Every table's rows, every sequence's position and every trigger of the database."""
    tabellen = [
        r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall()
    ]
    return {
        "tabellen": {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tabellen},  # noqa: S608
        "sequenzen": conn.execute(
            "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1"
        ).fetchall(),
        "trigger": conn.execute(
            "SELECT tgrelid::regclass::text, tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1, 2"
        ).fetchall(),
    }


def pg(befehl: list[str], db: dict, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(befehl, env=sicherung.pg_umgebung(db), check=True, **kwargs)  # noqa: S603


def sha(pfad: Path) -> str:
    return hashlib.sha256(pfad.read_bytes()).hexdigest()


def test_backup_and_restore_keep_every_record_file_and_the_audit_chain(demojahr, tmp_path, capsys):
    db = connection.settings_dict
    ordner = tmp_path / "sicherung"
    # cron anchors the trail before the nightly backup: the restored copy must agree with it
    call_command("audit_checkpoint", stdout=io.StringIO())
    call_command("sicherung", str(ordner))
    s = sicherung.neueste(ordner)
    assert all(p.exists() for p in s.dateien)
    # only the owner reads them: password hashes, TOTP secrets, IBANs (#18, finding 10)
    assert ordner.stat().st_mode & 0o777 == 0o700
    assert {p.stat().st_mode & 0o777 for p in [*s.dateien, s.summen]} == {0o600}

    # the probe restore operators run (docs/betrieb.md): in order, and a damaged archive is noticed
    call_command("sicherung_pruefen", str(ordner))
    meldung = capsys.readouterr().out
    assert f"Sicherung {s.stempel} in Ordnung" in meldung and "Protokollkette intakt" in meldung
    kaputt = tmp_path / "kaputt"
    kaputt.mkdir()
    for p in [*s.dateien, s.summen]:
        (kaputt / p.name).write_bytes(p.read_bytes())
    archiv = kaputt / s.archiv("private").name
    archiv.write_bytes(archiv.read_bytes()[:-100])
    with pytest.raises(CommandError, match=r"private-.*SHA-256-Summe stimmt nicht"):
        call_command("sicherung_pruefen", str(kaputt))

    # the manual restore as docs/betrieb.md lists it
    neu = f"{db['NAME']}_wiederhergestellt"
    pg(["dropdb", "--if-exists", "--force", neu], db)
    pg(["sha256sum", "-c", s.summen.name], db, cwd=ordner, capture_output=True)
    pg(["createdb", neu], db)
    try:
        pg(["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={neu}", str(s.dump)], db)
        wurzel = {}
        for art in sicherung.DATEIORDNER:
            wurzel[art] = tmp_path / "wiederhergestellt" / art
            wurzel[art].mkdir(parents=True)
            pg(["tar", "xzf", str(s.archiv(art)), "-C", str(wurzel[art])], db)

        # every table row for row, every sequence, every trigger (the audit trail's guard among them)
        with verbinden(db, db["NAME"]) as original, verbinden(db, neu) as kopie:
            vorher, nachher = inhalt(original), inhalt(kopie)
        assert len(vorher["tabellen"]) > 80
        assert set(nachher["tabellen"]) == set(vorher["tabellen"])
        for tabelle, zeilen in vorher["tabellen"].items():
            assert nachher["tabellen"][tabelle] == zeilen, tabelle
        assert nachher["sequenzen"] == vorher["sequenzen"]
        assert nachher["trigger"] == vorher["trigger"]
        assert any(tabelle == "audit_auditevent" for tabelle, _ in vorher["trigger"])

        with sicherung.verbindung(neu) as alias:
            # through Django: every model of the portal's apps, field by field
            modelle = [m for m in apps.get_models() if m._meta.app_label in PROJEKT_APPS and m._meta.managed]
            assert len(modelle) > 25
            for model in modelle:
                original = list(model._base_manager.using("default").order_by("pk").values())
                kopie = list(model._base_manager.using(alias).order_by("pk").values())
                assert kopie == original, model._meta.label
            for model in (Entscheidung, Weiterleitung, Verwendungsnachweis, Rueckforderung, Kennzahlmeldung):
                assert model.objects.using(alias).exists(), model._meta.label
            e = demojahr["Nordheim"]["entscheidung"]
            assert Entscheidung.objects.using(alias).get(pk=e.pk).status == "angenommen"

            # every file a FileField names (private evidence and Wagtail documents), byte for byte
            genannt = sorted(sicherung.genannte_dateien("default"))
            assert sorted(sicherung.genannte_dateien(alias)) == genannt
            felder = {feld for feld, _, _ in genannt}
            assert {
                "optin.Entscheidung.beschluss_datei",
                "proof.Verwendungsnachweis.sachbericht_datei",
                "proof.Verwendungsnachweis.anlage",
                "wagtaildocs.Document.file",
            } <= felder
            ablage = sicherung.ordner_der_dateien()
            for feld, art, name in genannt:
                assert sha(wurzel[art] / name) == sha(ablage[art] / name), (feld, name)

            # the audit chain of the copy, in process
            kette = verify_chain(using=alias)
            assert kette.ok and kette.checked == AuditEvent.objects.count() > 50

        # ... and with the command operators run against the restored database
        pruefung = subprocess.run(
            [sys.executable, "manage.py", "verify_audit"],
            cwd=ROOT,
            env={
                **os.environ,
                "PORTAL_ENV_FILE": "",
                "DEBUG": "1",
                "AUDIT_CHECKPOINT_DIR": str(settings.AUDIT_CHECKPOINT_DIR),
                "DATABASE_URL": f"postgres://{db.get('USER') or ''}@{db.get('HOST') or 'localhost'}"
                f":{db.get('PORT') or 5432}/{neu}",
            },
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert pruefung.returncode == 0, pruefung.stderr
        assert (
            f"Audit trail intact: {kette.checked} events verified against 1 signed checkpoints"
            in pruefung.stdout
        )
    finally:
        pg(["dropdb", "--if-exists", "--force", neu], db)
