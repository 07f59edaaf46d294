"""Kennzahlen: who enters what, bad input, the Kreis aggregation and its XLSX read back in the
template's layout, the Land's view, the Gemeinde seeing its own town; and the Gesamtverwendungsnachweis
totals against the individual records."""

import datetime
import io
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from pypdf import PdfReader

from portal.audit.models import AuditEvent
from tests.artefakte import bild
from tests.proof.conftest import NACH_DEM_JAHR
from workflows.proof.kennzahlen import KennzahlDefinition, Kennzahlmeldung
from workflows.proof.kennzahlen_services import kennzahlen_erfassen

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def nach_dem_jahr():
    """Kennzahlen of 2028 are entered after the year has begun (``beginn_kennzahlen``): here in February
    2029, when the Kreis collects them for the Land."""
    with time_machine.travel(NACH_DEM_JAHR):
        yield


def test_the_field_list_is_data(fj):
    keys = list(KennzahlDefinition.fuer_jahr(2028).values_list("schluessel", flat=True))
    assert keys[:3] == ["personen_erreicht", "personen_neu", "personen_familien"]
    KennzahlDefinition.objects.create(
        schluessel="neu_2029", bezeichnung="Neu ab 2029", ab_jahr=2029, reihenfolge=999
    )
    assert "neu_2029" not in KennzahlDefinition.fuer_jahr(2028).values_list("schluessel", flat=True)
    assert "neu_2029" in KennzahlDefinition.fuer_jahr(2029).values_list("schluessel", flat=True)


def test_gemeinde_enters_its_own_when_it_runs_im_and_the_kreis_for_the_others(client, login, fj, demo, user):
    url = reverse("kennzahlen:gemeinde", args=[fj.pk, demo["nordheim"].pk])
    login("nordheim")  # Nordheim runs IM itself in 2028 (accepted decision)
    client.post(
        url, {"personen_erreicht": "120", "beratungsgespraeche": "480", "integrationsplaene_erstellt": "45"}
    )
    m = Kennzahlmeldung.objects.get(foerderjahr=fj, gemeinde=demo["nordheim"])
    assert m.werte == {
        "personen_erreicht": 120,
        "beratungsgespraeche": 480,
        "integrationsplaene_erstellt": 45,
    }
    assert m.erfasst_durch == "gemeinde"

    lauffen = demo["hn"].gemeinden.get(name="Lauffen am Neckar")  # stays with the Landkreis
    login("hn-koordination")
    client.post(reverse("kennzahlen:gemeinde", args=[fj.pk, lauffen.pk]), {"personen_erreicht": "30"})
    assert Kennzahlmeldung.objects.get(gemeinde=lauffen).erfasst_durch == "kreis"

    # Brackenheim (not accepted yet) may not enter, but always sees its own town's figures
    kennzahlen_erfassen(fj, demo["brackenheim"], {"personen_erreicht": 12}, user("hn-koordination"))
    login("brackenheim")
    page = client.get(reverse("kennzahlen:gemeinde", args=[fj.pk, demo["brackenheim"].pk])).content.decode()
    assert "wenn der Kreis ihre Entscheidung für 2028 angenommen hat" in page
    assert '<td class="num">12</td>' in page
    assert client.get(reverse("kennzahlen:gemeinde", args=[fj.pk, demo["nordheim"].pk])).status_code == 404
    assert AuditEvent.objects.filter(aktion="kennzahlen.erfasst").count() == 3


@pytest.mark.parametrize(
    ("wert", "meldung"),
    [
        ("-1", "Die Zahl darf nicht negativ sein."),
        ("1000001", "unplausibel hoch"),
        ("zwölf", "Bitte eine ganze Zahl angeben."),
        ("1,5", "Bitte eine ganze Zahl angeben."),
    ],
)
def test_bad_figures_get_a_message_at_the_field(client, login, fj, demo, wert, meldung):
    login("nordheim")
    page = client.post(
        reverse("kennzahlen:gemeinde", args=[fj.pk, demo["nordheim"].pk]),
        {"personen_erreicht": wert, "beratungsgespraeche": "7"},
    ).content.decode()
    assert meldung in page and 'value="7"' in page
    assert not Kennzahlmeldung.objects.exists()


