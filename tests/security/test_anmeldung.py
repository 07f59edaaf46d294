"""Login security a user notices: the second factor for the roles that move money or read statewide
figures, backup codes, a fresh confirmation before approving a transfer, lockout after repeated wrong
passwords, the end of an idle session, and the Content-Security-Policy header."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.audit.models import AuditEvent
from portal.start.demo import DEMO_PASSWORD, demo_totp_key
from tests.conftest import anmelden
from tests.transfer.conftest import IBAN_NORDHEIM, fj, nordheim  # noqa: F401 - fixtures
from workflows.transfer import services
from workflows.transfer.models import Weiterleitung

pytestmark = pytest.mark.django_db


def passwort(client, username, password=DEMO_PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


def code(device: TOTPDevice) -> str:
    """The code the user's authenticator app shows now."""
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"


def test_coordinator_needs_the_code_after_the_password(demo, client, user):
    response = passwort(client, "hn-koordination")
    assert response.status_code == 302
    # Every portal page sends them to the code page first.
    for url in (reverse("start:dashboard"), reverse("optin:uebersicht"), "/admin/", "/cms/"):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("konto:pruefen")), url
    pruefen = f"{reverse('konto:pruefen')}?next=/portal/entscheidungen/"
    page = client.get(pruefen)
    assert "Authenticator-App" in page.content.decode()

    falsch = client.post(pruefen, {"code": "000000", "next": "/portal/entscheidungen/"})
    assert falsch.status_code == 200
    assert "Der Code stimmt nicht" in falsch.content.decode()

    device = TOTPDevice.objects.get(user=user("hn-koordination"))
    assert device.key == demo_totp_key("hn-koordination")
    device.throttle_reset()
    richtig = client.post(pruefen, {"code": code(device), "next": "/portal/entscheidungen/"})
    assert richtig.status_code == 302 and richtig.url == "/portal/entscheidungen/"
    assert client.get(reverse("start:dashboard")).status_code == 200


def test_the_same_code_is_not_accepted_twice(demo, client, user):
    device = TOTPDevice.objects.get(user=user("land"))
    wert = code(device)
    passwort(client, "land")
    assert client.post(reverse("konto:pruefen"), {"code": wert}).status_code == 302
    client.post(reverse("logout"))
    device.refresh_from_db()
    device.throttle_reset()
    passwort(client, "land")
    again = client.post(reverse("konto:pruefen"), {"code": wert})
    assert again.status_code == 200 and "Der Code stimmt nicht" in again.content.decode()


def test_gemeinde_staff_log_in_with_the_password_alone(demo, client):
    passwort(client, "nordheim")
    assert client.get(reverse("start:dashboard")).status_code == 200


def test_setup_with_qr_code_then_backup_codes_work_once(demo, client, user):
    finanzen = user("hn-finanzen")
    TOTPDevice.objects.filter(user=finanzen).delete()
    passwort(client, "hn-finanzen")
    response = client.get(reverse("start:dashboard"))
    assert response.url.startswith(reverse("konto:einrichten"))
    page = client.get(response.url)
    html = page.content.decode()
    assert "<svg" in html and "QR-Code" in html
    neu = TOTPDevice.objects.get(user=finanzen, confirmed=False)
    assert neu.key and "zum Abtippen" in html

    falsch = client.post(reverse("konto:einrichten"), {"code": "123"})
    assert "Der Code stimmt nicht" in falsch.content.decode()
    neu.refresh_from_db()
    assert neu.throttling_failure_count == 1  # wrong codes slow down further tries
    gebremst = client.post(reverse("konto:einrichten"), {"code": code(neu)})
    assert "Zu viele falsche Codes. Bitte versuchen Sie es in 1 s erneut." in gebremst.content.decode()
    neu.throttle_reset()
    fertig = client.post(reverse("konto:einrichten"), {"code": code(neu)})
    html = fertig.content.decode()
    assert "Ihre Backup-Codes" in html
    neu.refresh_from_db()
    assert neu.confirmed
    assert AuditEvent.objects.filter(aktion="konto.zwei_faktor_eingerichtet", actor=finanzen).exists()
    backup = html.split("<li><code>")[1].split("</code>")[0]
    assert client.get(reverse("start:dashboard")).status_code == 200

    client.post(reverse("logout"))
    passwort(client, "hn-finanzen")
    assert client.post(reverse("konto:pruefen"), {"code": backup}).status_code == 302
    assert client.get(reverse("start:dashboard")).status_code == 200
    client.post(reverse("logout"))
    passwort(client, "hn-finanzen")
    again = client.post(reverse("konto:pruefen"), {"code": backup})
    assert "Der Code stimmt nicht" in again.content.decode()


def test_a_password_alone_cannot_replace_the_authenticator(demo, client):
    passwort(client, "hn-koordination")
    response = client.get(reverse("konto:einrichten"))
    assert response.status_code == 302 and response.url.startswith(reverse("konto:pruefen"))


def test_optional_second_factor_is_asked_once_set_up(demo, client, user):
    TOTPDevice.objects.create(user=user("nordheim"), name="App", confirmed=True)
    passwort(client, "nordheim")
    assert client.get(reverse("start:dashboard")).url.startswith(reverse("konto:pruefen"))


@pytest.fixture
def zur_freigabe(fj, nordheim, user):  # noqa: F811 - the transfer fixtures
    services.auszahlung_erfassen(fj, fj.frist_uebersicht, Decimal("50000"), "RP", user("hn-koordination"))
    return services.vorbereiten(
        nordheim,
        services.Zahlungsdaten(Decimal("100.00"), "vertrag", "N", IBAN_NORDHEIM),
        user("hn-koordination"),
    )


