"""A Gemeinde user walks the proof-of-use wizard in a real browser (the checks appear before submit),
and the cockpit renders its charts without any download, each with its table, free of serious axe
violations."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from portal.funding.fristen import BERLIN
from portal.start.demo import DEMO_PASSWORD
from tests.e2e.conftest import login, screenshot
from tests.optin.conftest import allein
from workflows.optin import services as optin
from workflows.optin.models import Entscheidung
from workflows.proof import services as proof
from workflows.proof.kennzahlen_services import kennzahlen_erfassen

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def no_serious_violations(page):
    results = Axe().run(page)
    serious = [v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], results.generate_report()


def test_proof_wizard_and_cockpit(demo, live_server, page, user):
    e = Entscheidung.objects.get(gemeinde=demo["nordheim"], foerderjahr__jahr=2028)
    optin.einreichen(e, allein(), user("nordheim"))
    optin.pruefen(e, True, "", user("hn-koordination"))
    (n,) = proof.nachweise_anlegen(e.foerderjahr, user("hn-koordination"), heute=datetime.date(2029, 1, 2))
    with time_machine.travel(datetime.datetime(2029, 1, 2, 9, tzinfo=BERLIN)):  # within the Kennzahlen window
        kennzahlen_erfassen(
            e.foerderjahr, demo["nordheim"], {"personen_erreicht": 120}, user("hn-koordination")
        )

    login(page, live_server.url, "nordheim", DEMO_PASSWORD)
    page.get_by_role("link", name=f"Verwendungsnachweis einreichen: {n}").click()
    page.get_by_role("link", name="Verwendungsnachweis ausfüllen").click()
    page.get_by_label("Ziele und Ergebnisse").fill("120 Personen beraten, 40 Integrationspläne erstellt.")
    page.get_by_role("button", name="Weiter", exact=True).click()
    stelle = page.locator("fieldset.stelle").first
    stelle.get_by_label("Studium der Sozialen Arbeit oder vergleichbar").check()
    for monat in [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ]:
        stelle.get_by_label(monat).fill("0,5" if monat != "August" else "0,25")
    stelle.get_by_label("Personalkosten (EUR)").fill("30.000,00")
    stelle.get_by_label("Sachkosten (EUR)").fill("1.000,00")
    page.get_by_role("button", name="Weiter", exact=True).click()
    page.get_by_label("Eigenmittel (EUR)").fill("31.000,00")
    page.get_by_label("sonstige Zuschüsse (EUR)").fill("0")
    page.get_by_role("button", name="Weiter", exact=True).click()
    page.get_by_role("button", name="Weiter", exact=True).click()
    expect(
        page.get_by_text("In diesen Monaten liegt der besetzte Stellenumfang unter dem Mindestumfang:")
    ).to_be_visible()
    no_serious_violations(page)
    screenshot(page, "nachweis-pruefung")
    page.get_by_label("Die Angaben sind vollständig und richtig; die Belege liegen vor.").check()
    page.get_by_role("button", name="Verbindlich einreichen").click()
    expect(page.get_by_text("Der Verwendungsnachweis ist eingereicht.")).to_be_visible()
    n.refresh_from_db()
    assert n.status == "eingereicht" and n.ergebnis().monate_unter_minimum == [8]

    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{live_server.url}/portal/kennzahlen/cockpit/")
    assert page.locator("svg.diagramm").count() >= 2
    assert page.locator("svg.diagramm").count() == page.locator("section.diagramm-block table").count()
    assert all(url.startswith(live_server.url) for url in requests)  # nothing from elsewhere
    no_serious_violations(page)
    screenshot(page, "cockpit-gemeinde")
    assert Decimal("0") == n.ergebnis().ueberschuss


def test_kennzahlen_take_german_numbers_in_the_browser(demo, live_server, page, user):
    """Chromium's number inputs turned "100.000,00" into 100 and the form saved 100: the fields are text
    boxes now, "1.200" is saved as 1200 and a decimal comma is refused at the field, keeping the input."""
    from workflows.proof.kennzahlen import Kennzahlmeldung

    e = Entscheidung.objects.get(gemeinde=demo["nordheim"], foerderjahr__jahr=2028)
    optin.einreichen(e, allein(), user("nordheim"))
    optin.pruefen(e, True, "", user("hn-koordination"))
    url = f"{live_server.url}/portal/kennzahlen/jahr/{e.foerderjahr.pk}/{demo['nordheim'].pk}/"
    with time_machine.travel(datetime.datetime(2029, 1, 2, 9, tzinfo=BERLIN), tick=True):
        login(page, live_server.url, "nordheim", DEMO_PASSWORD)
        page.goto(url)
        feld = page.get_by_label("Erreichte Personen insgesamt")
        assert feld.get_attribute("type") == "text" and feld.get_attribute("inputmode") == "numeric"
        feld.fill("1.200,50")
        page.get_by_role("button", name="Speichern").click()
        expect(page.get_by_text("Bitte eine ganze Zahl angeben.")).to_be_visible()
        assert page.get_by_label("Erreichte Personen insgesamt").input_value() == "1.200,50"
        assert not Kennzahlmeldung.objects.filter(gemeinde=demo["nordheim"]).exists()
        page.get_by_label("Erreichte Personen insgesamt").fill("1.200")
        page.get_by_role("button", name="Speichern").click()
        page.wait_for_load_state()
    meldung = Kennzahlmeldung.objects.get(gemeinde=demo["nordheim"], foerderjahr=e.foerderjahr)
    assert meldung.werte["personen_erreicht"] == 1200
