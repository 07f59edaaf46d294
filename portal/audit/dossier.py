"""The audit trail's part of an audit dossier (Prüfakte), and its offline verification.

The dossier carries the Kreis's events in their hashed form (``protokoll.jsonl``: the canonical
content, the predecessor's hash and the hash), the signed checkpoints and the public verification key.
``manage.py verify_audit --dossier prüfakte.zip`` then checks without the portal's database that every
checkpoint is signed by that key and follows its predecessor, that every event's hash is computed from
its content, and that the event and its predecessor stand in the signed checkpoints: a changed,
removed or invented event of the Kreis cannot pass. Other Kreise's events appear only as hashes.
"""

import hashlib
import json
import zipfile
from pathlib import Path

from django.conf import settings

from portal.audit import checkpoints
from portal.audit.models import GENESIS_HASH

PROTOKOLL = "protokoll.jsonl"
CHECKPOINTS = "audit-checkpoints.jsonl"
SCHLUESSEL = "verifikationsschluessel.pem"


def anhaengen(zf: zipfile.ZipFile, events) -> None:
    """Write the Kreis's events, the checkpoint store and the public key into the dossier."""
    zeilen = [
        json.dumps(
            {
                "id": e.pk,
                "inhalt": e.canonical_content(),
                "vorheriger_hash": e.vorheriger_hash,
                "hash": e.hash,
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )
        for e in events.order_by("id").iterator(chunk_size=2000)
    ]
    zf.writestr(PROTOKOLL, "\n".join(zeilen) + ("\n" if zeilen else ""))
    datei = Path(settings.AUDIT_CHECKPOINT_DIR) / checkpoints.DATEI
    zf.writestr(CHECKPOINTS, datei.read_text(encoding="utf-8") if datei.exists() else "")
    zf.writestr(SCHLUESSEL, checkpoints.oeffentlicher_schluessel_pem())


def dossier_pruefen(pfad: Path) -> str:
    """A one-line report if the dossier's trail verifies; raises ``CheckpointFehler`` naming the first
    problem otherwise."""
    try:
        with zipfile.ZipFile(pfad) as zf:
            pem = zf.read(SCHLUESSEL)
            store = zf.read(CHECKPOINTS).decode("utf-8")
            protokoll = zf.read(PROTOKOLL).decode("utf-8")
    except (OSError, KeyError, zipfile.BadZipFile) as e:
        raise checkpoints.CheckpointFehler(
            f"keine lesbare Prüfakte mit Protokoll und Checkpoints ({e})"
        ) from e
    public = checkpoints.lade_oeffentlichen_schluessel(pem)
    liste = checkpoints.lesen(public=public, text=store)
    if not liste:
        raise checkpoints.CheckpointFehler("die Prüfakte enthält keinen Checkpoint")
    signiert = {int(i): h for c in liste for i, h in c.kette}
    ids = sorted(signiert)
    vorgaenger_von = {b: signiert[a] for a, b in zip(ids, ids[1:], strict=False)}
    if ids:
        vorgaenger_von[ids[0]] = GENESIS_HASH
    anzahl = 0
    for zeile in protokoll.splitlines():
        if not zeile.strip():
            continue
        e = json.loads(zeile)
        nr = e["id"]
        if hashlib.sha256((e["vorheriger_hash"] + e["inhalt"]).encode("utf-8")).hexdigest() != e["hash"]:
            raise checkpoints.CheckpointFehler(
                f"Eintrag #{nr}: der Inhalt passt nicht zu seinem Hash (verändert)"
            )
        if signiert.get(nr) != e["hash"]:
            raise checkpoints.CheckpointFehler(
                f"Eintrag #{nr} steht so in keinem signierten Checkpoint (verändert oder erfunden)"
            )
        if vorgaenger_von.get(nr) != e["vorheriger_hash"]:
            raise checkpoints.CheckpointFehler(
                f"Eintrag #{nr}: sein Vorgänger passt nicht zur signierten Kette"
            )
        anzahl += 1
    kopf = liste[-1]
    return (
        f"Prüfakte {pfad.name}: {anzahl} Protokolleinträge des Kreises geprüft, in {len(liste)} signierten "
        f"Checkpoints verankert (Schlüssel {kopf.schluessel}, letzter Checkpoint Nr. {kopf.nr} vom "
        f"{kopf.zeitpunkt}, Kopf Eintrag #{kopf.event_id} von {kopf.anzahl})."
    )
