"""The cockpit per role: charts as inline SVG (nothing downloaded), each with a table of the same
numbers; every role sees only its scope."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from portal.funding.fristen import BERLIN
from tests.proof.conftest import NACH_DEM_JAHR
from workflows.proof.kennzahlen_services import kennzahlen_erfassen

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def nach_dem_jahr():
    """Kennzahlen of 2028 are entered after the year has begun (``beginn_kennzahlen``): here in February
    2029, when the Kreis collects them for the Land."""
    with time_machine.travel(NACH_DEM_JAHR):
        yield


@pytest.fixture
def zahlen(fj, demo, user):
    kennzahlen_erfassen(
        fj,
        demo["nordheim"],
        {"personen_erreicht": 120, "integrationsplaene_erstellt": 40},
        user("hn-koordination"),
    )
    kennzahlen_erfassen(fj, demo["brackenheim"], {"personen_erreicht": 80}, user("hn-koordination"))
    gp = demo["gp"].foerderjahre.get(jahr=2028)
    kennzahlen_erfassen(gp, demo["goeppingen"], {"personen_erreicht": 999}, user("gp-koordination"))


def tabellen(page):
    return re.findall(r"<table>.*?</table>", page, re.S)


def test_kreis_sees_its_gemeinden_and_years(client, login, zahlen):
    login("hn-koordination")
    page = client.get(reverse("kennzahlen:cockpit")).content.decode()
    assert "<svg" in page and "<script" not in page.split("<main", 1)[1]
    assert "Erreichte Personen 2028 je Gemeinde" in page
    assert '<th scope="row">Nordheim</th><td class="num">120</td>' in page
    assert '<th scope="row">2028</th><td class="num">200</td>' in page  # 120 + 80 in the Kreis
    assert "Göppingen" not in page and "999" not in page
    assert len(re.findall(r"<svg", page)) == len(tabellen(page))  # every chart has its table


def test_land_sees_all_kreise(client, login, zahlen):
    login("land")
    page = client.get(reverse("kennzahlen:cockpit")).content.decode()
    assert "Erreichte Personen 2028 je Kreis" in page
    assert '<th scope="row">Landkreis Heilbronn</th><td class="num">200</td>' in page
    assert '<th scope="row">Landkreis Göppingen</th><td class="num">999</td>' in page


def test_gemeinde_sees_itself_against_the_kreis_average(client, login, zahlen):
    login("nordheim")
    page = client.get(reverse("kennzahlen:cockpit")).content.decode()
    assert "Erreichte Personen: Nordheim und Kreisdurchschnitt" in page
    # the introduction promises what a Gemeinde sees, not the Kreis's money (#19)
    assert "Die Kennzahlen Ihrer Gemeinde über die Jahre" in page and "Mittel je Person" not in page
    assert '<th scope="row">2028 Nordheim</th><td class="num">120</td>' in page
    # the average over the two Gemeinden that reported (200 / 2), not over all 46 (#19)
    assert '<th scope="row">2028 Kreisdurchschnitt</th><td class="num">100,0</td>' in page
    assert '<th scope="row">2027 Kreisdurchschnitt</th><td class="num">keine Daten</td>' in page
    assert "Brackenheim" not in page and "999" not in page


def test_land_cockpit_sums_again_only_the_kreis_that_changed(client, login, zahlen, demo, user, monkeypatch):
    """The Land's cockpit keeps each Kreis's sums under that Kreis's newest event: after a change in
    Göppingen it shows the new figure and sums Göppingen alone again, Heilbronn comes from the cache."""
    from workflows.proof import cockpit

    login("land")
    client.get(reverse("kennzahlen:cockpit"))
    summiert = []
    original = cockpit.summen

    def mitschreiben(foerderjahre, gemeinde_ids=None):
        summiert.append({fj.kreis_id for fj in foerderjahre})
        return original(foerderjahre, gemeinde_ids)

    monkeypatch.setattr(cockpit, "summen", mitschreiben)
    gp = demo["gp"].foerderjahre.get(jahr=2028)
    kennzahlen_erfassen(gp, demo["goeppingen"], {"personen_erreicht": 1001}, user("gp-koordination"))
    page = client.get(reverse("kennzahlen:cockpit")).content.decode()
    assert '<th scope="row">Landkreis Göppingen</th><td class="num">1.001</td>' in page
    assert '<th scope="row">Landkreis Heilbronn</th><td class="num">200</td>' in page
    assert '<th scope="row">2028</th><td class="num">1.201</td>' in page  # the Land's total
    assert summiert == [{demo["gp"].pk}]


def test_kreis_sums_of_a_kreis_without_figures_are_cached_as_well(zahlen, fj, demo, monkeypatch):
    """A Kreis with a Förderjahr but no figures yet is cached as empty and read back as empty."""
    from portal.organisations.models import Kreis
    from workflows.proof import cockpit

    vorlage = fj
    leer = Kreis.objects.create(land=demo["hn"].land, name="Testkreis ohne Zahlen", schluessel="08999")
    neu = type(vorlage).objects.get(pk=vorlage.pk)
    neu.pk, neu.id, neu._state.adding, neu.kreis, neu.vorjahr = None, None, True, leer, None
    neu.save()
    erstes = cockpit.kreissummen([vorlage, neu])
    monkeypatch.setattr(cockpit, "summen", lambda *a, **k: pytest.fail("summed again without a change"))
    assert cockpit.kreissummen([vorlage, neu]) == erstes
    assert (leer.pk, 2028) not in erstes and (demo["hn"].pk, 2028) in erstes


def test_years_without_figures_say_keine_daten_and_nobody_is_late_before_the_deadline(
    client, login, nachweis
):
    """#19: no zeros for missing data; a proof not yet due does not count as late."""
    login("hn-koordination")
    page = client.get(reverse("kennzahlen:cockpit")).content.decode()
    assert '<th scope="row">2027</th><td class="num">keine Daten</td>' in page
    assert "keine Daten</text>" in page  # in the chart too, not a bar of 0
    fristgerecht = page.split("Verwendungsnachweise fristgerecht (%)", 2)[2]
    assert '<th scope="row">2028</th><td class="num">keine Daten</td>' in fristgerecht.split("</table>")[0]
    with time_machine.travel(datetime.datetime(2029, 4, 2, 9, 0, tzinfo=BERLIN)):  # after 31.03.2029
        login("hn-koordination")
        page = client.get(reverse("kennzahlen:cockpit")).content.decode()
    fristgerecht = page.split("Verwendungsnachweise fristgerecht (%)", 2)[2]
    assert '<th scope="row">2028</th><td class="num">0</td>' in fristgerecht.split("</table>")[0]


