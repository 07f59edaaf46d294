"""Bar charts as inline SVG, rendered on the server: no script, no download at run time. Every chart
is shown with a table of the same numbers beside it (templates/includes/diagramm.html)."""

from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from django.utils.translation import gettext_lazy

from portal.core.darstellung import dezimal

BREITE, ZEILE, LABEL = 560, 26, 190
KEINE_DATEN = gettext_lazy("keine Daten")


def balken_svg(titel: str, werte: list[tuple[str, Decimal | int | float | None]], einheit: str = "") -> str:
    """Horizontal bars, one per (label, value); the longest bar fills the width."""
    zahlen = [v or 0 for _label, v in werte]
    maximum = max(zahlen, default=0) or 1
    hoehe = ZEILE * len(werte) + 10
    teile = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="diagramm" role="img" viewBox="0 0 {BREITE} {hoehe}" '
        f'width="100%" aria-label={quoteattr(titel)}>',
        f"<title>{escape(titel)}</title>",
    ]
    platz = BREITE - LABEL - 90
    for i, (label, value) in enumerate(werte):
        y = 5 + i * ZEILE
        beschriftung = escape(str(label)[:28])
        teile.append(
            f'<text x="{LABEL - 6}" y="{y + 17}" text-anchor="end" font-size="13">{beschriftung}</text>'
        )
        if value is None:  # no data is no bar, and says so – never a bar of 0 (#19)
            hinweis = escape(str(KEINE_DATEN))
            teile.append(f'<text x="{LABEL + 6}" y="{y + 17}" font-size="13" fill="#555">{hinweis}</text>')
            continue
        laenge = max(int(platz * float(value) / float(maximum)), 1)
        text = dezimal(value, stellen=2, mindestens=0)
        teile.append(
            f'<rect x="{LABEL}" y="{y + 4}" width="{laenge}" height="{ZEILE - 8}" fill="#0b5a8a"></rect>'
            f'<text x="{LABEL + laenge + 6}" y="{y + 17}" font-size="13">{escape(f"{text} {einheit}")}</text>'
        )
    teile.append("</svg>")
    return "".join(teile)
