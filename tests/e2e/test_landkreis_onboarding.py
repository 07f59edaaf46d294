"""A Landkreis new to the portal onboards itself in the browser: the operator loads the official
directory (two Kreise the demo does not have) and invites the Kreis's first two coordinators; one of them
invites a Gemeinde user and a finance officer; the invitees set their password (and, for the money role,
the second factor) through the one-time link; the finance role waits until the second coordinator
confirms it. Every step is in the audit trail, and the chain verifies."""

import re
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from portal.audit.models import AuditEvent
from portal.organisations.models import Kreis, Mitgliedschaft, User
from portal.start.demo import DEMO_PASSWORD
from tests.e2e.conftest import login, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BEISPIEL = Path(__file__).resolve().parents[1] / "organisations" / "daten" / "gv100ad_beispiel.txt"
PASSWORT = "Hohenlohe-Frühjahr-2027"


def einladen(page, base, vorname, nachname, email, rolle, gemeinde=None, kreis=None):
    page.goto(f"{base}/portal/organisationen/einladungen/")
    page.get_by_label("Vorname").fill(vorname)
    page.get_by_label("Nachname").fill(nachname)
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Rolle").select_option(label=rolle)
    if gemeinde:
        page.get_by_label("Gemeinde").select_option(label=gemeinde)
    if kreis:
        page.get_by_label("Kreis").select_option(label=kreis)
    page.get_by_role("button", name="Einladung senden").click()
    page.get_by_text(f"Die Einladung an {email} ist gesendet").wait_for()


def annehmen(browser, base, email, zweiter_faktor: bool):
    """The invitee opens the link from the e-mail in a browser of their own."""
    nachricht = next(m for m in reversed(mail.outbox) if m.to == [email])
    pfad = re.search(r"https?://[^/\s]+(/einladung/\S+/)", nachricht.body).group(1)
    context = browser.new_context(locale="de-DE", timezone_id="Europe/Berlin")
    seite = context.new_page()
    seite.goto(base + pfad)
    seite.locator("#id_passwort1").fill(PASSWORT)
    seite.locator("#id_passwort2").fill(PASSWORT)
    seite.get_by_role("button", name="Passwort festlegen").click()
    if zweiter_faktor:
        seite.wait_for_url("**/konto/zwei-faktor/einrichten/**")
        geraet = TOTPDevice.objects.get(user__email=email, confirmed=False)
        seite.get_by_label("Code").fill(f"{TOTP(geraet.bin_key).token():06d}")
        seite.get_by_role("button", name="Einrichten").click()
        seite.get_by_role("link", name="Weiter", exact=True).click()
    seite.wait_for_url(f"{base}/portal/")
    context.close()
    return pfad


def test_a_new_landkreis_onboards_itself(demo, live_server, page, browser):
    base = live_server.url
    login(page, base, "betrieb", DEMO_PASSWORD)
    page.goto(f"{base}/portal/organisationen/verzeichnis/")
    page.get_by_label("Gemeindeverzeichnis").set_input_files(str(BEISPIEL))
    page.get_by_role("button", name="Vorschau anzeigen").click()
    page.get_by_text("Noch ist nichts geändert").wait_for()
    expect(page.get_by_role("cell", name="Hohenlohekreis")).to_be_visible()
    screenshot(page, "onboarding-verzeichnis-vorschau")
    page.get_by_role("button", name="Übernehmen").click()
    page.get_by_text("Übernommen. GV100AD: 10 angelegt").wait_for()
    assert Kreis.objects.filter(name__in=["Hohenlohekreis", "Ostalbkreis"]).count() == 2

    # the operator invites the Kreis's first two coordinators (in effect at once: nobody could confirm)
    einladen(
        page,
        base,
        "Anna",
        "Erste",
        "anna@hohenlohekreis.example",
        "Koordinierende Stelle (Kreis)",
        kreis="Hohenlohekreis",
    )
    einladen(
        page,
        base,
        "Bernd",
        "Zweiter",
        "bernd@hohenlohekreis.example",
        "Koordinierende Stelle (Kreis)",
        kreis="Hohenlohekreis",
    )
    annehmen(browser, base, "anna@hohenlohekreis.example", zweiter_faktor=True)
    annehmen(browser, base, "bernd@hohenlohekreis.example", zweiter_faktor=True)

    # Anna invites a Gemeinde user and a finance officer
    page.context.clear_cookies()
    login(page, base, "anna@hohenlohekreis.example", PASSWORT)
    fehlt = page.locator("p.wer-fehlt").inner_text()
    expect(page.get_by_text("Wer fehlt?")).to_be_visible()
    assert all(g in fehlt for g in ("Künzelsau", "Öhringen"))
    einladen(
        page,
        base,
        "Carla",
        "Rathaus",
        "rathaus@kuenzelsau.example",
        "Gemeinde (Verwaltung)",
        gemeinde="Künzelsau",
    )
    einladen(page, base, "Frank", "Kasse", "kasse@hohenlohekreis.example", "Finanzen (Kreis)")
    expect(page.get_by_text("wartet auf Bestätigung").first).to_be_visible()
    screenshot(page, "onboarding-einladungen")
    assert "gp-koordination" not in page.content()
    annehmen(browser, base, "rathaus@kuenzelsau.example", zweiter_faktor=False)
    link = annehmen(browser, base, "kasse@hohenlohekreis.example", zweiter_faktor=True)
    frank = Mitgliedschaft.objects.get(user__email="kasse@hohenlohekreis.example")
    assert frank.wartet_auf_bestaetigung and not frank.aktiv

    # a used link gets a clear German message
    page.goto(base + link)
    expect(page.get_by_text("Diese Einladung wurde schon angenommen")).to_be_visible()

    # Anna cannot confirm her own grant; Bernd can
    page.goto(f"{base}/portal/organisationen/rollen/")
    expect(page.get_by_text("bestätigt eine zweite Person")).to_be_visible()
    page.context.clear_cookies()
    login(page, base, "bernd@hohenlohekreis.example", PASSWORT)
    page.goto(f"{base}/portal/organisationen/rollen/")
    page.get_by_role("button", name="Bestätigen", exact=True).click()
    page.get_by_text("ist bestätigt und wirksam").wait_for()
    frank.refresh_from_db()
    assert frank.aktiv and frank.bestaetigt_von.email == "bernd@hohenlohekreis.example"

    # a coordinator of another Kreis sees nothing of it
    page.context.clear_cookies()
    login(page, base, "gp-koordination", DEMO_PASSWORD)
    page.goto(f"{base}/portal/organisationen/einladungen/")
    assert "hohenlohekreis.example" not in page.content()

    aktionen = set(AuditEvent.objects.values_list("aktion", flat=True))
    assert {
        "stammdaten.importiert",
        "einladung.gesendet",
        "einladung.angenommen",
        "konto.zwei_faktor_eingerichtet",
        "mitgliedschaft.erteilt",
        "mitgliedschaft.bestaetigt",
    } <= aktionen
    assert User.objects.get(email="rathaus@kuenzelsau.example").is_active
    call_command("verify_audit")
