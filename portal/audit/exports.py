"""CSV and XLSX exports of audit events (for coordinators and auditors)."""

import datetime
import re
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit.models import AuditEvent
from portal.core.darstellung import datum, geld
from portal.core.tabellen import tabelle_csv, tabelle_xlsx


def columns():
    return [
        (_("Nr."), lambda e: e.pk),
        (_("Zeitpunkt"), lambda e: timezone.localtime(e.zeitpunkt).replace(microsecond=0)),
        (_("Benutzer"), lambda e: e.actor_name),
        (_("Rolle"), lambda e: e.rolle),
        (_("Organisation"), lambda e: e.organisation),
        (_("Aktion (Code)"), lambda e: e.aktion),
        (_("Aktion"), lambda e: e.aktion_label),
        (_("Objekttyp"), lambda e: e.objekt_typ),
        (_("Objekt-ID"), lambda e: e.objekt_id),
        (_("Objekt"), lambda e: e.objekt_bezeichnung),
        (_("Kreis"), lambda e: str(e.kreis) if e.kreis_id else ""),
        (_("Gemeinde"), lambda e: str(e.gemeinde) if e.gemeinde_id else ""),
        (_("Begründung / Kommentar"), lambda e: e.begruendung),
        (_("Änderungen"), lambda e: format_changes(e.aenderungen)),
        (_("Request-ID"), lambda e: e.request_id),
        (_("Client-IP"), lambda e: e.client_ip or ""),
        (_("Hash"), lambda e: e.hash),
    ]


def format_changes(changes: dict) -> str:
    return "; ".join(f"{name}: {text}" for name, text in aenderungen_liste(changes))


def aenderungen_liste(changes: dict) -> list[tuple[str, str]]:
    """(field, text) per entry: "old → new" for a change ({"vorher", "nachher"}), the value itself for a
    fact recorded with the event (an amount, a date, a list)."""
    rows = []
    for name, c in sorted((changes or {}).items()):
        if isinstance(c, dict) and set(c) == {"vorher", "nachher"}:
            rows.append((name, f"{_lesbar(c['vorher'])} → {_lesbar(c['nachher'])}"))
        else:
            rows.append((name, _lesbar(c)))
    return rows


_BETRAG = re.compile(r"^-?\d+\.\d{2}$")
_DATUM = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _lesbar(wert) -> str:
    """A stored value as people read it: amounts (stored as ``1234.50``) as ``1.234,50``, ISO dates as
    TT.MM.JJJJ, nothing as "–". The stored text, which the hash chain covers, is not changed."""
    if wert is None:
        return "–"
    text = str(wert)
    if _BETRAG.match(text):
        return geld(Decimal(text), symbol=False)
    if _DATUM.match(text):
        return datum(datetime.date.fromisoformat(text))
    return text


def _rows(events):
    cols = columns()
    yield [title for title, _ in cols]
    for event in events.select_related("kreis", "gemeinde").order_by("id").iterator(chunk_size=2000):
        yield [value(event) for _, value in cols]


def events_csv(events) -> bytes:
    return tabelle_csv(_rows(events))


def events_xlsx(events) -> bytes:
    return tabelle_xlsx(_("Protokoll"), _rows(events))


__all__ = ["events_csv", "events_xlsx", "AuditEvent"]
