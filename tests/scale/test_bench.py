"""The load benchmark's own pieces: the floor view exists only with PORTAL_BENCHMARK, and the sessions
bench/run.py makes (instead of posting the login form) pass the second-factor check of the roles that
must confirm one."""

import importlib.util
from pathlib import Path

import pytest
from django.urls import NoReverseMatch, reverse

from portal.konto import zwei_faktor
from portal.organisations.models import User
from portal.start import skala

pytestmark = pytest.mark.django_db


def test_the_floor_view_is_not_routed_without_the_benchmark_flag(client):
    with pytest.raises(NoReverseMatch):
        reverse("bench_boden")
    assert client.get("/bench/boden/").status_code == 404


def bench_run():
    spec = importlib.util.spec_from_file_location("bench_run", Path(__file__).parents[2] / "bench" / "run.py")
    modul = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modul)
    return modul


def test_bench_sessions_pass_the_second_factor(client):
    skala.erzeugen(kreise=1, gemeinden=4, jahre=1, seed=5, erstes_jahr=2024)
    run = bench_run()
    for username, url in [
        ("skala-land", reverse("kennzahlen:land") + "?format=xlsx"),
        ("skala-90001-koordination", reverse("kennzahlen:cockpit")),
        ("skala-90001-finanzen", reverse("start:dashboard")),
        ("skala-90001001", reverse("start:dashboard")),
    ]:
        client.cookies["sessionid"] = run.sitzung(username)
        response = client.get(url)
        assert response.status_code == 200, (username, response.status_code, response.get("Location"))
    assert zwei_faktor.pflicht(User.objects.get(username="skala-90001-koordination"))


def test_every_bench_page_shows_its_data(client, demo):
    """The measured pages are the real thing: the register lists the Gemeinden (the round is open),
    the transfer page its recipients, the history its events, the cockpit its charts."""
    skala.erzeugen(kreise=1, gemeinden=6, jahre=2, seed=5, erstes_jahr=2024)
    run = bench_run()
    erwartet = {
        "Dashboard Gemeinde": "AGS 90001001",
        "Entscheidungsregister (Koordination)": "Gemeinde 90001-006",
        "Weiterleitungen des Jahres": "Tranche 4",
        "Cockpit (Land, landesweit)": "<svg",
        "Hinweisseite": 'class="deadline"',
        "Protokoll eines Objekts": "Entscheidung angenommen",
        "Kennzahlen landesweit (XLSX)": "",
    }
    for name, path, username in run.endpunkte():
        if name.startswith("Boden"):
            continue  # routed only with PORTAL_BENCHMARK (test above)
        client.cookies["sessionid"] = run.sitzung(username) if username else ""
        response = client.get(path)
        assert response.status_code == 200, (name, response.status_code)
        if name.endswith("(XLSX)"):
            assert response.content[:2] == b"PK", name
        else:
            assert erwartet[name] in response.content.decode(), name
