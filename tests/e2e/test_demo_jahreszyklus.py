"""The demo of ``make run``, built as ``make setup`` builds it: on a fresh database (SQLite, the zero-setup
default) by ``manage.py seed_demo``, in its own process. It must hold every phase of the yearly cycle,
relative to today, with a trail that verifies; a second run changes nothing; and every role can walk
through it in the browser (``make run``'s server, in its own process too)."""

import datetime
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from tests.e2e.conftest import screenshot

BERICHT = r"""
import itertools
import json
from collections import Counter
from django.utils import timezone
from portal.audit.models import AuditEvent
from portal.core.models import Mail
from portal.funding.fristen import berliner_datum
from portal.funding.models import Foerderjahr
from portal.organisations.models import Mitgliedschaft
from portal.start.geschichte import demojahre
from workflows.optin.models import Entscheidung, Partnerbestaetigung
from workflows.proof.kennzahlen import Kennzahlmeldung
from workflows.proof.models import Rueckforderung, Verwendungsnachweis
from workflows.transfer.models import Landesauszahlung, Weiterleitung, Zahlungslauf

j = demojahre(berliner_datum(timezone.now()))
b = j.offen
hn = {"kreis__schluessel": "08125"}
def jahr(n, **f):
    return {"foerderjahr__jahr": n, **{"foerderjahr__" + k: v for k, v in f.items()}}
def werte(modell, filter, *felder):
    return sorted(modell.objects.filter(**filter).values_list(*felder, flat=len(felder) == 1))
def nachweise(n):
    return sorted(
        Verwendungsnachweis.objects.filter(**jahr(n))
        .values_list("entscheidung__gemeinde__name", "status", "einreichungen")
    )
gemeldet = j.nachweis or j.weiterleitung  # the year just ended (spring) or the running year
bericht = {
    "jahre": [j.abgeschlossen, j.nachweis, j.weiterleitung, j.angenommen, j.offen],
    "status": {f"{fj.kreis.schluessel}-{fj.jahr - b}": fj.status for fj in Foerderjahr.objects.all()},
    "entscheidungen": {
        str(n - b): dict(Counter(werte(Entscheidung, jahr(n, **hn), "status")))
        for n in range(b - 3, b + 1)
    },
    "nordheim_offen": Entscheidung.objects.get(gemeinde__name="Nordheim", foerderjahr__jahr=b).status,
    "bestaetigungen": sorted(
        Partnerbestaetigung.objects.filter(entscheidung__foerderjahr__jahr=b)
        .values_list("gemeinde__name", "antwort")
    ),
    "tranchen": werte(Landesauszahlung, jahr(b - 3, **hn), "tranche"),
    "weiterleitungen_bezahlt": {
        str(n): sorted(set(werte(Weiterleitung, jahr(n), "status"))) for n in (b - 3, j.nachweis) if n
    },
    "weiterleitungsphase": sorted(
        Weiterleitung.objects.filter(**jahr(j.weiterleitung)).values_list("gemeinde__name", "status")
    ),
    "auszahlung_weiterleitungsphase": [
        str(d) for d in werte(Landesauszahlung, jahr(j.weiterleitung, **hn), "datum")
    ],
    "im_lauf": werte(Zahlungslauf, jahr(j.weiterleitung, **hn), "weiterleitungen__gemeinde__name"),
    "nachweise": nachweise(b - 3),
    "nachweisphase": nachweise(j.nachweis) if j.nachweis else None,
    "nachweise_sonst": Verwendungsnachweis.objects.exclude(foerderjahr__jahr__in=[b - 3, j.nachweis]).count(),
    "rueckforderungen": [
        str(x) for x in werte(Rueckforderung, {"nachweis__foerderjahr__jahr": b - 3}, "betrag")
    ],
    "kennzahlen": werte(Kennzahlmeldung, jahr(b - 3), "gemeinde__name"),
    "kennzahlen_gemeldet": werte(Kennzahlmeldung, jahr(gemeldet), "gemeinde__name"),
    "kennzahlen_sonst": Kennzahlmeldung.objects.exclude(foerderjahr__jahr__in=[b - 3, gemeldet]).count(),
    "partner_logins": sorted(
        Mitgliedschaft.objects.filter(
            gemeinde__name__in=["Cleebronn", "Güglingen", "Pfaffenhofen", "Zaberfeld"]
        ).values_list("gemeinde__name", flat=True)
    ),
    "erstes_ereignis": AuditEvent.objects.order_by("id").first().zeitpunkt.year - b,
    "letztes_ereignis": str(berliner_datum(AuditEvent.objects.order_by("-zeitpunkt").first().zeitpunkt)),
    "heute": str(berliner_datum(timezone.now())),
    "zeit_rueckwaerts": sum(
        1
        for a, b in itertools.pairwise(AuditEvent.objects.order_by("id").values_list("zeitpunkt", flat=True))
        if b < a
    ),
    "mails": dict(Counter(Mail.objects.values_list("status", flat=True))),
}
print("BERICHT" + json.dumps(bericht))
"""

