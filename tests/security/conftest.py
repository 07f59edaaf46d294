"""Two tenants with a complete 2028 cycle each (Nordheim in Heilbronn, Göppingen in Göppingen), with
markers planted in their text fields, for the URL matrix and the backup test."""

import datetime
import re
from decimal import Decimal

import pytest
import time_machine

from portal.organisations.models import Gemeinde
from tests.optin.conftest import VOR_DER_FRIST, allein
from tests.proof.conftest import NACH_DEM_JAHR
from workflows.optin import services as optin
from workflows.optin.models import Entscheidung
from workflows.proof import services as proof
from workflows.proof.models import Verwendungsnachweis
from workflows.transfer import services as transfer
from workflows.transfer.models import Weiterleitung

IBAN = {"Nordheim": "DE89370400440532013000", "Göppingen": "DE02120300000000202051"}
#: within each Gemeinde's share of 2028 (Göppingen's is 19,990.24 EUR)
BETRAG = {"Nordheim": Decimal("20000.00"), "Göppingen": Decimal("15000.00")}
KREIS_PREFIX = {"Nordheim": "hn", "Göppingen": "gp"}
BENUTZER = {"Nordheim": "nordheim", "Göppingen": "goeppingen"}


# Answer 200 to anonymous visitors on purpose: guidance pages, search, calendar, login pages, the
# public template documents, the language switch.
# --- data of two tenants -----------------------------------------------------------------------------
def zyklus(name: str, users) -> dict:
    """A complete 2028 cycle of one Gemeinde: accepted decision, paid transfer, open proof, with markers
    planted in its text fields."""
    prefix = KREIS_PREFIX[name]
    gemeinde = Gemeinde.objects.get(name=name)
    with time_machine.travel(VOR_DER_FRIST):
        e = Entscheidung.objects.get(gemeinde=gemeinde, foerderjahr__jahr=2028)
        optin.einreichen(e, allein(), users(BENUTZER[name]))
        optin.pruefen(e, True, "", users(f"{prefix}-koordination"))
    fj = e.foerderjahr
    transfer.auszahlung_erfassen(
        fj, datetime.date(2028, 6, 1), Decimal("50000"), "RP", users(f"{prefix}-koordination")
    )
    w = transfer.vorbereiten(
        e,
        transfer.Zahlungsdaten(BETRAG[name], "bescheid", "N", IBAN[name]),
        users(f"{prefix}-koordination"),
    )
    transfer.freigeben(w, users(f"{prefix}-koordination2"))
    transfer.bezahlt(w, datetime.date(2028, 6, 15), "KK-1", users(f"{prefix}-finanzen"))
    with time_machine.travel(NACH_DEM_JAHR):
        (n,) = proof.nachweise_anlegen(fj, users(f"{prefix}-koordination"))
    tag = "Geheim" + re.sub(r"\W", "", name)
    Entscheidung.objects.filter(pk=e.pk).update(
        ansprechperson=f"{tag}Person", ansprechperson_telefon=f"{tag}Tel"
    )
    Weiterleitung.objects.filter(pk=w.pk).update(verwendungszweck=f"{tag}Zweck")
    Verwendungsnachweis.objects.filter(pk=n.pk).update(ziele=f"{tag}Ziel")
    return {
        "name": name,
        "gemeinde": gemeinde,
        "kreis": fj.kreis,
        "fj": fj,
        "entscheidung": e,
        "weiterleitung": w,
        "nachweis": n,
        "user": users(BENUTZER[name]),
        "marker": [f"{tag}Person", f"{tag}Tel", f"{tag}Zweck", f"{tag}Ziel", IBAN[name], "DE89 3704 0044"]
        if name == "Nordheim"
        else [f"{tag}Person", f"{tag}Tel", f"{tag}Zweck", f"{tag}Ziel", IBAN[name], "DE02 1203 0000"],
    }


@pytest.fixture
def mandanten(demo, user):
    return {name: zyklus(name, user) for name in ("Nordheim", "Göppingen")}
