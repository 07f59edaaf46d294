"""Numbers and dates, one way: how the portal writes and reads money, decimals, percentages and dates in
templates, letters, spreadsheets, mails and audit texts. German first (``1.234,56 €``, ``0,5``,
``03.12.2026``), the English forms when the page is in English; Babel knows the rules of both, so no module
formats a number by hand. ``geld_lesen`` and ``anzahl_lesen`` read what people in a German office type
and refuse what could mean two different amounts."""

import datetime
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from babel.dates import format_date, format_datetime, get_month_names
from babel.numbers import format_currency, format_decimal, format_percent
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

CENT = Decimal("0.01")

#: Babel locale of each portal language.
GEBIETSSCHEMA = {"de": "de_DE", "en": "en_GB"}


def _locale(sprache: str | None = None) -> str:
    sprache = (sprache or get_language() or "de").split("-")[0]
    return GEBIETSSCHEMA.get(sprache, "de_DE")


def ist_deutsch(sprache: str | None = None) -> bool:
    return _locale(sprache) == "de_DE"


def _decimal(wert) -> Decimal | None:
    if wert is None or wert == "":
        return None
    if isinstance(wert, float):  # a float never reaches money, but a template may hand one in
        wert = repr(wert)
    try:
        return Decimal(wert)
    except (InvalidOperation, TypeError, ValueError):
        return None


def geld(wert, *, sprache: str | None = None, leer: str = "–", symbol: bool = True) -> str:
    """``1.234,56 €`` (German), ``€1,234.56`` (English); always two decimals, rounded half up to the cent.
    Without ``symbol`` only the number (``1.234,56``), for table columns headed "(EUR)"."""
    betrag = _decimal(wert)
    if betrag is None:
        return leer
    betrag = betrag.quantize(CENT, rounding=ROUND_HALF_UP)
    if not symbol:
        return format_decimal(betrag, format="#,##0.00", locale=_locale(sprache))
    return format_currency(betrag, "EUR", locale=_locale(sprache))


def dezimal(
    wert, *, stellen: int = 2, mindestens: int = 1, sprache: str | None = None, leer: str = "–"
) -> str:
    """A decimal such as VZÄ: ``0,5``, ``1,0``, ``0,75`` (between ``mindestens`` and ``stellen`` places)."""
    zahl = _decimal(wert)
    if zahl is None:
        return leer
    muster = "#,##0." + "0" * mindestens + "#" * max(stellen - mindestens, 0) if stellen else "#,##0"
    return format_decimal(zahl, format=muster, locale=_locale(sprache))


def anzahl(wert, *, sprache: str | None = None, leer: str = "–") -> str:
    """A count: ``1.234`` (German), ``1,234`` (English)."""
    if wert is None or wert == "":
        return leer
    return format_decimal(int(wert), format="#,##0", locale=_locale(sprache))


def prozent(wert, *, stellen: int = 1, sprache: str | None = None, leer: str = "–") -> str:
    """A share given as a fraction (``0.255`` → ``25,5 %``)."""
    zahl = _decimal(wert)
    if zahl is None:
        return leer
    muster = "#,##0" + ("." + "#" * stellen if stellen else "") + "\u00a0%"
    return format_percent(zahl, format=muster, locale=_locale(sprache))


def datum(wert, *, sprache: str | None = None, leer: str = "–") -> str:
    """``03.12.2026`` (German, TT.MM.JJJJ), ``3 Dec 2026`` (English). A datetime is shown in Berlin time."""
    if wert is None or wert == "":
        return leer
    if isinstance(wert, datetime.datetime):
        wert = timezone.localtime(wert) if timezone.is_aware(wert) else wert
        wert = wert.date()
    if ist_deutsch(sprache):
        return format_date(wert, "dd.MM.yyyy", locale="de_DE")
    return format_date(wert, "d MMM yyyy", locale=_locale(sprache))


def datum_lang(wert, *, sprache: str | None = None, leer: str = "–") -> str:
    """A date written out, for a deadline that stands on its own: ``31. Mai 2027``, ``31 May 2027``."""
    if wert is None or wert == "":
        return leer
    if isinstance(wert, datetime.datetime):
        wert = timezone.localtime(wert).date() if timezone.is_aware(wert) else wert.date()
    muster = "d. MMMM yyyy" if ist_deutsch(sprache) else "d MMMM yyyy"
    return format_date(wert, muster, locale=_locale(sprache))


def zeitpunkt(wert, *, sprache: str | None = None, leer: str = "–") -> str:
    """``03.12.2026, 14:05 Uhr`` (German), ``3 Dec 2026, 14:05`` (English), in Berlin time."""
    if wert is None or wert == "":
        return leer
    if timezone.is_aware(wert):
        wert = timezone.localtime(wert)
    if ist_deutsch(sprache):
        return format_datetime(wert, "dd.MM.yyyy, HH:mm 'Uhr'", locale="de_DE")
    return format_datetime(wert, "d MMM yyyy, HH:mm", locale=_locale(sprache))


# --- reading what people type -------------------------------------------------------------------------