# one worker builds the demos of this module (each takes most of a minute)
pytestmark = pytest.mark.xdist_group("demo-jahreszyklus")

#: Runs a script in the demo's process at a fixed moment in Berlin (time-machine), to see the demo as it
#: is built in another season.
AM_TAG = r"""
import datetime, time_machine
from zoneinfo import ZoneInfo
zeit = datetime.datetime.fromisoformat({zeit!r}).replace(tzinfo=ZoneInfo("Europe/Berlin"))
with time_machine.travel(zeit, tick=True):
    exec({skript!r})
"""

SEED = """
from django.core.management import call_command
call_command("seed_demo")
"""


def _manage(*args, env) -> str:
    ergebnis = subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert ergebnis.returncode == 0, ergebnis.stdout[-3000:] + ergebnis.stderr[-3000:]
    return ergebnis.stdout


def _bericht(env, zeit: str | None = None) -> dict:
    skript = BERICHT if zeit is None else AM_TAG.format(zeit=zeit, skript=BERICHT)
    stdout = _manage("shell", "-c", skript, env=env)
    return json.loads(stdout.split("BERICHT", 1)[1])


def _umgebung(ordner: Path, datenbank: str) -> dict:
    """The environment of one demo database, with its own var directory (files, checkpoint store)."""
    var = ordner / Path(datenbank).stem
    var.mkdir(exist_ok=True)
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REQUIRE_POSTGRES", "PRIVATE_ROOT")
    }
    return env | {
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{ordner / datenbank}",
        "PORTAL_VAR_DIR": str(var),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }


@pytest.fixture(scope="module")
def demo_ordner(tmp_path_factory) -> Path:
    """A migrated, empty SQLite database (``leer.sqlite3``), as ``make setup`` has it before the demo."""
    ordner: Path = tmp_path_factory.mktemp("make-run")
    _manage("migrate", "--noinput", "-v0", env=_umgebung(ordner, "leer.sqlite3"))
    return ordner


@pytest.fixture(scope="module")
def demo_umgebung(demo_ordner):
    shutil.copy(demo_ordner / "leer.sqlite3", demo_ordner / "demo.sqlite3")
    env = _umgebung(demo_ordner, "demo.sqlite3")
    erster_lauf = _manage("seed_demo", env=env)
    return env, erster_lauf


