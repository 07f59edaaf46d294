from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag
def history_url(obj):
    """Link to the history page of any audited object."""
    return reverse("audit:object", args=[obj._meta.label_lower, obj.pk])


@register.filter
def objekt_typ(obj) -> str:
    """The audit trail's type of a record (``optin.entscheidung``), to tell its own events from others'."""
    return obj._meta.label_lower
