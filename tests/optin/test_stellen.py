"""Planned positions in the decision wizard (#19): a returned decision's position can be struck out or
cleared, another position can always be added, and only the first position's fields carry the
required star."""

import datetime
import re
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from tests.optin.conftest import VOR_DER_FRIST, pdf
from workflows.optin import services
from workflows.optin.models import Status

pytestmark = pytest.mark.django_db

STUDIUM = {"arbeitgeber": "gemeinde", "beginn": "2028-01-01", "qualifikation": "studium"}


def zwei_stellen_zurueckgegeben(entscheidung, user):
    """Nordheim submitted two positions of 0.5 VZÄ each; the coordinator returned the decision."""
    e = entscheidung("Nordheim")
    stelle = services.StellenAngabe(Decimal("0.50"), datetime.date(2028, 1, 1), "studium")
    services.einreichen(
        e,
        services.Einreichung(
            wahl="allein",
            stellen=[stelle, stelle],
            beschluss_datum=datetime.date(2027, 4, 1),
            beschluss_datei=pdf(),
            ansprechperson="Nico Neumann",
            ansprechperson_email="n@example.org",
        ),
        user("nordheim"),
    )
    services.pruefen(e, False, "Die zweite Stelle ist nicht beschlossen.", user("hn-koordination"))
    return e


def legenden(html: str) -> list[str]:
    return re.findall(r"<legend>(.*?)</legend>", html)


def stellen_schritt(w, *rows, initial=0, total=None, **extra):
    data = {
        "TOTAL_FORMS": str(total or len(rows)),
        "INITIAL_FORMS": str(initial),
        "MIN_NUM_FORMS": "0",
        "MAX_NUM_FORMS": "10",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"{i}-{key}"] = value
    return w.post("stellen", data, **extra)


def bis_zum_ende(w):
    w.post("finanzierung")
    w.post(
        "beschluss",
        {"beschluss_datum": "2027-04-20", "ansprechperson": "N", "ansprechperson_email": "n@example.org"},
        files={"beschluss_datei": pdf()},
    )
    return w.einreichen()


@time_machine.travel(VOR_DER_FRIST)
@pytest.mark.parametrize("wie", ["streichen", "leeren"])
def test_a_returned_decision_loses_its_second_position(entscheidung, user, login, wizard, wie):
    e = zwei_stellen_zurueckgegeben(entscheidung, user)
    login("nordheim")
    w = wizard(e)
    w.open()
    seite = w.post("wahl", {"wahl": "allein"}).content.decode()
    # both submitted positions can be struck out; an empty row follows for a third
    assert seite.count("Diese Stelle streichen</label>") == 2
    assert legenden(seite) == ["Stelle 1", "Stelle 2 (freiwillig)", "Stelle 3 (freiwillig)"]

    erste = {"vzae": "0,5", **STUDIUM}
    if wie == "streichen":
        zweite = {"vzae": "0,5", **STUDIUM, "DELETE": "on"}
    else:  # size and start cleared; the radio button cannot be cleared and stays chosen
        zweite = {"vzae": "", "arbeitgeber": "gemeinde", "beginn": "", "qualifikation": "studium"}
    antwort = stellen_schritt(w, erste, zweite, {}, initial=2).content.decode()
    assert "Bitte geben Sie den Stellenumfang an." not in antwort
    assert "Schritt 3 von 5" in antwort

    assert bis_zum_ende(w).status_code == 302
    e.refresh_from_db()
    assert e.status == Status.EINGEREICHT
    assert [s.vzae for s in e.stellen.all()] == [Decimal("0.50")]


@time_machine.travel(VOR_DER_FRIST)
def test_struck_out_positions_still_need_one_minimum_position(entscheidung, user, login, wizard):
    e = zwei_stellen_zurueckgegeben(entscheidung, user)
    login("nordheim")
    w = wizard(e)
    w.open()
    w.post("wahl", {"wahl": "allein"})
    gestrichen = {"vzae": "0,5", **STUDIUM, "DELETE": "on"}
    antwort = stellen_schritt(w, gestrichen, gestrichen, {}, initial=2).content.decode()
    assert "Schritt 2 von 5" in antwort
    assert "Mindestens eine Stelle muss 0,50 VZÄ oder mehr umfassen" in antwort


