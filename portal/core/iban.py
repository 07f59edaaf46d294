"""IBAN checks with schwifty (structure, length, country and the ISO 7064 checksum), with German messages."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from schwifty import IBAN, exceptions


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
