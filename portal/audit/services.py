"""The one function that records an audit event, and the hook notifications hang off.

Call ``record_event`` inside the transaction of the change it describes: if the change rolls back,
so does the event. ``event_aufgezeichnet`` is sent inside that transaction (the e-mails go into the
outbox there, so they roll back with the change); ``event_recorded`` only after the commit.
"""

import datetime
import decimal
import ipaddress
from collections.abc import Mapping

from django.db import connection, transaction
from django.dispatch import Signal
from django.utils import timezone

from portal.audit.actions import AKTIONEN
from portal.audit.context import current
from portal.audit.models import GENESIS_HASH, AuditEvent

#: Sent with ``event=`` after the recording transaction has committed.
event_recorded = Signal()
#: Sent with ``event=`` inside the recording transaction: the e-mails of an event are queued here, in
#: the outbox (``portal.core.postausgang``), so they exist exactly when the change exists.
event_aufgezeichnet = Signal()

# pg_advisory_xact_lock key that serialises appends to the hash chain (two int4 halves of "AUDIT").
CHAIN_LOCK_KEY = 0x41554449


class UnknownAction(ValueError):
    pass


def json_value(value):
    """A value as it is stored in the JSON of the event (and so hashed): no floats, no objects."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, decimal.Decimal):
        # an amount computed before the database rounded it (33605.7200000000) is stored as 33605.72
        if value == value.quantize(decimal.Decimal("0.01")):
            return f"{value:.2f}"
        return str(value.normalize())
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): json_value(v) for k, v in value.items()}
    if isinstance(value, float):
        raise TypeError("Floats are not stored in the audit trail; use Decimal.")
    return str(value)


def diff(before: Mapping, after: Mapping) -> dict:
    """``{field: {"vorher": …, "nachher": …}}`` for the fields whose value changed."""
    changes = {}
    for name in sorted(set(before) | set(after)):
        old, new = json_value(before.get(name)), json_value(after.get(name))
        if old != new:
            changes[name] = {"vorher": old, "nachher": new}
    return changes


def tenant_of(obj) -> tuple[int | None, int | None]:
    """(kreis_id, gemeinde_id) an object belongs to, for scoping its history."""
    if hasattr(obj, "audit_tenant"):
        return obj.audit_tenant
    if obj._meta.label_lower == "organisations.kreis":
        return obj.pk, None
    return getattr(obj, "kreis_id", None), getattr(obj, "gemeinde_id", None)


def acting_membership(actor, kreis_id, gemeinde_id) -> tuple[str, str]:
    """The role and organisation the actor acted in, chosen by the object's tenant."""
    if actor is None:
        return "system", ""
    memberships = list(actor.mitgliedschaften.filter(aktiv=True).select_related("kreis", "gemeinde", "land"))
    for m in memberships:
        if gemeinde_id and m.gemeinde_id == gemeinde_id:
            return m.rolle, str(m.gemeinde)
    for m in sorted(memberships, key=lambda m: m.rolle != "koordination"):
        if kreis_id and m.kreis_id == kreis_id:
            return m.rolle, str(m.kreis)
    for m in memberships:
        if m.rolle == "land":
            return m.rolle, str(m.land)
    if memberships:
        return memberships[0].rolle, str(memberships[0].organisation or "")
    return ("betrieb" if actor.is_superuser else ""), ""


def normalised_ip(value: str | None) -> str | None:
    """The IP as the database returns it (PostgreSQL's inet compresses IPv6), so hashes verify."""
    if not value:
        return None
    try:
        return ipaddress.ip_address(value).compressed
    except ValueError:
        return None


def _lock_chain():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])


def record_event(
    aktion: str,
    obj,
    *,
    actor=None,
    begruendung: str = "",
    aenderungen: Mapping | None = None,
    rolle: str | None = None,
    organisation: str | None = None,
) -> AuditEvent:
    """Append one event about ``obj`` to the chain, in the caller's transaction."""
    if aktion not in AKTIONEN:
        raise UnknownAction(aktion)
    kreis_id, gemeinde_id = tenant_of(obj)
    if rolle is None or organisation is None:
        auto_rolle, auto_org = acting_membership(actor, kreis_id, gemeinde_id)
        rolle = auto_rolle if rolle is None else rolle
        organisation = auto_org if organisation is None else organisation
    ctx = current()
    with transaction.atomic():
        _lock_chain()
        previous = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first() or GENESIS_HASH
        event = AuditEvent(
            zeitpunkt=timezone.now(),
            actor=actor,
            actor_name=actor.get_username() if actor is not None else "system",
            rolle=rolle,
            organisation=organisation[:200],
            aktion=aktion,
            objekt_typ=obj._meta.label_lower,
            objekt_id=str(obj.pk),
            objekt_bezeichnung=str(obj)[:255],
            kreis_id=kreis_id,
            gemeinde_id=gemeinde_id,
            begruendung=begruendung,
            aenderungen=json_value(dict(aenderungen or {})),
            request_id=ctx.request_id,
            client_ip=normalised_ip(ctx.client_ip),
            vorheriger_hash=previous,
        )
        event.hash = event.compute_hash()
        event.save()
        event_aufgezeichnet.send(sender=AuditEvent, event=event)
        transaction.on_commit(lambda: event_recorded.send(sender=AuditEvent, event=event))
    return event