def _pruefe_jahreszyklus(r: dict) -> None:
    """What the demo must hold on whatever day it is built (``r``: the report of ``BERICHT``)."""
    abgeschlossen, nachweis, weiterleitung, angenommen, b = r["jahre"]
    assert abgeschlossen == b - 3 and angenommen == b - 1
    # the closed year, the year(s) in between, the round open
    assert r["status"]["08125--3"] == r["status"]["08117--3"] == "abgeschlossen"
    assert r["status"]["08125-0"] == "veroeffentlicht"
    for n in ("-3", "-2", "-1"):
        assert r["entscheidungen"][n] == {"angenommen": 6, "bleibt_beim_landkreis": 40}
    assert r["nordheim_offen"] == "offen"
    # the Verbund Zabergäu waits for exactly one partner, and every partner can log in
    assert r["bestaetigungen"] == [
        ["Cleebronn", "bestaetigt"],
        ["Güglingen", "bestaetigt"],
        ["Pfaffenhofen", "bestaetigt"],
        ["Zaberfeld", "offen"],
    ]
    assert r["partner_logins"] == ["Cleebronn", "Güglingen", "Pfaffenhofen", "Zaberfeld"]
    # the closed year (and a year owing its proofs) paid in two tranches, every transfer confirmed
    assert r["tranchen"] == [1, 2]
    assert set(map(tuple, r["weiterleitungen_bezahlt"].values())) == {("empfangen",)}
    # the transfer phase: one paid, one in a SEPA run, one waiting for the second coordinator – never
    # dated after today
    assert r["weiterleitungsphase"] == [
        ["Brackenheim", "vorbereitet"],
        ["Göppingen", "bezahlt"],
        ["Nordheim", "freigegeben"],
    ]
    assert r["im_lauf"] == ["Nordheim"]
    assert r["auszahlung_weiterleitungsphase"][0] <= r["heute"]
    # proofs reviewed: the Verbund's came back once; Nordheim's surplus was reclaimed
    assert r["nachweise"] == [
        ["Brackenheim", "geprueft", 2],
        ["Göppingen", "geprueft", 1],
        ["Nordheim", "geprueft", 1],
    ]
    assert r["rueckforderungen"] == ["1234.56"]
    assert r["kennzahlen"] == [
        "Brackenheim",
        "Cleebronn",
        "Göppingen",
        "Güglingen",
        "Nordheim",
        "Pfaffenhofen",
        "Zaberfeld",
    ]
    # the year just ended (spring): two Gemeinden have not reported yet (the coordinator's cockpit asks);
    # the running year (June to December) reports after it ends
    if nachweis:
        gemeldet = ["Brackenheim", "Cleebronn", "Göppingen", "Güglingen", "Pfaffenhofen"]
        assert r["kennzahlen_gemeldet"] == gemeldet
    else:
        assert r["kennzahlen_gemeldet"] == []
    assert r["kennzahlen_sonst"] == 0
    # the history began years ago and ends today at the latest; its mails count as delivered
    assert r["erstes_ereignis"] == -5
    assert r["letztes_ereignis"] <= r["heute"]
    # the trail's ids follow its times, as in a real year (the stories are played in the order of their days)
    assert r["zeit_rueckwaerts"] == 0
    assert "wartend" not in r["mails"]


def test_make_run_demo_holds_every_phase_of_the_year(demo_umgebung):
    env, erster_lauf = demo_umgebung
    assert "Demo data loaded." in erster_lauf
    r = _bericht(env)
    _pruefe_jahreszyklus(r)
    heute = datetime.date.fromisoformat(r["heute"])
    abgeschlossen, nachweis, weiterleitung, angenommen, b = r["jahre"]
    if heute.month >= 6:
        assert (nachweis, weiterleitung) == (None, b - 2)
    else:
        assert (nachweis, weiterleitung) == (b - 2, b - 1)


@pytest.mark.parametrize(
    ("zeit", "basis"),
    [
        # the first minute of the new year, the hardest case: the history's days of this year all fall on
        # today (the last minute of 31 May, the other edge, is in test_demo_and_pages)
        ("2028-01-01T00:00:30", 2029),
    ],
)
def test_demo_built_between_january_and_may_shows_last_year_owing_its_proofs(demo_ordner, zeit, basis):
    """Until 31 May the running year is ``basis`` - 1: it is the year in the transfer phase, and the year
    before it has ended, is paid in full and owes its proofs of use."""
    name = f"fruehjahr-{zeit[:10]}.sqlite3"
    shutil.copy(demo_ordner / "leer.sqlite3", demo_ordner / name)
    env = _umgebung(demo_ordner, name)
    assert "Demo data loaded." in _manage("shell", "-c", AM_TAG.format(zeit=zeit, skript=SEED), env=env)
    r = _bericht(env, zeit)
    assert r["heute"] == zeit[:10]
    assert r["jahre"] == [basis - 3, basis - 2, basis - 1, basis - 1, basis]
    _pruefe_jahreszyklus(r)
    # last year: Göppingen's proof waits for the coordinator, Nordheim and the Verbund still owe theirs
    assert r["nachweisphase"] == [
        ["Brackenheim", "offen", 0],
        ["Göppingen", "eingereicht", 1],
        ["Nordheim", "offen", 0],
    ]
    assert r["nachweise_sonst"] == 0


