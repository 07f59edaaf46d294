"""State changes of organisations and users (each permission-checked and audited)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from portal.audit.services import diff, record_event
from portal.organisations.models import User
from portal.permissions import require


@transaction.atomic
def benutzer_deaktivieren(target: User, actor, begruendung: str) -> User:
    """Deactivate instead of delete: the user can no longer log in, history stays intact."""
    target = User.objects.select_for_update().get(pk=target.pk)
    require(actor, "benutzer.deaktivieren", target)
    if not begruendung.strip():
        raise ValidationError({"begruendung": _("Bitte geben Sie einen Grund an.")})
    if target.is_active:
        target.is_active = False
        target.save(update_fields=["is_active"])
        record_event(
            "benutzer.deaktiviert",
            target,
            actor=actor,
            begruendung=begruendung.strip(),
            aenderungen=diff({"is_active": True}, {"is_active": False}),
        )
    return target


@transaction.atomic
def benutzer_reaktivieren(target: User, actor, begruendung: str = "") -> User:
    target = User.objects.select_for_update().get(pk=target.pk)
    require(actor, "benutzer.deaktivieren", target)
    if not target.is_active:
        target.is_active = True
        target.save(update_fields=["is_active"])
        record_event(
            "benutzer.reaktiviert",
            target,
            actor=actor,
            begruendung=begruendung.strip(),
            aenderungen=diff({"is_active": False}, {"is_active": True}),
        )
    return target
