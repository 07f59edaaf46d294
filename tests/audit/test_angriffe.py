"""The audit trail under attack by whoever holds the database (PostgreSQL superuser, triggers switched
off with ``session_replication_role = replica``): every tampering is caught by ``verify_audit`` against
the signed checkpoints outside the database, naming the first affected event and the checkpoint."""

import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.db.utils import DatabaseError

from portal.audit import checkpoints
from portal.audit.models import AuditEvent
from portal.audit.services import record_event
from portal.funding.models import Foerderjahr

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("postgres_only")]


def als_superuser(sql, params=None):
    """Run SQL as a database superuser would, with every trigger off."""
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        try:
            cursor.execute(sql, params)
        finally:
            cursor.execute("SET session_replication_role = DEFAULT")


def verify():
    out = io.StringIO()
    call_command("verify_audit", stdout=out)
    return out.getvalue()


def fehler():
    with pytest.raises(CommandError) as e:
        call_command("verify_audit", stdout=io.StringIO())
    return str(e.value)


def ids():
    return list(AuditEvent.objects.order_by("id").values_list("id", flat=True))


@pytest.fixture
def verankert(demo):
    """The demo's trail plus a few events, anchored by a verify_audit run (as cron does)."""
    fj = Foerderjahr.objects.filter(kreis=demo["hn"]).first()
    for i in range(6):
        record_event("foerderjahr.geaendert", fj, begruendung=f"Änderung {i}")
    assert "Checkpoint Nr. 1 geschrieben" in verify()
    return ids()


def test_an_intact_anchored_trail_verifies_and_each_run_adds_a_checkpoint(verankert, demo):
    fj = Foerderjahr.objects.filter(kreis=demo["hn"]).first()
    record_event("foerderjahr.geaendert", fj, begruendung="danach")
    out = verify()
    assert f"Audit trail intact: {len(verankert) + 1} events verified against 1 signed checkpoints" in out
    assert "Checkpoint Nr. 2 geschrieben" in out
    assert len(checkpoints.lesen()) == 2