@pytest.mark.parametrize(("minuten", "sekunden", "frisch"), [(5, 0, True), (5, 1, False)])
def test_approving_a_transfer_needs_a_fresh_confirmation(
    zur_freigabe, client, user, minuten, sekunden, frisch
):
    w = zur_freigabe
    start = timezone.now()
    with time_machine.travel(start, tick=False) as reise:
        anmelden(client, user("hn-koordination2"))
        reise.move_to(start + dt.timedelta(minutes=minuten, seconds=sekunden))
        response = client.post(w.get_absolute_url(), {"aktion": "freigeben"})
        w.refresh_from_db()
        if frisch:
            assert w.status == Weiterleitung.Status.FREIGEGEBEN
            return
        assert w.status == Weiterleitung.Status.VORBEREITET
        assert response.url.startswith(reverse("konto:bestaetigen"))
        seite = client.get(response.url)
        assert "frische Bestätigung" in seite.content.decode()
        device = TOTPDevice.objects.get(user=user("hn-koordination2"))
        bestaetigt = client.post(response.url, {"code": code(device), "next": w.get_absolute_url()})
        assert bestaetigt.url == w.get_absolute_url()
        client.post(w.get_absolute_url(), {"aktion": "freigeben"})
        w.refresh_from_db()
        assert w.status == Weiterleitung.Status.FREIGEGEBEN


def test_five_wrong_passwords_lock_that_name_from_that_address_for_15_minutes(demo, client):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as reise:
        for _ in range(4):
            assert passwort(client, "nordheim", "falsch-falsch").status_code == 200
        gesperrt = passwort(client, "nordheim", "falsch-falsch")
        assert gesperrt.status_code == 429
        assert "vorübergehend gesperrt" in gesperrt.content.decode()
        # Even the right password is refused while locked.
        assert passwort(client, "nordheim").status_code == 429
        # Another user from the same address is not affected.
        assert passwort(client, "brackenheim").status_code == 302
        client.post(reverse("logout"))
        reise.move_to(start + dt.timedelta(minutes=15, seconds=1))
        assert passwort(client, "nordheim").status_code == 302


def test_a_session_ends_after_30_idle_minutes(demo, client):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as reise:
        passwort(client, "nordheim")
        reise.move_to(start + dt.timedelta(minutes=29))
        assert client.get(reverse("start:dashboard")).status_code == 200  # activity renews the session
        reise.move_to(start + dt.timedelta(minutes=29 + 29))
        assert client.get(reverse("start:dashboard")).status_code == 200
        reise.move_to(start + dt.timedelta(minutes=29 + 29 + 31))
        response = client.get(reverse("start:dashboard"))
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_password_change_enforces_the_validators(demo, client, user):
    anmelden(client, user("nordheim"))
    url = reverse("konto:passwort")
    response = client.post(
        url, {"old_password": DEMO_PASSWORD, "new_password1": "kurz", "new_password2": "kurz"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "zu kurz" in html
    gut = "Gute-Passphrase-fuer-2027"
    response = client.post(url, {"old_password": DEMO_PASSWORD, "new_password1": gut, "new_password2": gut})
    assert response.status_code == 302
    assert user("nordheim").check_password(gut)


def test_content_security_policy(demo, client, user):
    portal = client.get("/")
    policy = portal["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    anmelden(client, user("redaktion"))
    editor = client.get("/cms/")
    assert "unsafe-inline" in editor["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in editor["Content-Security-Policy"]
    assert client.get(reverse("start:dashboard"))["X-Frame-Options"] == "DENY"


def test_the_password_alone_cannot_change_the_password(demo, client, user):
    """#18 finding 2: a session with only the password reached /konto/ and could change the password."""
    koordination = user("hn-koordination")
    altes = koordination.password
    passwort(client, "hn-koordination")  # password right, second factor not yet given
    for seite in ("konto:passwort", "konto:backup_codes", "konto:uebersicht", "konto:bestaetigen"):
        antwort = client.get(reverse(seite))
        assert antwort.status_code == 302 and antwort.url.startswith(reverse("konto:pruefen")), seite
    antwort = client.post(
        reverse("konto:passwort"),
        {
            "old_password": DEMO_PASSWORD,
            "new_password1": "Neu-und-lang-2026!",
            "new_password2": "Neu-und-lang-2026!",
        },
    )
    assert antwort.status_code == 302 and antwort.url.startswith(reverse("konto:pruefen"))
    koordination.refresh_from_db()
    assert koordination.password == altes


def test_a_password_change_needs_a_fresh_second_factor(demo, client, user):
    koordination = user("hn-koordination")
    start = timezone.now()
    with time_machine.travel(start, tick=False) as reise:
        anmelden(client, koordination)
        reise.move_to(start + dt.timedelta(minutes=5, seconds=1))
        antwort = client.get(reverse("konto:passwort"))
        assert antwort.url.startswith(reverse("konto:bestaetigen"))
        device = TOTPDevice.objects.get(user=koordination)
        client.post(antwort.url, {"code": code(device), "next": reverse("konto:passwort")})
        neu = "Neu-und-lang-2026!"
        client.post(
            reverse("konto:passwort"),
            {"old_password": DEMO_PASSWORD, "new_password1": neu, "new_password2": neu},
        )
    koordination.refresh_from_db()
    assert koordination.check_password(neu)
    assert AuditEvent.objects.filter(
        aktion="konto.passwort_geaendert", objekt_id=str(koordination.pk)
    ).exists()
