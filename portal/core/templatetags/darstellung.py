"""Template filters of the presentation layer (``portal.core.darstellung``), available in every template
without ``{% load %}``: ``{{ betrag|geld }}``, ``{{ vzae|dezimal }}``, ``{{ personen|anzahl }}``,
``{{ quote|prozent }}``, ``{{ frist|datum }}``, ``{{ frist|datum_lang }}``, ``{{ zeitpunkt|zeitpunkt }}``,
``{{ 8|monat }}``."""

from django import template

from portal.core import darstellung

register = template.Library()


@register.filter
def geld(wert):
    return darstellung.geld(wert)


@register.filter
def betrag(wert):
    """The number only (``1.234,56``), for columns headed "(EUR)"."""
    return darstellung.geld(wert, symbol=False)


@register.filter
def dezimal(wert, stellen=2):
    return darstellung.dezimal(wert, stellen=int(stellen))


@register.filter
def zahl(wert):
    """A chart's value as read in an office: counts with grouping (``1.234``), decimals with the places
    they were rounded to (amounts ``106.268,62``, averages ``4,3``)."""
    from decimal import Decimal

    if isinstance(wert, Decimal):
        stellen = max(-wert.as_tuple().exponent, 0)
        return darstellung.dezimal(wert, stellen=stellen, mindestens=stellen)
    return darstellung.anzahl(wert)


@register.filter
def anzahl(wert):
    return darstellung.anzahl(wert)


@register.filter
def prozent(wert):
    return darstellung.prozent(wert)


@register.filter
def datum(wert):
    return darstellung.datum(wert)


@register.filter
def datum_lang(wert):
    return darstellung.datum_lang(wert)


@register.filter
def zeitpunkt(wert):
    return darstellung.zeitpunkt(wert)


@register.filter
def monat(wert, kurz=False):
    """``{{ 8|monat }}`` → "August"; ``{{ 8|monat:"kurz" }}`` → "Aug."."""
    return darstellung.monat(wert, kurz=bool(kurz))
