"""Checkpoints anchor the audit trail outside the database.

The hash chain alone catches an edit in the middle, but not whoever has the database in hand: they can
delete the newest events, truncate the table or rewrite history and recompute every later hash with
this very code (SHA-256 has no secret). So the portal signs the chain's head with a key that is not in
the database (Ed25519) and appends each checkpoint to a file outside the database
(``AUDIT_CHECKPOINT_DIR``, by default under ``PORTAL_VAR_DIR``; operators mount it on WORM or offsite
storage). Each checkpoint also lists the hash of every event since the previous one, so verification
names the first event that was changed, removed or slipped in, and an auditor can check a Kreis's
events offline against the signed list (``verify_audit --dossier``).

The key comes from ``AUDIT_SIGNING_KEY_FILE`` (a PEM Ed25519 private key) or, by default, is derived
from ``SECRET_KEY`` so a fresh install works; the public key lies next to the checkpoints.
"""

import base64
import fcntl
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.utils import timezone

DATEI = "checkpoints.jsonl"
SCHLUESSEL_DATEI = "verifikationsschluessel.pem"


class CheckpointFehler(Exception):
    """The checkpoint store is missing, unreadable or was tampered with: never a pass."""


# --- the key --------------------------------------------------------------------------------------
def signierschluessel() -> Ed25519PrivateKey:
    pfad = getattr(settings, "AUDIT_SIGNING_KEY_FILE", "")
    if pfad:
        try:
            key = serialization.load_pem_private_key(Path(pfad).read_bytes(), password=None)
        except (OSError, ValueError) as e:
            raise CheckpointFehler(f"Signierschlüssel {pfad} nicht lesbar: {e}") from e
        if not isinstance(key, Ed25519PrivateKey):
            raise CheckpointFehler(f"Signierschlüssel {pfad} ist kein Ed25519-Schlüssel.")
        return key
    seed = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"portal audit checkpoints").derive(
        settings.SECRET_KEY.encode("utf-8")
    )
    return Ed25519PrivateKey.from_private_bytes(seed)


def oeffentlicher_schluessel_pem(key: Ed25519PrivateKey | None = None) -> bytes:
    key = key or signierschluessel()
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def schluessel_id(public: Ed25519PublicKey) -> str:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def lade_oeffentlichen_schluessel(pem: bytes) -> Ed25519PublicKey:
    key = serialization.load_pem_public_key(pem)
    if not isinstance(key, Ed25519PublicKey):
        raise CheckpointFehler("Der Verifikationsschlüssel ist kein Ed25519-Schlüssel.")
    return key


