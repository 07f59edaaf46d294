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

CENT = Decimal("0.01")


class AllocationError(ValueError):
    pass


@dataclass(frozen=True)
class Anteil:
    ags: str
    count: int
    share: Decimal  # EUR, two decimals
    total: Decimal
    count_sum: int

    def erklaerung(self) -> str:
        """The calculation in German number format, e.g.
        "23 von 1.234 Personen = 1,8639 % von 1.810.740,00 EUR = 33.749,61 EUR"."""
        percent = Decimal(self.count * 100) / Decimal(self.count_sum) if self.count_sum else Decimal(0)
        return (
            f"{german_int(self.count)} von {german_int(self.count_sum)} Personen = "
            f"{german_decimal(percent, 4)} % von {german_decimal(self.total, 2)} EUR = "
            f"{german_decimal(self.share, 2)} EUR"
        )


def german_int(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def german_decimal(value: Decimal, places: int) -> str:
    quantised = value.quantize(Decimal(1).scaleb(-places))
    text = f"{quantised:,.{places}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def to_cents(total: Decimal) -> int:
    if not isinstance(total, Decimal):
        raise AllocationError("the total must be a Decimal")
    if total <= 0:
        raise AllocationError("the total must be positive")
    if total != total.quantize(CENT):
        raise AllocationError("the total has more than two decimals")
    return int(total * 100)


def verteile(total: Decimal, counts: list[tuple[str, int]]) -> list[Anteil]:
    """Shares of ``total`` for ``counts`` = [(ags, count), …], in the input order."""
    total_cents = to_cents(total)
    if not counts:
        raise AllocationError("no Gemeinden to distribute to")
    seen = set()
    for ags, count in counts:
        if ags in seen:
            raise AllocationError(f"duplicate AGS {ags}")
        seen.add(ags)
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise AllocationError(f"count of {ags} must be a whole number ≥ 0")
    count_sum = sum(count for _, count in counts)
    if count_sum == 0:
        raise AllocationError("all counts are zero")

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
