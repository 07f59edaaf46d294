"""The checks of a proof of use as a pure function, on their edges."""

from decimal import Decimal

import pytest

from workflows.proof.pruefungen import pruefen

D = Decimal
HALB = [D("0.50")] * 12


def test_exactly_the_minimum_in_every_month_passes():
    e = pruefen([HALB], D("0.50"), D("40000.00"), D("0"), D("40000.00"))
    assert e.monate_unter_minimum == [] and e.ueberschuss == D("0.00") and e.in_ordnung


def test_one_hundredth_below_in_one_month_is_flagged():
    monate = HALB.copy()
    monate[6] = D("0.49")  # July
    e = pruefen([monate], D("0.50"), D("1"), D("0"), D("1"))
    assert e.monate_unter_minimum == [7]


def test_positions_add_up_per_month():
    a = [D("0.25")] * 12
    b = [D("0.25")] * 6 + [D("0")] * 6
    e = pruefen([a, b], D("0.50"), D("0"), D("0"), D("0"))
    assert e.vzae_je_monat[:6] == [D("0.50")] * 6 and e.monate_unter_minimum == [7, 8, 9, 10, 11, 12]


@pytest.mark.parametrize(
    ("erhalten", "kosten", "ueberschuss"),
    [("20000.00", "19999.99", "0.01"), ("20000.00", "20000.00", "0.00"), ("20000.00", "20000.01", "0.00")],
)
def test_surplus_to_the_cent_and_never_negative(erhalten, kosten, ueberschuss):
    e = pruefen([HALB], D("0.50"), D(kosten), D("0"), D(erhalten), D("5000"), D("100"))
    assert e.ueberschuss == D(ueberschuss)
    assert e.einnahmen == D(erhalten) + D("5100")


def test_thirteen_months_are_refused():
    with pytest.raises(ValueError):
        pruefen([HALB + [D("0.5")]], D("0.50"), D("0"), D("0"), D("0"))
