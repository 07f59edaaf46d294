"""IBAN checks with schwifty (structure, length, country and the ISO 7064 checksum), with German messages."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from schwifty import BIC, IBAN, exceptions


def iban_pruefen(value: str) -> str:
    """The IBAN in compact form (``DE89370400440532013000``), or a ``ValidationError`` saying why not."""
    try:
        return IBAN(value or "").compact
    except exceptions.InvalidChecksumDigits as e:
        raise ValidationError(_("Die Prüfziffer der IBAN stimmt nicht. Bitte prüfen Sie die Eingabe.")) from e
    except exceptions.InvalidLength as e:
        raise ValidationError(_("Die IBAN hat nicht die richtige Länge (deutsche IBAN: 22 Zeichen).")) from e
    except exceptions.InvalidCountryCode as e:
        raise ValidationError(_("Die IBAN beginnt nicht mit einem gültigen Ländercode (z. B. DE).")) from e
    except exceptions.SchwiftyException as e:
        raise ValidationError(_("Das ist keine gültige IBAN.")) from e


def iban_validator(value: str) -> None:
    iban_pruefen(value)


def iban_formatiert(value: str) -> str:
    """Groups of four for reading (``DE89 3704 0044 …``)."""
    return IBAN(value).formatted if value else ""


def iban_maskiert(value: str) -> str:
    """Only country, check digits and the last four digits (for those who may not see bank details)."""
    return f"{value[:4]} **** **** {value[-4:]}" if value else ""


def bic_pruefen(value: str) -> str:
    """The BIC in compact form (``COBADEFFXXX`` or ``COBADEFF``), or a ``ValidationError``."""
    try:
        return BIC(value or "").compact
    except exceptions.SchwiftyException as e:
        raise ValidationError(_("Das ist keine gültige BIC (8 oder 11 Zeichen, z. B. SOLADES1HNB).")) from e


def bic_validator(value: str) -> None:
    bic_pruefen(value)


def kompakt(value: str | None) -> str | None:
    """Without spaces, in upper case: how a bank identifier is stored, however it was typed."""
    return "".join(value.split()).upper() if value else value


class KompaktEingabe(forms.CharField):
    """Form field for a bank identifier: spaces and lower case are fine to type; the length is checked
    on the compact value, and the input box leaves room for the blocks of four."""

    def to_python(self, value):
        return kompakt(super().to_python(value)) or ""

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if self.max_length is not None:
            attrs["maxlength"] = str(self.max_length + self.max_length // 4 + 2)
        return attrs


class _KompaktFeld(models.CharField):
    """A bank identifier stored compact whatever the input path (portal form, Django admin, command,
    ORM): ``to_python`` normalises what forms and ``full_clean`` pass in, ``pre_save`` what code assigns
    directly. So no stored value can break the SEPA file."""

    def to_python(self, value):
        return kompakt(super().to_python(value))

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": KompaktEingabe, **kwargs})

    def pre_save(self, model_instance, add):
        value = kompakt(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value


class IBANFeld(_KompaktFeld):
    default_validators = [iban_validator]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 34)
        super().__init__(*args, **kwargs)


class BICFeld(_KompaktFeld):
    default_validators = [bic_validator]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 11)
        super().__init__(*args, **kwargs)
