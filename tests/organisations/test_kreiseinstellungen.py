"""The Kreis keeps its settings in the portal: letterhead, Aktenzeichen pattern and
Rechtsbehelfsbelehrung by its coordination; the Kreiskasse account only with four eyes; Gemeinde
addresses by the Gemeinde or its Kreis. Everything audited; bank data masked in the trail."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from portal.audit.models import AuditEvent
from portal.organisations.models import Gemeinde, Kontoaenderung, Kreis

pytestmark = pytest.mark.django_db

NEU = "DE02120300000000202051"


def einstellungen(demo):
    return reverse("organisations:kreis_einstellungen", args=[demo["hn"].pk])


def test_the_coordination_edits_letterhead_and_texts(client, login, demo):
    login("hn-koordination")
    seite = client.get(einstellungen(demo)).content.decode()
    assert "Widerspruch erhoben werden" in seite  # a suggested Rechtsbehelfsbelehrung to start from
    png = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(png, "PNG")
    png.name = "logo.png"
    png.seek(0)
    daten = {
        "aktion": "einstellungen",
        "dienststelle": "Landratsamt Heilbronn, Amt für Migration",
        "strasse": "Lerchenstraße 40",
        "plz": "74072",
        "ort": "Heilbronn",
        "telefon": "07131 994-0",
        "email": "integration@landratsamt-heilbronn.example",
        "webseite": "",
        "aktenzeichen_muster": "IM-{jahr}-{ags}",
        "rechtsbehelfsbelehrung": "Gegen diesen Bescheid kann binnen eines Monats Widerspruch erheben.",
        "ohne_unterschrift": "on",
        "haushaltsstelle": "1.3130.7171.000",
        "zahlungsziel_tage": "10",
        "logo": png,
    }
    response = client.post(einstellungen(demo), daten)
    assert response.status_code == 302
    kreis = Kreis.objects.get(pk=demo["hn"].pk)
    assert kreis.dienststelle == "Landratsamt Heilbronn, Amt für Migration"
    assert kreis.anschrift_zeilen == ["Lerchenstraße 40", "74072 Heilbronn"]
    assert kreis.logo.name.startswith("kreislogos/")
    assert (
        kreis.ohne_unterschrift
        and kreis.haushaltsstelle == "1.3130.7171.000"
        and kreis.zahlungsziel_tage == 10
    )
    event = AuditEvent.objects.for_object(kreis).filter(aktion="organisation.geaendert").latest("pk")
    assert event.aenderungen["plz"] == {"vorher": "", "nachher": "74072"}


@pytest.mark.parametrize(
    ("feld", "wert", "meldung"),
    [
        ("aktenzeichen_muster", "IM-{jahr}-{kreis}", "Unbekannter Platzhalter"),
        ("plz", "7407", "Die Postleitzahl hat fünf Ziffern."),
    ],
)
def test_bad_settings_get_a_german_error_next_to_the_field(client, login, demo, feld, wert, meldung):
    login("hn-koordination")
    daten = {
        "aktion": "einstellungen",
        "aktenzeichen_muster": "IM-{jahr}",
        "plz": "",
        "dienststelle": "Amt X",
        "zahlungsziel_tage": "14",
    }
    daten[feld] = wert
    response = client.post(einstellungen(demo), daten)
    assert response.status_code == 200
    body = response.content.decode()
    assert meldung in body and "Amt X" in body
    assert Kreis.objects.get(pk=demo["hn"].pk).dienststelle == ""


def test_finance_may_not_edit_the_letterhead_but_sees_the_account(client, login, demo):
    login("hn-finanzen")
    seite = client.get(einstellungen(demo)).content.decode()
    assert "Bankverbindung der Kreiskasse" in seite and "Briefkopf, Anschrift und Texte" not in seite
    client.post(einstellungen(demo), {"aktion": "einstellungen", "dienststelle": "Fremd"})
    assert Kreis.objects.get(pk=demo["hn"].pk).dienststelle == ""


def test_a_new_kreiskasse_account_needs_a_second_person(client, login, demo):
    kreis = Kreis.objects.get(pk=demo["hn"].pk)
    alt = kreis.iban
    login("hn-finanzen")
    response = client.post(
        einstellungen(demo),
        {
            "aktion": "konto",
            "kontoinhaber": "Kreiskasse Heilbronn",
            "iban": "DE02 1203 0000 0000 2020 51",
            "bic": "",
        },
    )
    assert response.status_code == 302
    kreis.refresh_from_db()
    assert kreis.iban == alt  # not yet
    aenderung = Kontoaenderung.objects.get(kreis=kreis, status="offen")
    # the proposer cannot confirm
    client.post(einstellungen(demo), {"aktion": "bestaetigen", "aenderung": aenderung.pk})
    kreis.refresh_from_db()
    assert kreis.iban == alt
    assert "nicht wer sie vorgeschlagen hat" in client.get(einstellungen(demo)).content.decode()
    # a second person (coordination) confirms
    login("hn-koordination")
    client.post(einstellungen(demo), {"aktion": "bestaetigen", "aenderung": aenderung.pk})
    kreis.refresh_from_db()
    assert kreis.iban == NEU and kreis.kontoinhaber == "Kreiskasse Heilbronn"
    event = AuditEvent.objects.for_object(kreis).get(aktion="kreiskasse.geaendert")
    assert event.aenderungen["iban"]["nachher"] == "DE02 **** **** 2051"  # masked in the trail
    assert NEU not in str(event.aenderungen)
    call_command("verify_audit", stdout=io.StringIO())


def test_a_wrong_iban_proposal_keeps_what_was_typed(client, login, demo):
    login("hn-koordination")
    response = client.post(
        einstellungen(demo),
        {"aktion": "konto", "kontoinhaber": "Kreiskasse Heilbronn", "iban": "DE02 1203 0000 0000 2020 52"},
    )
    body = response.content.decode()
    assert response.status_code == 200 and "Die Prüfziffer der IBAN stimmt nicht" in body
    assert "DE02 1203 0000 0000 2020 52" in body and "Kreiskasse Heilbronn" in body
    assert not Kontoaenderung.objects.exists()


def test_another_kreis_cannot_reach_the_settings(client, login, demo):
    for viewer in ("gp-koordination", "nordheim", "land"):
        login(viewer)
        assert client.get(einstellungen(demo)).status_code == 404, viewer


def test_the_gemeinde_keeps_its_address(client, login, demo):
    nordheim = Gemeinde.objects.get(name="Nordheim")
    url = reverse("organisations:gemeinde_anschrift", args=[nordheim.pk])
    login("nordheim")
    response = client.post(url, {"strasse": "Hauptstraße 26", "plz": "74226", "ort": "Nordheim"})
    assert response.status_code == 302
    nordheim.refresh_from_db()
    assert nordheim.anschrift_zeilen == ["Hauptstraße 26", "74226 Nordheim"]
    assert AuditEvent.objects.for_object(nordheim).filter(aktion="organisation.geaendert").exists()
    login("brackenheim")
    assert client.get(url).status_code == 404
    login("gp-koordination")
    assert client.get(url).status_code == 404