@time_machine.travel(VOR_DER_FRIST)
def test_a_third_position_can_be_added(entscheidung, login, wizard):
    e = entscheidung("Nordheim")
    login("nordheim")
    w = wizard(e)
    w.open()
    seite = w.post("wahl", {"wahl": "allein"}).content.decode()
    assert legenden(seite) == ["Stelle 1", "Stelle 2 (freiwillig)"]
    # only the first position's fields carry the required star
    erste, zweite = seite.split("<legend>")[1:3]
    assert erste.count('class="required"') == 4 and 'class="required"' not in zweite

    zwei = ({"vzae": "0,5", **STUDIUM}, {"vzae": "0,25", **STUDIUM})
    seite = stellen_schritt(w, *zwei, entwurf_speichern="zeile").content.decode()
    assert "Gespeichert. Unten steht eine leere Zeile für eine weitere Stelle bereit." in seite
    assert legenden(seite)[-1] == "Stelle 3 (freiwillig)"
    assert 'name="stellen-2-vzae"' in seite and 'value="0,25"' in seite

    antwort = stellen_schritt(w, *zwei, {"vzae": "0,25", **STUDIUM}, total=4)
    assert "Schritt 3 von 5" in antwort.content.decode()
    assert bis_zum_ende(w).status_code == 302
    e.refresh_from_db()
    assert sorted(s.vzae for s in e.stellen.all()) == [Decimal("0.25"), Decimal("0.25"), Decimal("0.50")]


def test_a_partner_sees_its_part_in_the_verbund_instead_of_a_decision_to_make(
    client, login, entscheidung, user
):
    """The demo's Verbund Zabergäu asks Güglingen: its own decision offers no wizard, before and after
    it confirmed, and says what happens instead (#19)."""
    from portal.permissions import check

    eigene = entscheidung("Güglingen")
    login("gueglingen")
    seite = client.get(eigene.get_absolute_url()).content.decode()
    assert "im Verbund angefragt" in seite and "Zur Anfrage" in seite
    assert "Entscheidung abgeben</a>" not in seite
    assert not check(user("gueglingen"), "entscheidung.bearbeiten", eigene)

    anfrage = entscheidung("Brackenheim").bestaetigungen.get(gemeinde__name="Güglingen")
    services.partner_antworten(anfrage, True, "", user("gueglingen"))
    seite = client.get(eigene.get_absolute_url()).content.decode()
    assert "im Verbund bestätigt" in seite and "Hier ist nichts weiter zu tun." in seite
    assert "Entscheidung abgeben</a>" not in seite and ">offen<" not in seite
    # the start page says the same, not "offen"
    start = client.get(reverse("start:dashboard")).content.decode()
    zeile = start[start.index(f'<a href="{eigene.get_absolute_url()}">') :].split("</tr>")[0]
    assert "im Verbund bestätigt" in zeile and ">offen<" not in zeile
    # the Kreis's register of the year counts the partners apart from the open decisions
    login("hn-koordination")
    register = client.get(reverse("optin:register", args=[eigene.foerderjahr_id])).content.decode()
    assert "im Verbund angefragt: 4</li>" in register
    assert ">offen: 41</a>" in register and ">eingereicht: 1</a>" in register
    # the coordinator reading along is not asked to confirm anything
    login("hn-koordination")
    seite = client.get(eigene.get_absolute_url()).content.decode()
    assert "Zur Anfrage" not in seite and "Hier ist nichts weiter zu tun." not in seite


@time_machine.travel(VOR_DER_FRIST)
def test_a_row_with_only_a_qualification_is_ignored_without_an_error(entscheidung, login, wizard):
    """The radio button of an optional row cannot be cleared: choosing it alone adds no position and no
    error next to it, while the first row's own error still shows."""
    login("nordheim")
    w = wizard(entscheidung("Nordheim"))
    w.open()
    w.post("wahl", {"wahl": "allein"})
    nur_qualifikation = {"vzae": "", "arbeitgeber": "gemeinde", "beginn": "", "qualifikation": "studium"}
    seite = stellen_schritt(w, {"vzae": "1,5", **STUDIUM}, nur_qualifikation).content.decode()
    assert "Höchstens 1,0 VZÄ je Stelle." in seite
    assert "Bitte geben Sie den Stellenumfang an." not in seite
    assert (
        "Schritt 3 von 5"
        in stellen_schritt(w, {"vzae": "0,5", **STUDIUM}, nur_qualifikation).content.decode()
    )
