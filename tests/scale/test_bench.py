"""The load benchmark's own pieces: the floor view exists only with PORTAL_BENCHMARK, and the sessions
bench/run.py makes (instead of posting the login form) pass the second-factor check of the roles that
must confirm one."""

import importlib.util
from pathlib import Path

import pytest
from django.urls import NoReverseMatch, reverse

from portal.core import skala
from portal.konto import zwei_faktor
from portal.organisations.models import User

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
        ("skala-90001-finanzen", reverse("core:dashboard")),
        ("skala-90001001", reverse("core:dashboard")),
    ]:
        client.cookies["sessionid"] = run.sitzung(username)
        response = client.get(url)
        assert response.status_code == 200, (username, response.status_code, response.get("Location"))
    assert zwei_faktor.pflicht(User.objects.get(username="skala-90001-koordination"))