# --- records ----------------------------------------------------------------------------------------
def _kanonisch(daten: dict) -> bytes:
    return json.dumps(daten, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@dataclass(frozen=True)
class Checkpoint:
    nr: int
    event_id: int
    hash: str
    anzahl: int
    zeitpunkt: str
    schluessel: str
    vorgaenger: str
    kette: list = field(default_factory=list)  # [[event_id, hash], …] since the previous checkpoint
    zeile: str = ""

    @property
    def zeit(self):
        from datetime import datetime

        return datetime.fromisoformat(self.zeitpunkt)


def _inhalt(c: dict) -> dict:
    return {k: v for k, v in c.items() if k != "signatur"}


def zeile_lesen(zeile: str, public: Ed25519PublicKey, nr_erwartet: int, vorgaenger: str) -> Checkpoint:
    try:
        daten = json.loads(zeile)
        signatur = base64.b64decode(daten["signatur"], validate=True)
        c = Checkpoint(**_inhalt(daten), zeile=zeile)
    except (ValueError, KeyError, TypeError) as e:
        raise CheckpointFehler(f"Checkpoint Nr. {nr_erwartet} ist nicht lesbar ({e}).") from e
    try:
        public.verify(signatur, _kanonisch(_inhalt(daten)))
    except InvalidSignature as e:
        raise CheckpointFehler(
            f"Checkpoint Nr. {nr_erwartet}: die Signatur ist ungültig (verändert oder mit einem anderen "
            "Schlüssel signiert)."
        ) from e
    if c.nr != nr_erwartet or c.vorgaenger != vorgaenger:
        raise CheckpointFehler(
            f"Checkpoint Nr. {nr_erwartet}: die Folge der Checkpoints ist unterbrochen (einer fehlt oder "
            "wurde eingefügt)."
        )
    return c


def lesen(verzeichnis: Path | None = None, public: Ed25519PublicKey | None = None, text: str | None = None):
    """Every checkpoint of the store, each signature and link verified; raises ``CheckpointFehler``."""
    if text is None:
        verzeichnis = Path(verzeichnis or settings.AUDIT_CHECKPOINT_DIR)
        if not verzeichnis.is_dir():
            raise CheckpointFehler(
                f"Der Checkpoint-Speicher {verzeichnis} fehlt. Einmalig einrichten mit "
                "„manage.py audit_checkpoint --einrichten“ (siehe docs/betrieb.md)."
            )
        datei = verzeichnis / DATEI
        try:
            text = datei.read_text(encoding="utf-8") if datei.exists() else ""
        except OSError as e:
            raise CheckpointFehler(f"Der Checkpoint-Speicher {datei} ist nicht lesbar: {e}") from e
        if not text.strip() and (verzeichnis / SCHLUESSEL_DATEI).exists():
            # the key is written with the first checkpoint: a store with a key but no checkpoints
            # lost them (deleted or emptied), it is not a new one
            raise CheckpointFehler(
                f"Im Checkpoint-Speicher {verzeichnis} fehlen die Checkpoints ({DATEI} ist leer oder "
                "gelöscht), obwohl schon Checkpoints geschrieben wurden."
            )
    public = public or signierschluessel().public_key()
    checkpoints, vorgaenger = [], ""
    for zeile in text.splitlines():
        if not zeile.strip():
            continue
        c = zeile_lesen(zeile, public, len(checkpoints) + 1, vorgaenger)
        checkpoints.append(c)
        vorgaenger = hashlib.sha256(zeile.encode("utf-8")).hexdigest()
    return checkpoints


def schreiben(using: str = "default", verzeichnis: Path | None = None) -> Checkpoint | None:
    """Append a signed checkpoint of the chain's current head; ``None`` when nothing is new.

    The caller has verified the chain first: a checkpoint must never anchor a tampered state.
    """
    from portal.audit.models import AuditEvent

    verzeichnis = Path(verzeichnis or settings.AUDIT_CHECKPOINT_DIR)
    verzeichnis.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = signierschluessel()
    pem = verzeichnis / SCHLUESSEL_DATEI
    if not pem.exists():
        pem.write_bytes(oeffentlicher_schluessel_pem(key))
    datei = verzeichnis / DATEI
    fd = os.open(datei, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o640)
    with os.fdopen(fd, "r+", encoding="utf-8") as f:
        fcntl.flock(f, fcntl.LOCK_EX)  # one writer at a time, also across processes
        f.seek(0)
        bisher = lesen(public=key.public_key(), text=f.read())
        letzter = bisher[-1] if bisher else None
        ab = letzter.event_id if letzter else 0
        neu = list(AuditEvent.objects.using(using).filter(id__gt=ab).order_by("id").values_list("id", "hash"))
        if not neu:
            return None
        daten = {
            "nr": len(bisher) + 1,
            "event_id": neu[-1][0],
            "hash": neu[-1][1],
            "anzahl": (letzter.anzahl if letzter else 0) + len(neu),
            "zeitpunkt": timezone.now().isoformat(timespec="seconds"),
            "schluessel": schluessel_id(key.public_key()),
            "vorgaenger": hashlib.sha256(letzter.zeile.encode("utf-8")).hexdigest() if letzter else "",
            "kette": [[i, h] for i, h in neu],
        }
        daten["signatur"] = base64.b64encode(key.sign(_kanonisch(daten))).decode("ascii")
        zeile = json.dumps(daten, ensure_ascii=False, separators=(",", ":"))
        f.write(zeile + "\n")
        f.flush()
        os.fsync(f.fileno())
    return Checkpoint(**_inhalt(daten), zeile=zeile)


def speicher_pruefen() -> str:
    """'' if the store is writable, else the reason (for /healthz)."""
    verzeichnis = Path(settings.AUDIT_CHECKPOINT_DIR)
    if not verzeichnis.is_dir():
        return f"{verzeichnis} fehlt"
    if not os.access(verzeichnis, os.W_OK):
        return f"{verzeichnis} ist nicht beschreibbar"
    return ""