@pytest.mark.parametrize("zeit", ["2027-06-01T00:00:10"])
def test_demo_built_from_june_shows_the_running_year_in_its_transfer_phase(demo_ordner, zeit):
    name = f"sommer-{zeit[:10]}.sqlite3"
    shutil.copy(demo_ordner / "leer.sqlite3", demo_ordner / name)
    env = _umgebung(demo_ordner, name)
    assert "Demo data loaded." in _manage("shell", "-c", AM_TAG.format(zeit=zeit, skript=SEED), env=env)
    r = _bericht(env, zeit)
    assert r["jahre"] == [2026, None, 2027, 2028, 2029]
    _pruefe_jahreszyklus(r)
    assert r["nachweisphase"] is None and r["nachweise_sonst"] == 0


def test_make_run_demo_trail_verifies_and_a_second_run_changes_nothing(demo_umgebung):
    env, erster_lauf = demo_umgebung
    # the demo comes with its checkpoint store and a first checkpoint, as a real installation has them
    assert "Checkpoint-Speicher" in erster_lauf and "angelegt" in erster_lauf
    assert "already loaded" in _manage("seed_demo", env=env)
    assert "intact" in _manage("verify_audit", env=env)


# --- the same demo in the browser ------------------------------------------------------------------
def _freier_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def demo_server(demo_umgebung):
    """``make run``'s server on the demo database (its own process, as a user starts it)."""
    env, _ = demo_umgebung
    port = _freier_port()
    adresse = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=settings.BASE_DIR,
        env=env | {"WAGTAILADMIN_BASE_URL": adresse},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(adresse + "/healthz", timeout=2)  # noqa: S310 - loopback
                break
            except urllib.error.HTTPError as e:  # it answers, but not healthy: make run's demo must be
                pytest.fail(f"/healthz of the demo: {e.code} {e.read()[:300]!r}")
            except OSError:  # not listening yet
                time.sleep(0.5)
        yield adresse
    finally:
        server.terminate()
        server.wait(timeout=20)


def _anmelden(page, adresse: str, benutzer: str) -> None:
    """Log in with the demo password and, where the role needs one, the demo authenticator's code."""
    from django_otp.oath import TOTP

    from portal.start.demo import DEMO_PASSWORD, demo_totp_key

    page.context.clear_cookies()
    page.goto(adresse + "/anmelden/")
    page.get_by_label("Benutzername").fill(benutzer)
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").last.click()
    page.wait_for_url(lambda url: "/anmelden/" not in url)
    if "/konto/zwei-faktor/pruefen/" in page.url:
        page.get_by_label("Code").fill(f"{TOTP(bytes.fromhex(demo_totp_key(benutzer))).token():06d}")
        page.get_by_role("button", name="Bestätigen").click()
    page.wait_for_url(adresse + "/portal/")


