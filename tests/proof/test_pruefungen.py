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


# --- the financing type decides what the grant covers (a parameter of the Förderjahr) -----------------
def test_festbetrag_surplus_is_received_minus_expenditure():
    e = pruefen([HALB], D("0.50"), D("18000.00"), D("0"), D("20000.00"), D("5000.00"), D("1000.00"))
    assert e.foerderfaehig == D("18000.00") and e.ueberschuss == D("2000.00")


def test_fehlbedarf_counts_own_funds_and_other_grants_first():
    args = ([HALB], D("0.50"), D("30000.00"), D("0"), D("20000.00"))
    # expenditure 30,000 − own 9,000 − other 1,000 = 20,000 covered: exactly what was received
    e = pruefen(*args, D("9000.00"), D("1000.00"), "fehlbedarf")
    assert e.foerderfaehig == D("20000.00") and e.ueberschuss == D("0.00")
    # one cent more own funds: one cent to repay
    e = pruefen(*args, D("9000.01"), D("1000.00"), "fehlbedarf")
    assert e.ueberschuss == D("0.01")
    # own funds beyond the expenditure never make the covered part negative
    e = pruefen(*args, D("40000.00"), D("0"), "fehlbedarf")
    assert e.foerderfaehig == D("0.00") and e.ueberschuss == D("20000.00")


def test_anteil_covers_a_percentage_of_the_expenditure_to_the_cent():
    e = pruefen(
        [HALB],
        D("0.50"),
        D("10000.01"),
        D("0"),
        D("8000.00"),
        finanzierungsart="anteil",
        foerderanteil_prozent=D("80.00"),
    )
    # 80 % of 10,000.01 = 8,000.008 -> 8,000.01 covered; nothing to repay
    assert e.foerderfaehig == D("8000.01") and e.ueberschuss == D("0.00")
    e = pruefen(
        [HALB],
        D("0.50"),
        D("10000.00"),
        D("0"),
        D("8000.01"),
        finanzierungsart="anteil",
        foerderanteil_prozent=D("80.00"),
    )
    assert e.ueberschuss == D("0.01")


def test_an_unknown_financing_type_is_refused():
    with pytest.raises(ValueError, match="unknown financing type"):
        pruefen([HALB], D("0.50"), D("1"), D("0"), D("1"), finanzierungsart="pauschal")
