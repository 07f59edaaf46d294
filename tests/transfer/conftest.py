"""A Förderjahr with accepted decisions (Nordheim alone, the Verbund Zabergäu) ready for transfers."""

import pytest
import time_machine

from tests.optin.conftest import VOR_DER_FRIST, allein
from workflows.optin import services as optin
from workflows.optin.models import Entscheidung

IBAN_NORDHEIM = "DE89370400440532013000"


@pytest.fixture
def fj(demo, user):
    """Heilbronn 2028 with Nordheim's decision (alone) accepted; the Verbund Zabergäu still waits."""
    with time_machine.travel(VOR_DER_FRIST):
        nordheim = Entscheidung.objects.get(gemeinde=demo["nordheim"], foerderjahr__jahr=2028)
        optin.einreichen(nordheim, allein(), user("nordheim"))
        optin.pruefen(nordheim, True, "", user("hn-koordination"))
    return nordheim.foerderjahr


@pytest.fixture
def nordheim(fj, demo):
    return Entscheidung.objects.get(gemeinde=demo["nordheim"], foerderjahr=fj)