def test_the_coordinator_sees_who_has_not_reported(client, login, fj, demo, user):
    login("hn-koordination")
    page = client.get(reverse("kennzahlen:cockpit")).content.decode()
    assert "Wer hat noch keine Kennzahlen gemeldet?" in page
    assert "2028 (Landkreis Heilbronn): Nordheim" in page
    kennzahlen_erfassen(fj, demo["nordheim"], {"personen_erreicht": 12}, user("nordheim"))
    page = client.get(reverse("kennzahlen:cockpit")).content.decode()
    assert "Wer hat noch keine Kennzahlen gemeldet?" not in page


def test_the_cockpit_exports_its_numbers_and_each_chart(client, login, zahlen):
    import io

    from openpyxl import load_workbook

    login("hn-koordination")
    antwort = client.get(reverse("kennzahlen:cockpit"), {"format": "xlsx"})
    assert antwort["Content-Type"].startswith("application/vnd.openxmlformats")
    zeilen = list(load_workbook(io.BytesIO(antwort.content)).active.iter_rows(values_only=True))
    assert ("Erreichte Personen je Jahr (Ihr Kreis)", "2028", 200) in zeilen
    svg = client.get(reverse("kennzahlen:cockpit"), {"format": "svg", "nr": "1"})
    assert svg["Content-Type"].startswith("image/svg+xml") and b"<svg" in svg.content
    assert "attachment" in svg["Content-Disposition"]
    for nr in ("99", "0", "-1", "x"):
        assert client.get(reverse("kennzahlen:cockpit"), {"format": "svg", "nr": nr}).status_code == 404
