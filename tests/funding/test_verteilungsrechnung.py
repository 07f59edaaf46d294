"""Mittelverteilung as a pure function: exact sums, largest remainder, documented tie-breaks."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.funding.verteilungsrechnung import VerteilungsFehler, verteile


def shares(total, counts):
    return [a.betrag for a in verteile(Decimal(total), counts)]


def test_example_from_the_issue():
    # 23 of 1,234 persons of Rhein-Neckar's 1,810,740.00 EUR.
    anteile = verteile(Decimal("1810740.00"), [("08226001", 23), ("08226002", 1211)])
    assert anteile[0].betrag == Decimal("33749.61")
    assert (
        anteile[0].erklaerung()
        == "23 von 1.234 Personen = 1,8639 % von 1.810.740,00\u00a0€ = 33.749,61\u00a0€"
    )
    assert sum(a.betrag for a in anteile) == Decimal("1810740.00")


def test_one_gemeinde_gets_everything():
    assert shares("180000.01", [("08125001", 7)]) == [Decimal("180000.01")]


def test_all_equal_counts_share_the_odd_cents_by_lower_ags():
    # 100.00 EUR over three equal counts: 33.33 each, the leftover cent to the lowest AGS.
    result = shares("100.00", [("08125003", 5), ("08125001", 5), ("08125002", 5)])
    assert result == [Decimal("33.33"), Decimal("33.34"), Decimal("33.33")]


def test_the_explanation_names_the_remainder_cent_only_where_a_tie_gave_it():
    # three equal counts: the tie gives the left-over cent to the lowest AGS, and only it says so
    anteile = {
        a.ags: a for a in verteile(Decimal("100.00"), [("08125003", 5), ("08125001", 5), ("08125002", 5)])
    }
    erklaerung = anteile["08125001"].erklaerung()
    assert (
        anteile["08125001"].rest_cent
        and "33,33\u00a0€ + 0,01\u00a0€ Rundungsrest = 33,34\u00a0€" in erklaerung
    )
    assert not anteile["08125002"].rest_cent and "Rundungsrest" not in anteile["08125002"].erklaerung()


def test_a_count_of_zero_gets_nothing():
    result = shares("1000.00", [("08125001", 0), ("08125002", 3), ("08125003", 1)])
    assert result == [Decimal("0.00"), Decimal("750.00"), Decimal("250.00")]


def test_largest_remainder_gets_the_leftover_cent():
    # 10 cents over counts 1 and 2: quotas 3.33 and 6.67 cents; floors 3 + 6, the cent goes to the .67.
    assert shares("0.10", [("08125001", 1), ("08125002", 2)]) == [Decimal("0.03"), Decimal("0.07")]


def test_equal_remainders_go_to_the_larger_count():
    # 1 cent over counts 1, 1, 2, 2 (sum 6): quotas 1/6, 1/6, 2/6, 2/6 cent. The count-2 Gemeinden have
    # the larger remainders; between those two (equal remainder, equal count) the lower AGS wins.
    assert shares("0.01", [("08125004", 2), ("08125003", 2), ("08125001", 1), ("08125002", 1)]) == [
        Decimal("0.00"),
        Decimal("0.01"),
        Decimal("0.00"),
        Decimal("0.00"),
    ]


def test_equal_remainder_and_count_go_to_the_lower_ags():
    # 8 cents over counts 3, 3, 1 (sum 7): floors 3, 3, 1; remainders 3/7, 3/7, 1/7 → AGS 08125001 wins.
    assert shares("0.08", [("08125009", 3), ("08125001", 3), ("08125005", 1)]) == [
        Decimal("0.03"),
        Decimal("0.04"),
        Decimal("0.01"),
    ]


def test_remainder_beats_count():
    # 3 cents over counts 2 and 5 (sum 7): quotas 6/7 and 15/7 → floors 0 and 2, remainders 6/7 and 1/7:
    # the smaller count has the larger remainder and gets the cent.
    assert shares("0.03", [("08125001", 2), ("08125002", 5)]) == [Decimal("0.01"), Decimal("0.02")]


def test_all_gemeinden_of_the_land_sum_exactly():
    counts = [(f"08{i:06d}", (i * 7919) % 503) for i in range(1101)]
    result = verteile(Decimal("58000000.01"), counts)
    assert sum(a.betrag for a in result) == Decimal("58000000.01")


@pytest.mark.parametrize(
    ("total", "counts"),
    [
        ("0", [("08125001", 1)]),
        ("-5.00", [("08125001", 1)]),
        ("100.001", [("08125001", 1)]),
        ("100.00", [("08125001", 0), ("08125002", 0)]),
        ("100.00", [("08125001", 1), ("08125001", 2)]),
        ("100.00", [("08125001", -1)]),
        ("100.00", []),
    ],
)
def test_bad_input_is_refused(total, counts):
    with pytest.raises(VerteilungsFehler):
        verteile(Decimal(total), counts)


@settings(max_examples=300, deadline=None)
@given(
    total_cents=st.integers(min_value=1, max_value=10**12),
    counts=st.lists(st.integers(min_value=0, max_value=100_000), min_size=1, max_size=200).filter(any),
)
def test_property_sum_is_exact_and_no_share_is_a_cent_off(total_cents, counts):
    total = Decimal(total_cents) / 100
    rows = [(f"{i:08d}", c) for i, c in enumerate(counts)]
    result = verteile(total, rows)
    assert sum(a.betrag for a in result) == total
    count_sum = sum(counts)
    for anteil, count in zip(result, counts, strict=True):
        exact = Decimal(total_cents * count) / Decimal(count_sum)  # in cents, exact enough
        assert abs(anteil.betrag * 100 - exact) < 1
        assert anteil.betrag == anteil.betrag.quantize(Decimal("0.01"))
