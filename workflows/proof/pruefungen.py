"""The checks of a proof of use, as pure functions over plain values (shown to the Gemeinde before it
submits and to the coordinator when reviewing):

* the months in which the staffed VZÄ (all positions together) fall below the year's minimum;
* expenditure (personnel and other costs) against the funds received;
* the surplus: funds received beyond what the grant covers (never negative) – it becomes a
  Rückforderung. What the grant covers depends on the Förderjahr's financing type:
  Festbetrag – the expenditure (the surplus is received − expenditure);
  Fehlbedarf – the gap the recipient's own funds and other grants leave (expenditure − own − other);
  Anteil – a fixed percentage of the expenditure (rounded to the cent).
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

MONATE = 12
NULL = Decimal("0.00")


@dataclass(frozen=True)
class Ergebnis:
    vzae_je_monat: list[Decimal]
    monate_unter_minimum: list[int]  # 1 = January
    ausgaben: Decimal
    einnahmen: Decimal
    mittel_erhalten: Decimal
    foerderfaehig: Decimal  # what the grant covers under the financing type
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
    finanzierungsart: str = "festbetrag",
    foerderanteil_prozent: Decimal = Decimal("100.00"),
) -> Ergebnis:
    je_monat = vzae_je_monat(stellen_monate)
    ausgaben = personalkosten + sachkosten
    foerderfaehig = gedeckt(finanzierungsart, ausgaben, eigenmittel, sonstige, foerderanteil_prozent)
    return Ergebnis(
        vzae_je_monat=je_monat,
        monate_unter_minimum=[m for m, vzae in enumerate(je_monat, 1) if vzae < minimum],
        ausgaben=ausgaben,
        einnahmen=mittel_erhalten + eigenmittel + sonstige,
        mittel_erhalten=mittel_erhalten,
        foerderfaehig=foerderfaehig,
        ueberschuss=max(mittel_erhalten - foerderfaehig, NULL),
    )


def gedeckt(
    finanzierungsart: str, ausgaben: Decimal, eigenmittel: Decimal, sonstige: Decimal, prozent: Decimal
) -> Decimal:
    """What the grant covers of the expenditure under ``finanzierungsart`` (values of
    ``portal.funding.models.Finanzierungsart``)."""
    if finanzierungsart == "fehlbedarf":
        return max(ausgaben - eigenmittel - sonstige, NULL)
    if finanzierungsart == "anteil":
        return (ausgaben * prozent / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if finanzierungsart == "festbetrag":
        return ausgaben
    raise ValueError(f"unknown financing type {finanzierungsart!r}")