def test_edit_in_the_middle(verankert):
    mitte = verankert[len(verankert) // 2]
    als_superuser("UPDATE audit_auditevent SET begruendung = 'gefälscht' WHERE id = %s", [mitte])
    assert f"event #{mitte}: der Inhalt passt nicht mehr zu seinem Hash" in fehler()


def test_delete_in_the_middle(verankert):
    mitte = verankert[len(verankert) // 2]
    als_superuser("DELETE FROM audit_auditevent WHERE id = %s", [mitte])
    assert f"Eintrag #{mitte} fehlt, Checkpoint Nr. 1 hat ihn signiert" in fehler()


def test_delete_the_newest_event(verankert):
    als_superuser("DELETE FROM audit_auditevent WHERE id = %s", [verankert[-1]])
    meldung = fehler()
    assert f"Protokoll gekürzt: Eintrag #{verankert[-1]}" in meldung and "Checkpoint Nr. 1" in meldung


def test_truncate_the_tail(verankert):
    als_superuser("DELETE FROM audit_auditevent WHERE id >= %s", [verankert[-5]])
    meldung = fehler()
    assert f"Protokoll gekürzt: Eintrag #{verankert[-5]} und die folgenden fehlen" in meldung
    assert f"{len(verankert)} Einträge; vorhanden {len(verankert) - 5}" in meldung


def test_truncate_is_refused_and_a_forced_one_caught(verankert):
    # the test's own inserts left deferred foreign-key checks; settle them first
    with (
        pytest.raises(DatabaseError, match="append-only: TRUNCATE"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE audit_auditevent")
    als_superuser("SET CONSTRAINTS ALL IMMEDIATE; TRUNCATE audit_auditevent")
    assert f"Protokoll gekürzt: Eintrag #{verankert[0]}" in fehler()


def test_an_empty_trail_never_verifies_even_without_checkpoints(demo, settings, tmp_path):
    settings.AUDIT_CHECKPOINT_DIR = tmp_path / "leer"
    settings.AUDIT_CHECKPOINT_DIR.mkdir()
    als_superuser("SET CONSTRAINTS ALL IMMEDIATE; TRUNCATE audit_auditevent")
    assert "Das Protokoll ist leer" in fehler()


def test_rewritten_history_with_recomputed_hashes_and_a_forged_event(verankert, demo):
    """The attacker uses the portal's own code to rewrite an old event and every later hash."""
    opfer = verankert[3]
    events = list(AuditEvent.objects.filter(id__gte=opfer).order_by("id"))
    events[0].begruendung = "umgeschrieben"
    vorher = AuditEvent.objects.filter(id__lt=opfer).order_by("-id").values_list("hash", flat=True).first()
    for e in events:
        e.vorheriger_hash = vorher
        e.hash = e.compute_hash()
        vorher = e.hash
        als_superuser(
            "UPDATE audit_auditevent SET begruendung = %s, vorheriger_hash = %s, hash = %s WHERE id = %s",
            [e.begruendung, e.vorheriger_hash, e.hash, e.pk],
        )
    record_event("foerderjahr.geaendert", Foerderjahr.objects.first(), begruendung="erfunden")
    meldung = fehler()
    assert f"event #{opfer}: Eintrag #{opfer} weicht vom signierten Checkpoint Nr. 1 ab" in meldung


def test_a_missing_store_is_an_error_not_a_pass(verankert, settings, tmp_path):
    settings.AUDIT_CHECKPOINT_DIR = tmp_path / "nicht-da"
    assert "Der Checkpoint-Speicher" in fehler() and "fehlt" in fehler()


def test_a_forged_or_removed_checkpoint_is_caught(verankert, demo, settings):
    record_event("foerderjahr.geaendert", Foerderjahr.objects.first(), begruendung="zweiter")
    verify()
    datei = settings.AUDIT_CHECKPOINT_DIR / checkpoints.DATEI
    zeilen = datei.read_text().splitlines()
    # a checkpoint rewritten to match a tampered database: the signature no longer fits
    daten = json.loads(zeilen[0])
    daten["hash"] = "f" * 64
    datei.write_text("\n".join([json.dumps(daten), *zeilen[1:]]) + "\n")
    assert "Checkpoint Nr. 1: die Signatur ist ungültig" in fehler()
    # the first checkpoint removed: the second no longer follows its predecessor
    datei.write_text("\n".join(zeilen[1:]) + "\n")
    assert "die Folge der Checkpoints ist unterbrochen" in fehler()


def test_no_checkpoint_is_written_over_a_tampered_trail(verankert, settings):
    als_superuser("DELETE FROM audit_auditevent WHERE id = %s", [verankert[-1]])
    with pytest.raises(CommandError, match="Kein Checkpoint geschrieben"):
        call_command("audit_checkpoint", stdout=io.StringIO())
    assert len(checkpoints.lesen()) == 1


def test_checkpoint_command_for_cron_says_what_it_did(verankert, demo):
    out = io.StringIO()
    call_command("audit_checkpoint", stdout=out)
    assert "Nichts Neues seit dem letzten Checkpoint" in out.getvalue()
    record_event("foerderjahr.geaendert", Foerderjahr.objects.first(), begruendung="neu")
    out = io.StringIO()
    call_command("audit_checkpoint", stdout=out)
    assert f"Checkpoint Nr. 2 geschrieben: Eintrag #{verankert[-1] + 1}" in out.getvalue()


def test_the_application_role_cannot_truncate_or_drop_the_trigger(demo):
    """The documented production setup (docs/betrieb.md): the portal runs as a role that does not own
    the audit table; it may read and append, nothing else."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE ROLE portal_app_test NOLOGIN")
        cursor.execute("GRANT USAGE ON SCHEMA public TO portal_app_test")
        cursor.execute("GRANT SELECT, INSERT ON audit_auditevent TO portal_app_test")
        cursor.execute("SET ROLE portal_app_test")
        try:
            for sql in (
                "SET CONSTRAINTS ALL IMMEDIATE; TRUNCATE audit_auditevent",
                "ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only",
                "DROP TRIGGER audit_event_no_truncate ON audit_auditevent",
                "SET session_replication_role = replica",
            ):
                with pytest.raises(DatabaseError), transaction.atomic():
                    cursor.execute(sql)
            cursor.execute("SELECT count(*) FROM audit_auditevent")
            assert cursor.fetchone()[0] > 0
        finally:
            cursor.execute("RESET ROLE")


def test_the_dossier_verifies_offline_and_a_changed_event_in_it_does_not(demo, tmp_path, settings):
    from workflows.dossier.pruefakte import pruefakte_zip

    fj = Foerderjahr.objects.get(kreis=demo["hn"], jahr=2026)
    inhalt = pruefakte_zip(fj)
    pfad = tmp_path / "pruefakte.zip"
    pfad.write_bytes(inhalt)
    with zipfile.ZipFile(pfad) as zf:
        liesmich = zf.read("LIESMICH.txt").decode()
        assert "Hash-Kette des Protokolls intakt" in liesmich
        assert "Verankert im signierten Checkpoint Nr. 1" in liesmich
        protokoll = zf.read("protokoll.jsonl").decode().splitlines()
        teile = {n: zf.read(n) for n in zf.namelist()}
    assert len(protokoll) == AuditEvent.objects.filter(kreis=demo["hn"]).count() > 10
    # offline: no database needed (the store of this installation is moved away)
    settings.AUDIT_CHECKPOINT_DIR = tmp_path / "anderswo"
    out = io.StringIO()
    call_command("verify_audit", dossier=str(pfad), stdout=out)
    assert f"{len(protokoll)} Protokolleinträge des Kreises geprüft" in out.getvalue()

    # an auditor's copy with one event's reason changed (and its hash recomputed) is refused
    e = json.loads(protokoll[2])
    inhalt_neu = json.loads(e["inhalt"])
    inhalt_neu["begruendung"] = "nachträglich geschönt"
    e["inhalt"] = json.dumps(inhalt_neu, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    import hashlib

    e["hash"] = hashlib.sha256((e["vorheriger_hash"] + e["inhalt"]).encode()).hexdigest()
    protokoll[2] = json.dumps(e, ensure_ascii=False)
    teile["protokoll.jsonl"] = ("\n".join(protokoll) + "\n").encode()
    gefaelscht = tmp_path / "gefaelscht.zip"
    with zipfile.ZipFile(gefaelscht, "w") as zf:
        for name, daten in teile.items():
            zf.writestr(name, daten)
    with pytest.raises(CommandError, match=f"Eintrag #{e['id']} steht so in keinem signierten Checkpoint"):
        call_command("verify_audit", dossier=str(gefaelscht), stdout=io.StringIO())


def test_a_deleted_store_is_not_rebuilt_silently(verankert, settings):
    """Deleting the checkpoints (and then rewriting the database) must not lead to a fresh store that
    anchors the forged state: a store with a key but no checkpoints is an error, and a missing store
    is set up only on purpose."""
    (settings.AUDIT_CHECKPOINT_DIR / checkpoints.DATEI).unlink()
    assert "fehlen die Checkpoints" in fehler()
    with pytest.raises(CommandError, match="fehlen die Checkpoints"):
        call_command("audit_checkpoint", stdout=io.StringIO())
    neu = settings.AUDIT_CHECKPOINT_DIR.parent / "neu"
    settings.AUDIT_CHECKPOINT_DIR = neu
    with pytest.raises(CommandError, match="audit_checkpoint --einrichten"):
        call_command("audit_checkpoint", stdout=io.StringIO())
    out = io.StringIO()
    call_command("audit_checkpoint", einrichten=True, stdout=out)
    assert f"Checkpoint-Speicher {neu} angelegt." in out.getvalue() and "Checkpoint Nr. 1" in out.getvalue()
