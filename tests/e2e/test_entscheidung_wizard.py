"""A Gemeinde user walks the decision wizard in a real browser: choice, positions (with a wrong VZÄ
first), financing, council resolution upload, summary, submit; then "Zurück" keeps the entries and
the draft survives a logout. axe-core finds no serious violations on the wizard's steps."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from portal.start.demo import DEMO_PASSWORD, DEMO_PDF
from tests.e2e.conftest import login, screenshot
from workflows.optin.models import Entscheidung

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def no_serious_violations(page):
    results = Axe().run(page)
    serious = [v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], results.generate_report()


def test_gemeinde_walks_the_wizard(demo, live_server, page, tmp_path):
    beschluss = tmp_path / "gemeinderatsbeschluss.pdf"
    beschluss.write_bytes(DEMO_PDF)
    login(page, live_server.url, "nordheim", DEMO_PASSWORD)

    page.get_by_role("link", name="Entscheidung abgeben: Entscheidung Nordheim 2028").click()
    page.get_by_role("link", name="Entscheidung abgeben").click()
    assert page.get_by_role("heading", level=2).first.inner_text().startswith("Schritt 1 von")
    no_serious_violations(page)
    # the Verbund's fields show only while "Verbund" is chosen (#19)
    expect(page.get_by_label("Name des Verbunds")).to_be_hidden()
    page.get_by_label("in eigener Verantwortung im Verbund").check()
    expect(page.get_by_label("Name des Verbunds")).to_be_visible()
    page.get_by_label("in eigener Verantwortung (allein)").check()
    expect(page.get_by_label("Name des Verbunds")).to_be_hidden()
    page.get_by_role("button", name="Weiter").click()

    stelle = page.locator("fieldset.stelle").first
    stelle.get_by_label("Stellenumfang (VZÄ)").fill("1,5")
    stelle.get_by_label("geplanter Beginn").fill("01.01.2028")
    stelle.get_by_label("Studium der Sozialen Arbeit oder vergleichbar").check()
    page.get_by_role("button", name="Weiter").click()
    expect(page.get_by_text("Höchstens 1,0 VZÄ je Stelle.")).to_be_visible()
    assert (
        page.locator("fieldset.stelle").first.get_by_label("geplanter Beginn").input_value() == "01.01.2028"
    )
    no_serious_violations(page)
    screenshot(page, "entscheidung-stellen-fehler")
    page.locator("fieldset.stelle").first.get_by_label("Stellenumfang (VZÄ)").fill("0,5")
    page.get_by_role("button", name="Weiter").click()

    expect(page.get_by_role("heading", name="Schritt 3 von 5: Finanzierung")).to_be_visible()
    expect(page.get_by_text("Eigenanteil der Gemeinde")).to_be_visible()
    screenshot(page, "entscheidung-finanzierung")
    # back and forth: the position is still there
    page.get_by_role("button", name="Zurück").click()
    assert page.locator("fieldset.stelle").first.get_by_label("Stellenumfang (VZÄ)").input_value() == "0,5"
    page.get_by_role("button", name="Weiter").click()
    page.get_by_role("button", name="Weiter").click()

    page.get_by_label("Datum des Gemeinderatsbeschlusses").fill("20.10.2026")
    page.get_by_label("Gemeinderatsbeschluss (PDF, höchstens 10 MB)").set_input_files(str(beschluss))
    page.get_by_role("button", name="Weiter").click()
    expect(page.get_by_role("heading", name="Schritt 5 von 5: Zusammenfassung")).to_be_visible()
    no_serious_violations(page)

    # a draft survives logout
    page.get_by_role("button", name="Entwurf speichern").click()
    page.get_by_role("button", name="Abmelden").click()
    login(page, live_server.url, "nordheim", DEMO_PASSWORD)
    e = Entscheidung.objects.get(gemeinde=demo["nordheim"], foerderjahr__jahr=2028)
    page.goto(f"{live_server.url}/portal/entscheidungen/{e.pk}/bearbeiten/")
    expect(page.get_by_role("heading", name="Schritt 5 von 5: Zusammenfassung")).to_be_visible()

    page.get_by_label("Die Angaben sind vollständig und entsprechen dem Beschluss der Gemeinde.").check()
    page.get_by_role("button", name="Verbindlich einreichen").click()
    page.wait_for_url(f"{live_server.url}/portal/entscheidungen/{e.pk}/")
    expect(page.get_by_text("Ihre Entscheidung ist eingereicht.")).to_be_visible()
    screenshot(page, "entscheidung-eingereicht")
    e.refresh_from_db()
    assert e.status == "eingereicht" and e.stellen.count() == 1
