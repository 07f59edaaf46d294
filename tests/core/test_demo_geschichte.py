"""The demo of ``make run``, built as ``make setup`` builds it: on a fresh database (SQLite, the zero-setup
default) by ``manage.py seed_demo``, in its own process. It must hold every phase of the yearly cycle,
relative to today, with a trail that verifies; a second run changes nothing."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

BERICHT = r"""
import json
from collections import Counter
from django.utils import timezone
from portal.audit.models import AuditEvent
from portal.core.models import Mail
from portal.funding.fristen import berliner_datum
from portal.funding.models import Foerderjahr
from portal.organisations.models import Mitgliedschaft
from portal.start.demo import basis_jahr
from workflows.optin.models import Entscheidung, Partnerbestaetigung
from workflows.proof.kennzahlen import Kennzahlmeldung
from workflows.proof.models import Rueckforderung, Verwendungsnachweis
from workflows.transfer.models import Landesauszahlung, Weiterleitung, Zahlungslauf

b = basis_jahr(berliner_datum(timezone.now()))
hn = {"kreis__schluessel": "08125"}
geschlossen = {"nachweis__foerderjahr__jahr": b - 3}
def jahr(n, **f):
    return {"foerderjahr__jahr": n, **{"foerderjahr__" + k: v for k, v in f.items()}}
def werte(modell, filter, *felder):
    return sorted(modell.objects.filter(**filter).values_list(*felder, flat=len(felder) == 1))
bericht = {
    "basis": b,
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
    "weiterleitungen_abgeschlossen": sorted(set(werte(Weiterleitung, jahr(b - 3), "status"))),
    "weiterleitungsphase": sorted(
        Weiterleitung.objects.filter(**jahr(b - 2)).values_list("gemeinde__name", "status")
    ),
    "im_lauf": werte(Zahlungslauf, jahr(b - 2, **hn), "weiterleitungen__gemeinde__name"),
    "nachweise": sorted(
        Verwendungsnachweis.objects.filter(**jahr(b - 3))
        .values_list("entscheidung__gemeinde__name", "status", "einreichungen")
    ),
    "rueckforderungen": [str(x) for x in werte(Rueckforderung, geschlossen, "betrag")],
    "kennzahlen": werte(Kennzahlmeldung, jahr(b - 3), "gemeinde__name"),
    "kennzahlen_spaeter": Kennzahlmeldung.objects.exclude(foerderjahr__jahr=b - 3).count(),
    "partner_logins": sorted(
        Mitgliedschaft.objects.filter(
            gemeinde__name__in=["Cleebronn", "Güglingen", "Pfaffenhofen", "Zaberfeld"]
        ).values_list("gemeinde__name", flat=True)
    ),
    "erstes_ereignis": AuditEvent.objects.order_by("id").first().zeitpunkt.year - b,
    "mails": dict(Counter(Mail.objects.values_list("status", flat=True))),
}
print("BERICHT" + json.dumps(bericht))
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


@pytest.fixture(scope="module")
def demo_umgebung(tmp_path_factory):
    ordner: Path = tmp_path_factory.mktemp("make-run")
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REQUIRE_POSTGRES", "PRIVATE_ROOT")
    }
    env |= {
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{ordner / 'demo.sqlite3'}",
        "PORTAL_VAR_DIR": str(ordner),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    _manage("migrate", "--noinput", "-v0", env=env)
    erster_lauf = _manage("seed_demo", env=env)
    return env, erster_lauf


def test_make_run_demo_holds_every_phase_of_the_year(demo_umgebung):
    env, erster_lauf = demo_umgebung
    assert "Demo data loaded." in erster_lauf
    stdout = _manage("shell", "-c", BERICHT, env=env)
    r = json.loads(stdout.split("BERICHT", 1)[1])

    # four years relative to today: closed, transfer phase, decisions accepted, round open
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
    # the closed year: paid in two tranches, every transfer confirmed
    assert r["tranchen"] == [1, 2]
    assert r["weiterleitungen_abgeschlossen"] == ["empfangen"]
    # the transfer phase: one paid, one in a SEPA run, one waiting for the second coordinator
    assert r["weiterleitungsphase"] == [
        ["Brackenheim", "vorbereitet"],
        ["Göppingen", "bezahlt"],
        ["Nordheim", "freigegeben"],
    ]
    assert r["im_lauf"] == ["Nordheim"]
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
    assert r["kennzahlen_spaeter"] == 0
    # the history began years ago; its mails count as delivered, only today's are sent now
    assert r["erstes_ereignis"] == -5
    assert "wartend" not in r["mails"]


def test_make_run_demo_trail_verifies_and_a_second_run_changes_nothing(demo_umgebung):
    env, _ = demo_umgebung
    assert "already loaded" in _manage("seed_demo", env=env)
    _manage("audit_checkpoint", "--einrichten", env=env)
    assert "intact" in _manage("verify_audit", env=env)
