"""Heilbronn 2028 after the year: Nordheim accepted, paid 20,000.00 EUR, proof-of-use tasks created."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from portal.funding.fristen import BERLIN
from tests.transfer.conftest import IBAN_NORDHEIM, fj, nordheim  # noqa: F401  (fixtures)
from workflows.proof import services
from workflows.transfer import services as transfer

NACH_DEM_JAHR = datetime.datetime(2029, 2, 1, 9, 0, tzinfo=BERLIN)


@pytest.fixture
def nachweis(fj, nordheim, user):  # noqa: F811
    transfer.auszahlung_erfassen(
        fj, datetime.date(2028, 6, 1), Decimal("50000"), "RP", user("hn-koordination")
    )
    w = transfer.vorbereiten(
        nordheim,
        transfer.Zahlungsdaten(Decimal("20000.00"), "bescheid", "N", IBAN_NORDHEIM),
        user("hn-koordination"),
    )
    transfer.freigeben(w, user("hn-koordination2"))
    transfer.bezahlt(w, datetime.date(2028, 6, 15), "KK-1", user("hn-finanzen"))
    with time_machine.travel(NACH_DEM_JAHR):
        (n,) = services.nachweise_anlegen(fj, user("hn-koordination"))
    return n


@pytest.fixture
def mit_ueberschuss(nachweis, user):
    """Nordheim's proof submitted (18,500.50 EUR spent of 20,000.00 received) and accepted: a Rückforderung
    of 1,499.50 EUR."""
    from workflows.proof.models import CHECKLISTE

    daten = services.Nachweisdaten(
        ziele="z",
        kooperationspartner="",
        integrationsplaene="",
        schwierigkeiten="",
        stellen=[
            services.StellenNachweis("studium", [Decimal("0.5")] * 12, Decimal("18000.00"), Decimal("500.50"))
        ],
    )
    services.einreichen(nachweis, daten, user("nordheim"))
    services.pruefen(
        nachweis, True, dict.fromkeys((k for k, _ in CHECKLISTE), True), "ok", user("hn-koordination")
    )
    nachweis.refresh_from_db()
    return nachweis