def _pruefen(page, name: str) -> None:
    """No serious axe finding at 1280 and 375 px, no sideways scrolling on the phone; screenshots."""
    from axe_playwright_python.sync_playwright import Axe

    for breite in (1280, 375):
        page.set_viewport_size({"width": breite, "height": 900})
        ergebnis = Axe().run(page)
        ernst = [v["id"] for v in ergebnis.response["violations"] if v["impact"] in ("serious", "critical")]
        assert ernst == [], (name, breite, ergebnis.generate_report())
        if breite == 375:
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), name
        screenshot(page, f"jahreszyklus-{name}-{breite}")
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.mark.e2e
def test_the_demo_year_can_be_walked_through_by_every_role(demo_server, page):
    """#19: the closed year, the transfer phase and the open round, as Gemeinde, coordinator, finance and
    Land; the back office is refused with a pointer to the portal's own task list."""
    from playwright.sync_api import expect

    from portal.funding.fristen import berliner_datum
    from portal.start.geschichte import demojahre

    jahre = demojahre(berliner_datum(timezone.now()))
    b = jahre.offen
    gemeldet = jahre.nachweis or jahre.abgeschlossen  # the youngest year with Kennzahlen
    # who has not reported: in spring two Gemeinden of the year just ended, else all of the running year
    fehlend = (
        "Nordheim, Zaberfeld"
        if jahre.nachweis
        else "Brackenheim, Cleebronn, Güglingen, Nordheim, Pfaffenhofen, Zaberfeld"
    )
    fehlend = f"{jahre.nachweis or jahre.weiterleitung} (Landkreis Heilbronn): {fehlend}"
    a = demo_server

    # Gemeinde: the open round, its money of the closed year, its reviewed proof with the Rückforderung
    _anmelden(page, a, "nordheim")
    expect(page.get_by_role("link", name=f"Entscheidung abgeben: Entscheidung Nordheim {b}")).to_be_visible()
    _pruefen(page, "gemeinde-uebersicht")
    page.get_by_role("navigation", name="Portal").get_by_role("link", name="Nachweise").click()
    page.get_by_role("link", name=str(b - 3)).first.click()
    expect(page.get_by_text("geprüft").first).to_be_visible()
    _pruefen(page, "gemeinde-nachweis")
    page.get_by_role("navigation", name="Portal").get_by_role("link", name="Cockpit").click()
    expect(page.get_by_text(f"{b - 3} Kreisdurchschnitt").first).to_be_visible()
    _pruefen(page, "gemeinde-cockpit")

    # coordinator: one line of navigation, the transfer phase, who has not reported, no back office
    _anmelden(page, a, "hn-koordination")
    nav = page.get_by_role("navigation", name="Portal").locator("li")
    assert nav.first.bounding_box()["y"] == nav.last.bounding_box()["y"], "the navigation wraps at 1280 px"
    page.get_by_role("navigation", name="Portal").get_by_role("link", name="Weiterleitungen").click()
    page.get_by_role("link", name=str(jahre.weiterleitung)).first.click()
    expect(page.get_by_text("Integrationsmanagement Zabergäu").first).to_be_visible()
    _pruefen(page, "koordination-weiterleitungen")
    page.get_by_role("navigation", name="Portal").get_by_role("link", name="Cockpit").click()
    expect(page.get_by_text("Wer hat noch keine Kennzahlen gemeldet?")).to_be_visible()
    expect(page.get_by_text(fehlend)).to_be_visible()
    _pruefen(page, "koordination-cockpit")
    page.goto(a + "/portal/ablauf/entscheidung/")
    expect(page.get_by_text("Die technische Ablaufverwaltung ist dem Betrieb vorbehalten.")).to_be_visible()
    screenshot(page, "jahreszyklus-backoffice-verweigert")

    # finance: the SEPA run of the transfer phase
    _anmelden(page, a, "hn-finanzen")
    page.get_by_role("navigation", name="Portal").get_by_role("link", name="Weiterleitungen").click()
    page.get_by_role("link", name=str(jahre.weiterleitung)).first.click()
    expect(page.get_by_text("Zahlungsl").first).to_be_visible()
    _pruefen(page, "finanzen-weiterleitungen")

    # Land: every Kreis, the closed year's figures
    _anmelden(page, a, "land")
    page.get_by_role("navigation", name="Portal").get_by_role("link", name="Cockpit").click()
    expect(page.get_by_role("heading", name=f"Erreichte Personen {gemeldet} je Kreis")).to_be_visible()
    _pruefen(page, "land-cockpit")
