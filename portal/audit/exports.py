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


def aenderungen_liste(changes: dict, modell=None) -> list[tuple[str, str]]:
    """(field, text) per entry: "old → new" for a change ({"vorher", "nachher"}), the value itself for a
    fact recorded with the event (an amount, a date, a list). With ``modell`` (the class of the event's
    object) for people: the field's label instead of its name, a choice's label instead of its code."""
    rows = []
    for name, c in sorted((changes or {}).items()):
        feld = _feld(modell, name)
        titel = str(feld.verbose_name) if feld is not None else name
        if isinstance(c, dict) and set(c) == {"vorher", "nachher"}:
            rows.append((titel, f"{_lesbar(c['vorher'], feld)} → {_lesbar(c['nachher'], feld)}"))
        else:
            rows.append((titel, _lesbar(c, feld)))
    return rows


def _feld(modell, name):
    if modell is None:
        return None
    try:
        feld = modell._meta.get_field(name)
    except Exception:  # noqa: BLE001 - a fact recorded with the event, not a field of the model
        return None
    # a reverse relation (e.g. a Förderjahr's "weiterleitungen") has no label: keep the key
    return feld if getattr(feld, "concrete", False) and hasattr(feld, "verbose_name") else None


_BETRAG = re.compile(r"^-?\d+\.\d{2}$")
_DATUM = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _lesbar(wert, feld=None) -> str:
    """A stored value as people read it: amounts (stored as ``1234.50``) as ``1.234,50``, ISO dates as
    TT.MM.JJJJ, yes/no, lists separated by commas, a choice by its label, nothing as "–". The stored
    text, which the hash chain covers, is not changed."""
    if wert is None or wert == []:
        return "–"
    if isinstance(wert, bool):
        return _("ja") if wert else _("nein")
    if isinstance(wert, list):
        return ", ".join(_lesbar(w) for w in wert)
    if feld is not None and getattr(feld, "choices", None):
        return str(dict(feld.flatchoices).get(wert, wert))
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
