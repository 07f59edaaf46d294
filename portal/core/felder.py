"""Form fields for how people in German offices type numbers."""

from django import forms


class EuroField(forms.DecimalField):
    """An amount in EUR as typed in Germany: ``100.000,00``, ``100000,00``, ``100000.00`` or ``1.234 €``.
    With a comma present, dots are thousand separators; the value is a Decimal with at most two places."""

    def __init__(self, **kwargs):
        # a text box: number inputs refuse the German "100.000,00"
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("€", "").replace("EUR", "").replace(" ", "").replace("\u00a0", "").strip()
            if "," in value:
                value = value.replace(".", "").replace(",", ".")
        return super().to_python(value)

    def prepare_value(self, value):
        if value in (None, ""):
            return value
        try:
            return f"{value:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
        except (TypeError, ValueError):
            return value


def vzae_text(value) -> str:
    """A VZÄ value as German offices write it: ``1,0``, ``0,5``, ``0,75`` (at least one decimal)."""
    text = f"{value.normalize():f}"
    if "." not in text:
        text += ".0"
    return text.replace(".", ",")


def upload_mb() -> int:
    """The upload limit in MB (``MAX_UPLOAD_BYTES``), for labels such as "höchstens 10 MB"."""
    from django.conf import settings

    return settings.MAX_UPLOAD_BYTES // (1024 * 1024)
