"""For tests and the benchmark: a logged-in test client whose session has passed the second factor."""

import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.konto import zwei_faktor


def zweiten_faktor_bestaetigen(client, user) -> None:
    if not zwei_faktor.verlangt(user):
        return
    geraet = zwei_faktor.totp_geraet(user) or TOTPDevice.objects.create(
        user=user, name="Test", confirmed=True
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = geraet.persistent_id
    session[zwei_faktor.ZULETZT_BESTAETIGT] = time.time()
    session.save()