def test_kreis_xlsx_in_the_template_layout_and_land_view(client, login, fj, demo, user):
    kennzahlen_erfassen(
        fj, demo["nordheim"], {"personen_erreicht": 120, "beratungsgespraeche": 480}, user("hn-koordination")
    )
    lauffen = demo["hn"].gemeinden.get(name="Lauffen am Neckar")
    kennzahlen_erfassen(fj, lauffen, {"personen_erreicht": 30}, user("hn-koordination"))
    login("hn-koordination")
    response = client.get(reverse("kennzahlen:jahr", args=[fj.pk]), {"format": "xlsx"})
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb["Auswertung Zeitraum"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "Kennzahlenerhebung Integrationsmanagement"
    assert rows[1][:2] == ("Zeitraum", "01.01.2028 – 31.12.2028")
    assert rows[2][:2] == ("Zuwendungsempfänger", "Landkreis Heilbronn")
    header = rows[4]
    assert header[0] == "Kennzahl" and header[-1] == "Summe" and len(header) == 46 + 2
    erreicht = next(r for r in rows if r[0] == "Erreichte Personen insgesamt")
    assert erreicht[header.index("Nordheim")] == 120
    assert erreicht[header.index("Brackenheim")] is None  # not reported: empty, not 0
    zeile = rows.index(erreicht) + 1
    assert erreicht[-1] == f"=SUM(B{zeile}:{get_column_letter(len(header) - 1)}{zeile})"
    assert sum(v for v in erreicht[1:-1] if v) == 150

    # the coordinator's link and page are named for what they show: the own Kreis (#19)
    uebersicht = client.get(reverse("kennzahlen:uebersicht")).content.decode()
    assert "Summen des Kreises je Förderjahr" in uebersicht and "Übersicht über alle Kreise" not in uebersicht
    page = client.get(reverse("kennzahlen:land"), {"jahr": 2028}).content.decode()
    assert "Kennzahlen des Kreises 2028" in page and "Landkreis Göppingen" not in page

    login("land")
    assert "Übersicht über alle Kreise" in client.get(reverse("kennzahlen:uebersicht")).content.decode()
    page = client.get(reverse("kennzahlen:land"), {"jahr": 2028}).content.decode()
    assert "Kennzahlen aller Kreise 2028" in page
    assert "Landkreis Heilbronn" in page and "Landkreis Göppingen" in page and "150" in page
    # Göppingen reported nothing: "keine Daten", not zeros; without a choice the newest year with figures
    assert "keine Daten" in page and "<title>Kennzahlen aller Kreise 2028" in page
    assert "Kennzahlen aller Kreise 2028" in client.get(reverse("kennzahlen:land")).content.decode()
    land = load_workbook(
        io.BytesIO(client.get(reverse("kennzahlen:land"), {"jahr": 2028, "format": "xlsx"}).content)
    )
    header = list(land["Auswertung Zeitraum"].iter_rows(values_only=True))[4]
    assert "Landkreis Göppingen" in header and "Landkreis Heilbronn" in header
    login("nordheim")
    assert client.get(reverse("kennzahlen:jahr", args=[fj.pk])).status_code == 404


def test_gesamtverwendungsnachweis_totals_match_the_records(client, login, mit_ueberschuss):
    nachweis = mit_ueberschuss
    login("hn-koordination")
    fj = nachweis.foerderjahr
    response = client.get(reverse("proof:gesamt", args=[fj.pk, "xlsx"]))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    nordheim = next(r for r in rows if r[0] == "Nordheim")
    share = fj.verteilungen.get(status="veroeffentlicht").anteile.get(gemeinde=nachweis.gemeinde).anteil
    assert Decimal(str(nordheim[1])) == share
    assert Decimal(str(nordheim[2])) == Decimal("20000.00") and Decimal(str(nordheim[3])) == Decimal(
        "18500.50"
    )
    assert Decimal(str(nordheim[5])) == Decimal("1499.50")
    # the sum row sums the recipients above it as a live formula
    kopf = next(i for i, r in enumerate(rows, start=1) if r[0] == "Empfänger")
    summe_nr, summe = next((i, r) for i, r in enumerate(rows, start=1) if r[0] == "Summe Empfänger")
    assert summe[2] == f"=SUM(C{kopf + 1}:C{summe_nr - 1})"
    empfaenger = rows[kopf : summe_nr - 1]
    assert sum(Decimal(str(r[2])) for r in empfaenger) == Decimal("20000.00")
    assert all(r[3] is None for r in empfaenger if r[0] != "Nordheim")  # no proof yet: empty, not 0
    # key figures above the table: amounts labelled (EUR), counts on their own rows
    eckdaten = {r[0]: r[1] for r in rows[:kopf] if r and r[0]}
    assert Decimal(str(eckdaten["Eigener Teil des Kreises, Gemeinden beim Landkreis (EUR)"])) == Decimal(
        "0.00"
    )
    assert eckdaten["Verwendungsnachweise geprüft"] == 1 and eckdaten["Verwendungsnachweise ausstehend"] >= 0
    assert all(isinstance(r[c], (int, float)) or r[c] is None for r in empfaenger for c in (1, 2, 3, 5))
    pdf = client.get(reverse("proof:gesamt", args=[fj.pk, "pdf"]))
    bild(pdf.content, "gesamtverwendungsnachweis")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Gesamtverwendungsnachweis" in text and "Nordheim" in text and "1.499,50" in text
    assert AuditEvent.objects.filter(aktion="gesamtverwendungsnachweis.erstellt").count() == 2
    login("nordheim")
    assert client.get(reverse("proof:gesamt", args=[fj.pk, "xlsx"])).status_code == 404


def test_kennzahlen_window_opens_with_the_years_date(fj, demo, user):
    """Before ``beginn_kennzahlen`` (01.01. of the year by default) nothing can be entered, on the edge."""
    from django.core.exceptions import ValidationError

    from portal.funding.fristen import BERLIN

    werte = {"personen_erreicht": 1}
    with (
        time_machine.travel(datetime.datetime(2027, 12, 31, 23, 59, 59, tzinfo=BERLIN)),
        pytest.raises(ValidationError, match="erst ab dem 01.01.2028"),
    ):
        kennzahlen_erfassen(fj, demo["nordheim"], werte, user("hn-koordination"))
    with time_machine.travel(datetime.datetime(2028, 1, 1, 0, 0, tzinfo=BERLIN)):
        kennzahlen_erfassen(fj, demo["nordheim"], werte, user("hn-koordination"))
    assert Kennzahlmeldung.objects.get(foerderjahr=fj, gemeinde=demo["nordheim"]).werte == werte


def test_no_kennzahlen_form_before_the_window_and_the_reason_why(client, login, fj, demo):
    """#19: the page offers no form that saving would refuse; it says from when figures can be entered."""
    from portal.funding.fristen import BERLIN

    url = reverse("kennzahlen:gemeinde", args=[fj.pk, demo["nordheim"].pk])
    login("hn-koordination")
    with time_machine.travel(datetime.datetime(2027, 12, 31, 23, 59, tzinfo=BERLIN)):
        seite = client.get(url).content.decode()
        assert (
            "können erst ab dem 01.01.2028 erfasst werden" in seite and "<form" not in seite.split("<main")[1]
        )
    with time_machine.travel(datetime.datetime(2028, 1, 1, 0, 0, tzinfo=BERLIN)):
        seite = client.get(url).content.decode()
        assert 'name="personen_erreicht"' in seite


def test_an_undecided_gemeinde_is_told_when_it_enters_its_own_figures(client, login, demo):
    """Nordheim has not decided for 2028: not "the Kreis enters them because it runs the work" (#19)."""
    from portal.funding.models import Foerderjahr

    fj = Foerderjahr.objects.get(kreis=demo["hn"], jahr=2028)
    login("nordheim")
    seite = client.get(reverse("kennzahlen:gemeinde", args=[fj.pk, demo["nordheim"].pk])).content.decode()
    assert "wenn der Kreis ihre Entscheidung für 2028 angenommen hat" in seite
    assert "weil er das Integrationsmanagement erbringt" not in seite


def test_the_plausibility_limit_is_the_years(client, login, fj, demo, user):
    from portal.funding.services import foerderjahr_aendern

    foerderjahr_aendern(
        fj, {"kennzahl_hoechstwert": 500}, user("hn-koordination"), begruendung="Kleiner Kreis"
    )
    login("nordheim")
    url = reverse("kennzahlen:gemeinde", args=[fj.pk, demo["nordheim"].pk])
    page = client.post(url, {"personen_erreicht": "501"}).content.decode()
    assert "unplausibel hoch (mehr als 500)" in page and 'value="501"' in page
    client.post(url, {"personen_erreicht": "500"})
    assert Kennzahlmeldung.objects.get(foerderjahr=fj, gemeinde=demo["nordheim"]).werte == {
        "personen_erreicht": 500
    }


def test_a_davon_value_is_never_more_than_its_total(client, login, fj, demo):
    """#19: "davon in Familien" 13 of 12 reached persons is refused at the field; 12 of 12 is fine."""
    login("nordheim")
    url = reverse("kennzahlen:gemeinde", args=[fj.pk, demo["nordheim"].pk])
    page = client.post(url, {"personen_erreicht": "12", "personen_familien": "13"}).content.decode()
    assert "„davon in Familien“ (13) ist größer als „Erreichte Personen insgesamt“ (12)." in page
    assert 'value="13"' in page and not Kennzahlmeldung.objects.exists()
    client.post(url, {"personen_erreicht": "12", "personen_familien": "12", "personen_neu": "0"})
    assert Kennzahlmeldung.objects.get().werte["personen_familien"] == 12
