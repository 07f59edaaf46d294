"""Decision support for a Gemeinde: what its share funds, and what it would pay itself.

Pure functions over Decimal (EUR, whole cents; VZÄ with two decimals). The reference cost per VZÄ and
the minimum VZÄ are parameters of the Förderjahr. Example (seed 000): Nordheim's 31,234.00 EUR at
80,000.00 EUR per VZÄ funds 0.39 VZÄ; half a position (0.5 VZÄ, 40,000.00 EUR) needs 8,766.00 EUR
of its own money.
"""

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
VZAE_STEP = Decimal("0.01")


@dataclass(frozen=True)
class Finanzierung:
    anteil: Decimal  # EUR the Gemeinde (or Verbund) receives
    referenzkosten: Decimal  # EUR per VZÄ and year
    geplante_vzae: Decimal
    finanzierte_vzae: Decimal  # what the share pays for, rounded down to 0.01 VZÄ
    kosten: Decimal  # planned VZÄ × reference cost
    eigenanteil: Decimal  # what the Gemeinde pays itself (never negative)
    ueberschuss: Decimal  # share not needed for the planned VZÄ (never negative)


def finanzierung(anteil: Decimal, referenzkosten: Decimal, geplante_vzae: Decimal) -> Finanzierung:
    if referenzkosten <= 0:
        raise ValueError("reference cost must be positive")
    if anteil < 0 or geplante_vzae < 0:
        raise ValueError("share and planned VZÄ must not be negative")
    kosten = (geplante_vzae * referenzkosten).quantize(CENT, rounding=ROUND_HALF_UP)
    return Finanzierung(
        anteil=anteil,
        referenzkosten=referenzkosten,
        geplante_vzae=geplante_vzae,
        finanzierte_vzae=(anteil / referenzkosten).quantize(VZAE_STEP, rounding=ROUND_DOWN),
        kosten=kosten,
        eigenanteil=max(kosten - anteil, Decimal("0.00")),
        ueberschuss=max(anteil - kosten, Decimal("0.00")),
    )
