"""No formula injection, anywhere: the probe's payloads typed into the real forms (the decision wizard's
Ansprechperson, the transfer form's Kontoinhaber and Verwendungszweck, the booking reference of a payment)
come out as inert text in every spreadsheet and CSV that shows them: the register, the transfer list,
the Protokoll and the audit dossier. Numbers stay numbers."""

import csv
import io
import zipfile

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from tests.optin.conftest import VOR_DER_FRIST, Wizard, pdf
from workflows.optin import services as optin
from workflows.optin.models import Entscheidung
from workflows.transfer import services
from workflows.transfer.models import Weiterleitung

HYPERLINK = '=HYPERLINK("http://angreifer.example/";"Bitte klicken")'
DDE = "=cmd|' /C calc'!A0"
PLUS = "+49 7131 1234"
AT = "@SUMME(1+1)*cmd"


def xlsx_zellen(inhalt: bytes) -> list:
    wb = load_workbook(io.BytesIO(inhalt))
    return [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]


def pruefe_xlsx(inhalt: bytes, nutzlasten) -> None:
    zellen = xlsx_zellen(inhalt)
    formeln = [c.value for c in zellen if c.data_type == "f" and not str(c.value).startswith("=SUM(")]
    assert not formeln, formeln  # nothing typed became a formula
    for nutzlast in nutzlasten:
        treffer = [c for c in zellen if c.value == nutzlast]
        assert treffer, f"{nutzlast!r} missing"
        assert all(c.data_type == "s" for c in treffer)  # stored as text, shown as typed


def pruefe_csv(inhalt: bytes, nutzlasten) -> None:
    felder = [
        f for zeile in csv.reader(io.StringIO(inhalt.decode("utf-8-sig")), delimiter=";") for f in zeile
    ]
    for nutzlast in nutzlasten:
        assert "'" + nutzlast in felder, f"{nutzlast!r} not inert"
        assert nutzlast not in felder  # never raw at the start of a cell


@pytest.mark.django_db
def test_payloads_typed_into_the_forms_are_inert_in_every_export(
    client, login, user, demo, django_capture_on_commit_callbacks
):
    nordheim = Entscheidung.objects.get(gemeinde=demo["nordheim"], foerderjahr__jahr=2028)
    fj = nordheim.foerderjahr
    # the Gemeinde types the payload as its Ansprechperson and submits through the wizard
    with time_machine.travel(VOR_DER_FRIST):
        login("nordheim")
        w = Wizard(client, nordheim)
        w.allein()
        w.post(
            "beschluss",
            {
                "beschluss_datum": "2027-04-20",
                "ansprechperson": HYPERLINK,
                "ansprechperson_email": "n@example.org",
                "ansprechperson_telefon": PLUS,
            },
            files={"beschluss_datei": pdf()},
        )
        w.einreichen()
        nordheim.refresh_from_db()
        assert nordheim.ansprechperson == HYPERLINK
        optin.pruefen(nordheim, True, "", user("hn-koordination"))

    # the register of decisions
    login("hn-koordination")
    register = reverse("optin:register", args=[fj.pk])
    pruefe_xlsx(client.get(register, {"format": "xlsx"}).content, [HYPERLINK])
    pruefe_csv(client.get(register, {"format": "csv"}).content, [HYPERLINK])

    # a transfer prepared through the form with payloads in the account holder and the purpose
    services.auszahlung_erfassen(
        fj, fj.frist_uebersicht, services.anteil(nordheim) * 2, "RP", user("hn-koordination")
    )
    client.post(
        reverse("transfer:vorbereiten", args=[fj.pk, nordheim.pk]),
        {
            "betrag": "1.000,00",
            "rechtsform": "bescheid",
            "kontoinhaber": DDE,
            "iban": "DE89 3704 0044 0532 0130 00",
            "bic": "",
            "verwendungszweck": AT,
        },
    )
    weiterleitung = Weiterleitung.objects.get()
    assert weiterleitung.kontoinhaber == DDE
    services.freigeben(weiterleitung, user("hn-koordination2"))
    login("hn-finanzen")
    liste = client.get(reverse("transfer:export", args=[fj.pk, "xlsx"])).content
    pruefe_xlsx(liste, [DDE, AT])
    assert any(
        c.value == 1000 and c.number_format == "#,##0.00" for c in xlsx_zellen(liste)
    )  # still a number
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            weiterleitung.get_absolute_url(),
            {"aktion": "bezahlt", "datum": "2029-03-20", "buchungsreferenz": DDE},
        )
    weiterleitung.refresh_from_db()
    assert weiterleitung.buchungsreferenz == DDE

    # the Protokoll (its texts carry what was typed) and the audit dossier's CSVs
    login("hn-koordination")
    protokoll = reverse("audit:list")
    for fmt, pruefe in (("xlsx", pruefe_xlsx), ("csv", None)):
        inhalt = client.get(protokoll, {"format": fmt, "kreis": demo["hn"].pk}).content
        if pruefe:
            zellen = xlsx_zellen(inhalt)
            assert not [c for c in zellen if c.data_type == "f"]
            assert any(isinstance(c.value, str) and DDE in c.value for c in zellen)
        else:
            text = inhalt.decode("utf-8-sig")
            assert DDE in text
            assert not any(
                f.startswith(("=", "+", "-", "@"))
                for z in csv.reader(io.StringIO(text), delimiter=";")
                for f in z
            )
    akte = zipfile.ZipFile(io.BytesIO(client.get(reverse("dossier:pruefakte", args=[fj.pk])).content))
    pruefe_csv(akte.read("weiterleitungen.csv"), [DDE])
    pruefe_csv(akte.read("entscheidungen.csv"), [HYPERLINK])
    for name in akte.namelist():
        if name.endswith(".csv"):
            text = akte.read(name).decode("utf-8-sig")
            zellen = [f for z in csv.reader(io.StringIO(text), delimiter=";") for f in z]
            assert not any(f.startswith(("=", "+", "@", "\t", "\r")) for f in zellen), name
