"""Form fields for how people in German offices type numbers."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from portal.core.darstellung import Eingabefehler, anzahl_lesen, geld, geld_lesen, ist_deutsch


class EuroField(forms.DecimalField):
    """An amount in EUR as typed in Germany: ``100.000,00``, ``100000,00``, ``100000.00`` or ``1.234 €``
    (read by ``darstellung.geld_lesen``, which refuses what could mean two amounts, such as ``1,234.56``)."""

    def __init__(self, **kwargs):
        # a text box: number inputs refuse the German "100.000,00"
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str) and value.strip():
            try:
                value = geld_lesen(value, stellen=None)
            except Eingabefehler as e:
                meldung = str(e) if e.mehrdeutig else self.error_messages["invalid"]
                raise ValidationError(meldung, code="invalid") from e
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
            # German grouping in German; plain "1234.56" in English, which geld_lesen reads in both
            return geld(value, symbol=False) if ist_deutsch() else f"{Decimal(value):.2f}"
        return value


class AnzahlField(forms.IntegerField):
    """A count as typed in Germany (``100.000``): a text box, because a browser's number input turns
    "100.000,00" into 100 without a word; a decimal comma is refused, not cut off."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str) and value.strip():
            try:
                value = anzahl_lesen(value)
            except Eingabefehler as e:
                meldung = str(e) if e.mehrdeutig else self.error_messages["invalid"]
                raise ValidationError(meldung, code="invalid") from e
        return super().to_python(value)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        # min/max belong to number inputs; on a text box they would only confuse assistive technology
        attrs.pop("min", None)
        attrs.pop("max", None)
        return attrs


#: What a date field accepts: German dates (with two- or four-digit year) and ISO dates (as a browser's
#: date picker or a pasted value sends them).
DATUMSFORMATE = ["%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"]


class DatumsEingabe(forms.DateInput):
    """A date as TT.MM.JJJJ in a text box: a ``type=date`` field shows the date in the browser's
    language (an English browser shows 05/31/2027), which German offices do not read (#19)."""

    input_type = "text"

    def __init__(self, attrs=None):
        attrs = {
            "autocomplete": "off",
            "placeholder": gettext_lazy("TT.MM.JJJJ"),
            "size": 10,
            **(attrs or {}),
        }
        super().__init__(attrs=attrs, format="%d.%m.%Y")


class DatumsFeld(forms.DateField):
    """A date field that shows TT.MM.JJJJ and accepts TT.MM.JJJJ, TT.MM.JJ and JJJJ-MM-TT in every
    language of the portal."""

    widget = DatumsEingabe
    input_formats = DATUMSFORMATE
    default_error_messages = {"invalid": gettext_lazy("Bitte das Datum als TT.MM.JJJJ angeben.")}

    def to_python(self, value):
        datum = super().to_python(value)
        # "01.01.70" is not 1970, "0202" is no year: a date of this programme lies in this century
        if datum is not None and not 2000 <= datum.year <= 2099:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return datum

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", DatumsEingabe())
        kwargs.setdefault("input_formats", DATUMSFORMATE)
        # one wording for a date that cannot be read, naming the format
        kwargs["error_messages"] = {
            **kwargs.get("error_messages", {}),
            "invalid": self.default_error_messages["invalid"],
        }
        super().__init__(**kwargs)


def upload_mb() -> int:
    """The upload limit in MB (``MAX_UPLOAD_BYTES``), for labels such as "höchstens 10 MB"."""
    from django.conf import settings

    return settings.MAX_UPLOAD_BYTES // (1024 * 1024)
