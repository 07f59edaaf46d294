"""Browser tests: Debian's Chromium driven by Playwright (never a downloaded browser).

Where no Chromium is installed they skip with a notice; in CI (CI=true) a missing Chromium fails."""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API keeps an event loop in the test thread; the database calls of the test
# fixtures are still synchronous, so Django's async-safety guard does not apply here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture
def browser():
    """One browser per test: Playwright's event loop must not outlive the test, or the next
    transactional test cannot restore the migration data (serialized rollback) beneath it."""
    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("CI needs Debian's chromium for the browser tests (apt-get install chromium).")
        pytest.skip(
            "Hinweis: kein Chromium installiert – Browsertests übersprungen (apt-get install chromium)."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(
        locale="de-DE", timezone_id="Europe/Berlin", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    verstoesse = []
    page.on(
        "console",
        lambda msg: verstoesse.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    yield page
    context.close()
    # The portal's pages carry a strict CSP (portal/core/csp.py): no page may trip it.
    assert not verstoesse, verstoesse


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def login(page, base_url: str, username: str, password: str) -> None:
    page.goto(f"{base_url}/anmelden/")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(password)
    page.get_by_role("button", name="Anmelden").last.click()
    page.wait_for_url(lambda url: "/anmelden/" not in url)
    if "/konto/zwei-faktor/pruefen/" in page.url:
        page.get_by_label("Code").fill(backup_code(username))
        page.get_by_role("button", name="Bestätigen").click()
    page.wait_for_url(f"{base_url}/portal/")


def backup_code(username: str) -> str:
    """A fresh one-time backup code for a user with a second factor (a TOTP code could be refused as a
    replay when the same user logs in twice within 30 seconds)."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    from portal.organisations.models import User

    device, _ = StaticDevice.objects.get_or_create(user=User.objects.get(username=username), name="e2e")
    return device.token_set.create(token=StaticToken.random_token()).token
