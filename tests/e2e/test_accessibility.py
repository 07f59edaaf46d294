"""The public pages in a real browser: axe-core finds no serious or critical WCAG violations at
375 px and 1280 px, there is no horizontal scrolling on a phone, and keyboard users find the skip link.
Screenshots of every page land in artifacts/screenshots/ (kept by CI)."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.conftest import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PAGES = [
    ("startseite", "/"),
    ("hinweisseite", "/hinweise/entscheidung-bis-31-mai/"),
    ("vorlagen", "/vorlagen/"),
    ("fristen", "/fristen/?kreis=08125"),
    ("suche", "/search/?query=Verbund"),
]

HEADINGS_IN_ORDER = """() => {
  const levels = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => Number(h.tagName[1]));
  let ok = levels.length > 0 && levels[0] === 1 && levels.filter(l => l === 1).length === 1;
  for (let i = 1; i < levels.length; i++) { if (levels[i] > levels[i - 1] + 1) ok = false; }
  return ok;
}"""


@pytest.mark.parametrize(("name", "path"), PAGES)
def test_public_page_is_accessible_on_phone_and_desktop(demo, live_server, page, name, path):
    axe = Axe()
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        response = page.goto(live_server.url + path)
        assert response.status == 200
        assert page.locator("html").get_attribute("lang") == "de"
        results = axe.run(page)
        serious = [v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        assert serious == [], results.generate_report()
        assert page.evaluate(HEADINGS_IN_ORDER), "headings skip a level or there is not exactly one h1"
        if width == 375:
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        screenshot(page, f"{name}-{width}")


def test_skip_link_is_first_and_visible_on_focus(demo, live_server, page):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Zum Inhalt springen"
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["x"] >= 0
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.url.endswith("#inhalt")


def test_faq_accordion_opens_with_keyboard(demo, live_server, page):
    page.goto(live_server.url + "/hinweise/haeufige-fragen/")
    first = page.locator("details.faq-item").first
    assert first.get_attribute("open") is None
    first.locator("summary").focus()
    page.keyboard.press("Enter")
    assert first.get_attribute("open") is not None
