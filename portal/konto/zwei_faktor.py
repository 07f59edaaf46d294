"""Second factor (TOTP from an authenticator app, plus one-time backup codes) on top of django-otp.

Mandatory for the roles that move money or read statewide figures (koordination, finanzen, land) and for
operators; optional for everyone else, but once a user has set one up it is always asked for. A session
also remembers when its user last proved who they are, so that approving a transfer can insist on a
confirmation from the last few minutes (``frisch_bestaetigt``)."""

import time

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django_otp import DEVICE_ID_SESSION_KEY, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.organisations.models import Rolle

#: Roles that must use a second factor.
PFLICHT_ROLLEN = (Rolle.KOORDINATION, Rolle.FINANZEN, Rolle.LAND)
#: Session key: Unix time of the last password or code confirmation.
ZULETZT_BESTAETIGT = "zuletzt_bestaetigt"
ANZAHL_BACKUP_CODES = 10
BACKUP_GERAET = "Backup-Codes"


def pflicht(user) -> bool:
    """Must this user confirm a second factor?"""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    # a power role waiting for its second coordinator counts: the person sets up the factor at once
    return (
        user.mitgliedschaften.filter(rolle__in=PFLICHT_ROLLEN)
        .filter(Q(aktiv=True) | Q(wartet_auf_bestaetigung=True))
        .exists()
    )


def verlangt(user) -> bool:
    """Is a second factor asked for at login (mandatory, or set up voluntarily)?"""
    return pflicht(user) or user_has_device(user)


def totp_geraet(user, confirmed=True) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("-pk").first()


def neues_totp_geraet(user) -> TOTPDevice:
    """An unconfirmed authenticator for the setup page (one at a time; a reload keeps the same key)."""
    geraet = totp_geraet(user, confirmed=False)
    if geraet is None:
        geraet = TOTPDevice.objects.create(user=user, name="Authenticator-App", confirmed=False)
    return geraet


@transaction.atomic
def einrichtung_abschliessen(request, geraet: TOTPDevice) -> list[str]:
    """Confirm the new authenticator, drop older ones, log the session in with it and issue fresh
    backup codes (returned once, for display)."""
    geraet.confirmed = True
    geraet.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=geraet.user).exclude(pk=geraet.pk).delete()
    bestaetigt(request, geraet)
    return backup_codes_erzeugen(geraet.user)


@transaction.atomic
def backup_codes_erzeugen(user) -> list[str]:
    """Replace the user's backup codes with new ones; each works once."""
    geraet, _ = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_GERAET, defaults={"confirmed": True}
    )
    geraet.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(ANZAHL_BACKUP_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=geraet, token=code) for code in codes])
    return codes


def backup_codes_uebrig(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__name=BACKUP_GERAET).count()


def bestaetigt(request, geraet) -> None:
    """The session has just proved its second factor with ``geraet``."""
    otp_login(request, geraet)
    request.session[ZULETZT_BESTAETIGT] = time.time()


def passwort_bestaetigt(request) -> None:
    request.session[ZULETZT_BESTAETIGT] = time.time()


def frisch_bestaetigt(request) -> bool:
    """Did the user confirm their identity within ``FRISCHE_ANMELDUNG_SEKUNDEN``?"""
    zeitpunkt = request.session.get(ZULETZT_BESTAETIGT)
    return zeitpunkt is not None and time.time() - zeitpunkt <= settings.FRISCHE_ANMELDUNG_SEKUNDEN


__all__ = ["DEVICE_ID_SESSION_KEY"]