_WAEHRUNG = re.compile(r"(€|EUR|Euro)", re.IGNORECASE)
_LEER = re.compile(r"[\s\u00a0\u202f']")
# [0-9], not \d: full-width or Arabic-Indic digits ("９９") are not read as numbers
_TAUSENDER = r"[0-9]{1,3}(?:\.[0-9]{3})+"


class Eingabefehler(ValueError):
    """Typed input that is not a number, or that could mean two different numbers; the message is for
    the person who typed it. ``mehrdeutig``: the input was a number, but which one is unclear."""

    def __init__(self, meldung, mehrdeutig: bool = False):
        super().__init__(meldung)
        self.mehrdeutig = mehrdeutig


def geld_lesen(text: str, *, stellen: int | None = 2) -> Decimal:
    """Read an amount as typed in Germany: ``1.234,56``, ``1234,56``, ``1.234 €``, ``1234.56``, ``100.000``.

    The comma is the decimal separator and dots group thousands. A lone dot followed by one or two
    digits (``1234.56``) is read as a decimal point, as a web form or a copied number writes it. Refused,
    because they could mean two amounts: the English ``1,234.56``, groups that are not three digits
    (``1.23.456``), more than ``stellen`` decimals (``1,234`` is 1 euro and 234 thousandths, not 1.234
    euros; a form field passes ``stellen=None`` and lets its own rule on decimal places speak)."""
    roh = _LEER.sub("", _WAEHRUNG.sub("", str(text))).strip()
    if not roh:
        raise Eingabefehler(_("Bitte geben Sie einen Betrag ein."))
    vorzeichen = ""
    if roh[0] in "+-":
        vorzeichen, roh = ("-" if roh[0] == "-" else ""), roh[1:]
    if "," in roh and "." in roh and roh.rfind(".") > roh.rfind(","):
        raise Eingabefehler(
            _("„%(eingabe)s“ ist mehrdeutig. Bitte schreiben Sie den Betrag deutsch, z. B. 1.234,56.")
            % {"eingabe": text},
            mehrdeutig=True,
        )
    if roh.count(",") > 1:
        raise Eingabefehler(_("Ein Betrag hat höchstens ein Komma, z. B. 1.234,56."))
    if "," in roh:
        ganz, bruch = roh.split(",")
    elif re.fullmatch(rf"[0-9]+\.[0-9]{{1,{stellen or 2}}}", roh):
        ganz, bruch = roh.split(".")
    else:
        ganz, bruch = roh, ""
    if "." in ganz and not re.fullmatch(_TAUSENDER, ganz):
        raise Eingabefehler(
            _(
                "„%(eingabe)s“ ist mehrdeutig: Punkte trennen nur Tausender (1.234.567,89), "
                "Nachkommastellen folgen nach dem Komma."
            )
            % {"eingabe": text},
            mehrdeutig=True,
        )
    ganz = ganz.replace(".", "")
    if not re.fullmatch(r"[0-9]+", ganz or "0") or (bruch and not re.fullmatch(r"[0-9]+", bruch)):
        raise Eingabefehler(_("Bitte geben Sie eine Zahl ein, z. B. 1.234,56."))
    if stellen is not None and len(bruch) > stellen:
        raise Eingabefehler(
            _("Höchstens %(n)s Nachkommastellen, z. B. 1.234,56. Tausender trennt ein Punkt.")
            % {"n": stellen}
        )
    return Decimal(f"{vorzeichen}{ganz or '0'}.{bruch or '0'}")


def anzahl_lesen(text: str) -> int:
    """Read a count as typed in Germany: ``100000``, ``100.000`` or ``100 000``. A decimal comma or a dot
    that does not group thousands is refused instead of silently read as a smaller number."""
    roh = _LEER.sub("", str(text)).strip()
    if not roh:
        raise Eingabefehler(_("Bitte geben Sie eine Zahl ein."))
    if roh[0] in "+-" and len(roh) > 1:  # the sign is read; whether it is allowed is the field's rule
        return (-1 if roh[0] == "-" else 1) * anzahl_lesen(roh[1:])
    if re.fullmatch(r"[0-9]+", roh):
        return int(roh)
    if re.fullmatch(_TAUSENDER, roh):
        return int(roh.replace(".", ""))
    if re.fullmatch(_TAUSENDER + r",0+|[0-9]+,0+", roh):
        return int(roh.split(",")[0].replace(".", ""))
    if "," in roh or re.fullmatch(r"[0-9]+\.[0-9]+", roh):
        raise Eingabefehler(_("Bitte geben Sie eine ganze Zahl ein (Tausender mit Punkt: 100.000)."))
    raise Eingabefehler(_("Bitte geben Sie eine ganze Zahl ein, z. B. 1.234."))


def monat(nummer, *, kurz: bool = False, sprache: str | None = None) -> str:
    """The name of month 1–12 ("August", short "Aug."), for checks and tables that list months."""
    try:
        n = int(nummer)
    except (TypeError, ValueError):
        return "–"
    if not 1 <= n <= 12:
        return "–"
    return get_month_names("abbreviated" if kurz else "wide", locale=_locale(sprache))[n]
