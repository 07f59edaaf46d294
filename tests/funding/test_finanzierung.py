"""What a share funds, and the own contribution needed for the planned positions."""

from decimal import Decimal

import pytest

from portal.funding.finanzierung import finanzierung

D = Decimal


def test_nordheim_example_from_the_council_paper():
    f = finanzierung(D("31234.00"), D("80000.00"), D("0.50"))
    assert f.kosten == D("40000.00")
    assert f.finanzierte_vzae == D("0.39")
    assert f.eigenanteil == D("8766.00") and f.ueberschuss == D("0.00")


def test_share_exactly_funding_half_a_position():
    f = finanzierung(D("40000.00"), D("80000.00"), D("0.50"))
    assert (f.finanzierte_vzae, f.eigenanteil, f.ueberschuss) == (D("0.50"), D("0.00"), D("0.00"))


def test_one_cent_short_of_half_a_position():
    f = finanzierung(D("39999.99"), D("80000.00"), D("0.50"))
    assert f.finanzierte_vzae == D("0.49")  # rounded down: the share does not quite fund 0.5 VZÄ
    assert f.eigenanteil == D("0.01")


def test_surplus_when_the_share_exceeds_the_cost():
    f = finanzierung(D("100000.00"), D("80000.00"), D("1.00"))
    assert (f.eigenanteil, f.ueberschuss, f.finanzierte_vzae) == (D("0.00"), D("20000.00"), D("1.25"))


@pytest.mark.parametrize(
    ("anteil", "kosten", "vzae"), [("-1", "80000", "0.5"), ("1", "0", "0.5"), ("1", "1", "-0.5")]
)
def test_nonsense_is_refused(anteil, kosten, vzae):
    with pytest.raises(ValueError):
        finanzierung(D(anteil), D(kosten), D(vzae))
