"""A coordinator signs in in the browser with password and authenticator code, then works through the
portal's main pages; none of them trips the Content-Security-Policy (checked by the ``page`` fixture)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from portal.start.demo import DEMO_PASSWORD
from tests.e2e.conftest import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_coordinator_signs_in_with_the_second_factor(demo, live_server, page, user):
    base = live_server.url
    page.goto(f"{base}/anmelden/")
    page.get_by_label("Benutzername").fill("hn-koordination")
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").last.click()
    page.wait_for_url("**/konto/zwei-faktor/pruefen/**")
    schwer = [
        v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")
    ]
    assert not schwer, schwer
    screenshot(page, "zwei-faktor-pruefen")
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Bestätigen").click()
    expect(page.get_by_text("Der Code stimmt nicht")).to_be_visible()

    device = TOTPDevice.objects.get(user=user("hn-koordination"))
    device.throttle_reset()
    page.get_by_label("Code").fill(f"{TOTP(device.bin_key).token():06d}")
    page.get_by_role("button", name="Bestätigen").click()
    page.wait_for_url(f"{base}/portal/")
    for path in (
        "/portal/",
        "/portal/entscheidungen/",
        "/portal/weiterleitungen/",
        "/portal/nachweise/",
        "/portal/kennzahlen/cockpit/",
        "/portal/protokoll/",
        "/konto/zwei-faktor/",
    ):
        response = page.goto(base + path)
        assert response.status == 200, path
    expect(page.get_by_text("eingerichtet (Authenticator-App)")).to_be_visible()
