from django import template
from django.utils import timezone

from portal.cms.kreiswahl import besucher_kreis
from portal.funding import termine
from portal.funding.models import Frist

register = template.Library()


@register.simple_tag(takes_context=True)
def naechster_termin(context, code):
    """The next date of deadline ``code`` for the reader's Kreis (or the programme default)."""
    request = context.get("request")
    cache = context.get("_termine_cache")
    if cache is None:
        kreis = besucher_kreis(request)
        cache = {
            "kreis": kreis,
            "termine": {t.schluessel: t for t in termine.naechste_fristen(kreis, timezone.localdate())},
        }
        context["_termine_cache"] = cache
    return {"termin": cache["termine"].get(code), "kreis": cache["kreis"], "label": Frist(code).label}
