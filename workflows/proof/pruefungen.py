"""The checks of a proof of use, as pure functions over plain values (shown to the Gemeinde before it
submits and to the coordinator when reviewing):

* the months in which the staffed VZÄ (all positions together) fall below the year's minimum;
* expenditure (personnel and other costs) against the funds received;
* the surplus: funds received that were not spent (never negative) – it becomes a Rückforderung.
"""

from dataclasses import dataclass
from decimal import Decimal

MONATE = 12
NULL = Decimal("0.00")


@dataclass(frozen=True)
class Ergebnis:
    vzae_je_monat: list[Decimal]
    monate_unter_minimum: list[int]  # 1 = January
    ausgaben: Decimal
    einnahmen: Decimal
    mittel_erhalten: Decimal
    ueberschuss: Decimal

    @property
    def in_ordnung(self) -> bool:
        return not self.monate_unter_minimum and not self.ueberschuss


def vzae_je_monat(stellen_monate: list[list[Decimal]]) -> list[Decimal]:
    summen = [NULL] * MONATE
    for monate in stellen_monate:
        if len(monate) != MONATE:
            raise ValueError("a position needs exactly 12 monthly VZÄ values")
        summen = [a + b for a, b in zip(summen, monate, strict=True)]
    return summen


def pruefen(
    stellen_monate: list[list[Decimal]],
    minimum: Decimal,
    personalkosten: Decimal,
    sachkosten: Decimal,
    mittel_erhalten: Decimal,
    eigenmittel: Decimal = NULL,
    sonstige: Decimal = NULL,
) -> Ergebnis:
    je_monat = vzae_je_monat(stellen_monate)
    ausgaben = personalkosten + sachkosten
    return Ergebnis(
        vzae_je_monat=je_monat,
        monate_unter_minimum=[m for m, vzae in enumerate(je_monat, 1) if vzae < minimum],
        ausgaben=ausgaben,
        einnahmen=mittel_erhalten + eigenmittel + sonstige,
        mittel_erhalten=mittel_erhalten,
        ueberschuss=max(mittel_erhalten - ausgaben, NULL),
    )
