"""Mittelverteilung: a Kreis's budget distributed over its Gemeinden in proportion to their counts.

Pure functions in exact integer arithmetic (cents), so the result is the same on every machine:

1. Each Gemeinde's exact quota is ``total × count / sum of counts``; it first gets that quota rounded
   down to whole cents.
2. The cents left over (fewer than the number of Gemeinden) go one each to the Gemeinden with the
   largest remainder after rounding down; ties go to the larger count, then to the lower AGS.

So the shares add up exactly to the total, and no share differs from its exact quota by a cent or more.
"""

from dataclasses import dataclass
from decimal import Decimal

from portal.core.darstellung import anzahl, dezimal, geld

CENT = Decimal("0.01")


class VerteilungsFehler(ValueError):
    """Input the calculation refuses (no Gemeinden, a duplicate AGS, negative counts, a bad total)."""


@dataclass(frozen=True)
class Anteil:
    """One Gemeinde's share: its count of persons, the share in EUR, and the whole it is part of."""

    ags: str
    anzahl: int
    betrag: Decimal  # EUR, two decimals
    gesamtbetrag: Decimal
    anzahl_summe: int

    @property
    def abgerundet(self) -> Decimal:
        """The exact quota rounded down to whole cents (step 1)."""
        if not self.anzahl_summe:
            return Decimal("0.00")
        cents = in_cent(self.gesamtbetrag) * self.anzahl // self.anzahl_summe
        return (Decimal(cents) / 100).quantize(CENT)

    @property
    def rest_cent(self) -> bool:
        """Whether this share got one of the cents left over (step 2)."""
        return self.betrag > self.abgerundet

    def erklaerung(self) -> str:
        """The calculation in German number format, e.g. "23 von 1.234 Personen = 1,8639 % von
        1.810.740,00 € = 33.749,60 € + 0,01 € Rundungsrest = 33.749,61 €" (the rest only where a left-over
        cent went to this share)."""
        prozent = Decimal(self.anzahl * 100) / Decimal(self.anzahl_summe) if self.anzahl_summe else Decimal(0)
        quote = dezimal(prozent.quantize(Decimal("0.0001")), stellen=4, mindestens=4, sprache="de")
        rest = ""
        if self.rest_cent:
            rest = " = {} + {} Rundungsrest".format(
                geld(self.abgerundet, sprache="de"), geld(self.betrag - self.abgerundet, sprache="de")
            )
        return "{} von {} Personen = {} % von {}{} = {}".format(
            anzahl(self.anzahl, sprache="de"),
            anzahl(self.anzahl_summe, sprache="de"),
            quote,
            geld(self.gesamtbetrag, sprache="de"),
            rest,
            geld(self.betrag, sprache="de"),
        )


def in_cent(total: Decimal) -> int:
    if not isinstance(total, Decimal):
        raise VerteilungsFehler("the total must be a Decimal")
    if total <= 0:
        raise VerteilungsFehler("the total must be positive")
    if total != total.quantize(CENT):
        raise VerteilungsFehler("the total has more than two decimals")
    return int(total * 100)


def verteile(total: Decimal, counts: list[tuple[str, int]]) -> list[Anteil]:
    """Shares of ``total`` (the Planungsrahmen) for ``counts`` = [(ags, anzahl), …], in the input order."""
    total_cents = in_cent(total)
    if not counts:
        raise VerteilungsFehler("no Gemeinden to distribute to")
    seen = set()
    for ags, count in counts:
        if ags in seen:
            raise VerteilungsFehler(f"duplicate AGS {ags}")
        seen.add(ags)
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise VerteilungsFehler(f"count of {ags} must be a whole number ≥ 0")
    count_sum = sum(count for _, count in counts)
    if count_sum == 0:
        raise VerteilungsFehler("all counts are zero")

    floors = [total_cents * count // count_sum for _, count in counts]
    remainders = [total_cents * count % count_sum for _, count in counts]
    leftover = total_cents - sum(floors)
    order = sorted(range(len(counts)), key=lambda i: (-remainders[i], -counts[i][1], counts[i][0]))
    for i in order[:leftover]:
        floors[i] += 1
    return [
        Anteil(ags, count, (Decimal(cents) / 100).quantize(CENT), total, count_sum)
        for (ags, count), cents in zip(counts, floors, strict=True)
    ]
