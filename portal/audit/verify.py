"""Walks the audit chain and reports the first event whose stored hash no longer matches."""

from dataclasses import dataclass

from portal.audit.models import GENESIS_HASH, AuditEvent


@dataclass(frozen=True)
class ChainResult:
    ok: bool
    checked: int
    broken_id: int | None = None
    problem: str = ""


def verify_chain(batch_size: int = 2000, using: str = "default") -> ChainResult:
    """``using`` names the database connection, e.g. a restored copy (``manage.py sicherung_pruefen``)."""
    previous = GENESIS_HASH
    checked = 0
    for event in AuditEvent.objects.using(using).order_by("id").iterator(chunk_size=batch_size):
        if event.vorheriger_hash != previous:
            return ChainResult(False, checked, event.pk, "the link to the previous event is broken")
        if event.compute_hash() != event.hash:
            return ChainResult(False, checked, event.pk, "the content does not match its hash")
        previous = event.hash
        checked += 1
    return ChainResult(True, checked)
