"""Walks the audit chain and reports the first event whose stored hash no longer matches, or that
contradicts a signed checkpoint (``portal.audit.checkpoints``): changed, removed, cut off or slipped in.

An empty chain never verifies: a truncated table must not read as "intact". Gaps in the ids alone prove
nothing (a rolled-back transaction consumes an id); only a checkpoint that lists an id proves it existed.
"""

from dataclasses import dataclass

from portal.audit.models import GENESIS_HASH, AuditEvent


@dataclass(frozen=True)
class ChainResult:
    ok: bool
    checked: int
    broken_id: int | None = None
    problem: str = ""
    checkpoint: int | None = None  # the number of the checkpoint the event contradicts
    checkpoints: int = 0  # how many checkpoints were compared


def _signiert(checkpoints):
    """[(event_id, hash, checkpoint nr)] of every event a checkpoint lists, in id order."""
    return sorted((int(i), h, c.nr) for c in checkpoints for i, h in c.kette)


def verify_chain(batch_size: int = 2000, using: str = "default", checkpoints=None) -> ChainResult:
    """``using`` names the database connection, e.g. a restored copy (``manage.py sicherung_pruefen``);
    ``checkpoints`` (from ``checkpoints.lesen()``) adds the comparison with the signed heads."""
    signiert = _signiert(checkpoints or [])
    kopf = checkpoints[-1] if checkpoints else None
    n = len(checkpoints or [])
    pos = 0  # next signed entry not yet matched
    previous = GENESIS_HASH
    checked = 0
    for event in AuditEvent.objects.using(using).order_by("id").iterator(chunk_size=batch_size):
        if pos < len(signiert) and signiert[pos][0] < event.pk:
            fehlt, _, nr = signiert[pos]
            return ChainResult(
                False,
                checked,
                fehlt,
                f"Eintrag #{fehlt} fehlt, Checkpoint Nr. {nr} hat ihn signiert (gelöscht)",
                nr,
                n,
            )
        if pos < len(signiert) and signiert[pos][0] == event.pk:
            _, signierter_hash, nr = signiert[pos]
            pos += 1
            if event.hash != signierter_hash:
                return ChainResult(
                    False,
                    checked,
                    event.pk,
                    f"Eintrag #{event.pk} weicht vom signierten Checkpoint Nr. {nr} ab (Geschichte "
                    "umgeschrieben)",
                    nr,
                    n,
                )
        elif kopf is not None and event.pk <= kopf.event_id:
            return ChainResult(
                False,
                checked,
                event.pk,
                f"Eintrag #{event.pk} steht in keinem Checkpoint, liegt aber vor dem Kopf von Checkpoint "
                f"Nr. {kopf.nr} (nachträglich eingefügt)",
                kopf.nr,
                n,
            )
        if event.vorheriger_hash != previous:
            return ChainResult(
                False,
                checked,
                event.pk,
                "die Verkettung mit dem vorherigen Eintrag ist unterbrochen",
                None,
                n,
            )
        if event.compute_hash() != event.hash:
            return ChainResult(
                False,
                checked,
                event.pk,
                "der Inhalt passt nicht mehr zu seinem Hash (nachträglich geändert)",
                None,
                n,
            )
        previous = event.hash
        checked += 1
    if pos < len(signiert):
        fehlt, _, nr = signiert[pos]
        return ChainResult(
            False,
            checked,
            fehlt,
            f"Protokoll gekürzt: Eintrag #{fehlt} und die folgenden fehlen; Checkpoint Nr. {nr} hat sie "
            f"signiert (Kopf #{kopf.event_id}, {kopf.anzahl} Einträge; vorhanden {checked})",
            nr,
            n,
        )
    if checked == 0:
        return ChainResult(
            False, 0, None, "Das Protokoll ist leer; ein leeres Protokoll gilt nie als intakt", None, n
        )
    return ChainResult(True, checked, checkpoints=n)


def verify_all(using: str = "default") -> ChainResult:
    """The chain against the checkpoint store; raises ``CheckpointFehler`` if the store is unusable."""
    from portal.audit import checkpoints

    return verify_chain(using=using, checkpoints=checkpoints.lesen())
