"""Helpers for the processes' e-mails: recipients by role and organisation, absolute links, sending."""

import logging

from django.conf import settings

from portal.organisations.models import Mitgliedschaft

log = logging.getLogger(__name__)


def absolute_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def adressen(ausser=None, **filters) -> list[str]:
    """E-mail addresses of active users with an active membership matching ``filters``."""
    qs = Mitgliedschaft.objects.filter(aktiv=True, user__is_active=True, **filters).exclude(user__email="")
    if ausser is not None:
        qs = qs.exclude(user=ausser)
    return sorted(set(qs.values_list("user__email", flat=True)))


def senden(empfaenger: list[str], betreff: str, text: str) -> None:
    """Queue the mail in the outbox, in the caller's transaction (``portal/core/postausgang.py``)."""
    from portal.core.postausgang import einreihen

    einreihen(empfaenger, betreff, text)


def robust(handler):
    """For the receivers that queue an event's mails inside the change's transaction: a mistake in a
    mail (template, translation, link) is logged and never rolls back the user's change."""
    import functools

    from django.db import transaction

    @functools.wraps(handler)
    def wrapper(*args, **kwargs):
        try:
            with transaction.atomic():  # a savepoint: a failed query here leaves the change intact
                return handler(*args, **kwargs)
        except Exception:
            log.exception("Mails of an event could not be queued (%s)", handler.__name__)
            return None

    return wrapper
