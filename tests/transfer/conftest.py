"""A Förderjahr with accepted decisions (Nordheim alone, the Verbund Zabergäu) ready for transfers."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from portal.core.demo import seed_folgejahre
from tests.optin.conftest import VOR_DER_FRIST, pdf
from workflows.optin import services as optin
from workflows.optin.models import Entscheidung

IBAN_NORDHEIM = "DE89370400440532013000"


@pytest.fixture
def fj(demo, user):
    """Heilbronn 2028 with Nordheim (alone) and the Verbund Zabergäu accepted."""
    seed_folgejahre()
    with time_machine.travel(VOR_DER_FRIST):
        nordheim = Entscheidung.objects.get(gemeinde=demo["nordheim"], foerderjahr__jahr=2028)
        optin.einreichen(
            nordheim,
            optin.Einreichung(
                wahl="allein",
                stellen=[optin.StellenAngabe(Decimal("0.50"), datetime.date(2028, 1, 1), "studium")],
                beschluss_datum=datetime.date(2027, 4, 1),
                beschluss_datei=pdf(),
                ansprechperson="N",
                ansprechperson_email="n@example.org",
            ),
            user("nordheim"),
        )
        optin.pruefen(nordheim, True, "", user("hn-koordination"))
    return nordheim.foerderjahr


@pytest.fixture
def nordheim(fj, demo):
    return Entscheidung.objects.get(gemeinde=demo["nordheim"], foerderjahr=fj)
