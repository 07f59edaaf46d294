"""The transfer path through the test client: payout, preparation with IBAN check, four-eyes refusal,
return and rework, approval with PDFs, SEPA and XLSX export, payment, receipt; the invariants; and
who sees bank data."""

import io
from decimal import Decimal
from pathlib import Path

import pytest
import sepaxml
import xmlschema
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from portal.core.darstellung import geld
from tests.transfer.conftest import IBAN_NORDHEIM
from workflows.transfer import services
from workflows.transfer.models import Weiterleitung

pytestmark = pytest.mark.django_db

PAIN001 = Path(sepaxml.__file__).parent / "schemas" / "pain.001.001.03.xsd"


def zahlungsdaten(**extra):
    data = {
        "betrag": "20.000,00",
        "rechtsform": "bescheid",
        "kontoinhaber": "Gemeinde Nordheim",
        "iban": "DE89 3704 0044 0532 0130 00",
        "bic": "",
        "verwendungszweck": "",
    }
    data.update(extra)
    return data


def test_whole_path_with_four_eyes(client, login, user, fj, nordheim, django_capture_on_commit_callbacks):
    jahr_url = reverse("transfer:jahr", args=[fj.pk])
    login("hn-koordination")
    page = client.get(jahr_url).content.decode()
    assert "Nordheim" in page and "Vorbereiten" in page

    # the Land's payout
    response = client.post(
        jahr_url, {"datum": "2029-03-15", "betrag": "1.234,567", "referenz": "RP-1", "tranche": "1"}
    )
    assert "Bitte höchstens zwei Nachkommastellen (ganze Cent) angeben." in response.content.decode()
    assert 'value="1.234,567"' in response.content.decode()
    client.post(
        jahr_url, {"datum": "2029-03-15", "betrag": "100.000,00", "referenz": "RP-2029-17", "tranche": "1"}
    )
    assert services.ausgezahlt_vom_land(fj) == Decimal("100000.00")

    # preparation: a wrong IBAN is refused at the field, nothing typed is lost
    url = reverse("transfer:vorbereiten", args=[fj.pk, nordheim.pk])
    page = client.get(url).content.decode()
    assert "Gemeinde Nordheim" in page or "Nordheim" in page
    response = client.post(url, zahlungsdaten(iban="DE89 3704 0044 0532 0130 01"))
    html = response.content.decode()
    assert "Die Prüfziffer der IBAN stimmt nicht." in html and 'value="DE89 3704 0044 0532 0130 01"' in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, zahlungsdaten())
    w = Weiterleitung.objects.get()
    assert response.url == w.get_absolute_url()
    assert w.iban == IBAN_NORDHEIM and w.betrag == Decimal("20000.00") and w.status == "vorbereitet"
    assert any("Bitte freigeben" in m.subject and "hn-koordination2@example.org" in m.to for m in mail.outbox)
    assert not any("hn-koordination@example.org" in m.to for m in mail.outbox)

    # four eyes: the preparer may not approve
    page = client.get(w.get_absolute_url()).content.decode()
    assert "Wer die Weiterleitung vorbereitet hat, darf sie nicht freigeben." in page
    # the receipt is a step still to come, not one done (#19)
    assert "Empfang bestätigt (noch offen)" in page
    client.post(w.get_absolute_url(), {"aktion": "freigeben"})
    w.refresh_from_db()
    assert w.status == "vorbereitet"

    # the second coordinator returns it; the first reworks it; the second approves
    login("hn-koordination2")
    response = client.post(w.get_absolute_url(), {"aktion": "zurueckgeben", "begruendung": ""})
    assert "Bitte geben Sie einen Grund für die Rückgabe an." in response.content.decode()
    client.post(
        w.get_absolute_url(), {"aktion": "zurueckgeben", "begruendung": "Betrag laut Verteilung prüfen."}
    )
    w.refresh_from_db()
    assert w.status == "zurueckgegeben"
    login("hn-koordination")
    client.post(w.get_absolute_url(), {"aktion": "ueberarbeiten", **zahlungsdaten(betrag="25.000,00")})
    w.refresh_from_db()
    assert w.status == "vorbereitet" and w.betrag == Decimal("25000.00")
    login("hn-koordination2")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(w.get_absolute_url(), {"aktion": "freigeben"})
    w.refresh_from_db()
    assert w.status == "freigegeben" and w.freigegeben_von.username == "hn-koordination2"
    assert any(
        "Zur Zahlung freigegeben" in m.subject and "hn-finanzen@example.org" in m.to for m in mail.outbox
    )

    # the PDFs open and say what they are
    anordnung = client.get(reverse("transfer:dokument", args=[w.pk, "anordnung"]))
    text = "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(b"".join(anordnung.streaming_content))).pages
    ).replace("\xa0", " ")
    assert anordnung["Content-Disposition"].endswith(
        'filename="Auszahlungsanordnung_2028_Nordheim_Tranche-1.pdf"'
    )
    assert "Auszahlungsanordnung" in text and "25.000,00 €" in text and "DE89 3704 0044 0532 0130 00" in text
    schreiben = client.get(reverse("transfer:dokument", args=[w.pk, "schreiben"]))
    text = "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(b"".join(schreiben.streaming_content))).pages
    )
    assert "Weiterleitungsbescheid" in text and "§ 44 der Landeshaushaltsordnung" in text

    # finance exports SEPA (valid pain.001) and XLSX, then marks it paid
    login("hn-finanzen")
    client.post(reverse("transfer:zahlungslauf_anlegen", args=[fj.pk]), {"datum": ""})
    xml = client.get(reverse("transfer:zahlungslauf", args=[fj.zahlungslaeufe.get().pk])).content
    xmlschema.XMLSchema(str(PAIN001)).validate(xml.decode())
    assert b'<InstdAmt Ccy="EUR">25000.00</InstdAmt>' in xml and IBAN_NORDHEIM.encode() in xml
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("transfer:export", args=[fj.pk, "xlsx"])).content)
    ).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][2] == "Nordheim" and rows[1][6] == 25000
    response = client.post(w.get_absolute_url(), {"aktion": "bezahlt", "datum": "", "buchungsreferenz": ""})
    assert "Bitte das Zahlungsdatum angeben." in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            w.get_absolute_url(), {"aktion": "bezahlt", "datum": "2029-03-20", "buchungsreferenz": "KK-4711"}
        )
    w.refresh_from_db()
    assert w.status == "bezahlt" and w.buchungsreferenz == "KK-4711"
    assert any("Zahlung angewiesen" in m.subject and "nordheim@example.org" in m.to for m in mail.outbox)

    # the Gemeinde sees its transfer (bank data masked), the notice, and confirms receipt
    login("nordheim")
    page = client.get(w.get_absolute_url()).content.decode()
    assert "DE89 **** **** 3000" in page and "0532 0130" not in page
    assert client.get(reverse("transfer:dokument", args=[w.pk, "schreiben"])).status_code == 200
    assert client.get(reverse("transfer:dokument", args=[w.pk, "anordnung"])).status_code == 403
    client.post(w.get_absolute_url(), {"aktion": "empfang"})
    w.refresh_from_db()
    assert w.status == "empfangen" and w.prozess.status == "DONE"
    codes = list(w.prozess.task_set.order_by("pk").values_list("flow_task", flat=True))
    assert [c.name for c in codes] == [
        "start",
        "freigeben",
        "ist_freigegeben",
        "ueberarbeiten",
        "freigeben",
        "ist_freigegeben",
        "auszahlen",
        "ist_bezahlt",
        "empfang",
        "ende",
    ]


def test_finance_sends_it_back(fj, nordheim, user):
    services.auszahlung_erfassen(fj, fj.frist_uebersicht, Decimal("50000"), "RP", user("hn-koordination"))
    w = services.vorbereiten(
        nordheim,
        services.Zahlungsdaten(Decimal("100.00"), "vertrag", "N", IBAN_NORDHEIM),
        user("hn-koordination"),
    )
    services.freigeben(w, user("hn-koordination2"))
    with pytest.raises(ValidationError, match="Bitte geben Sie einen Grund"):
        services.zurueckgeben(w, "", user("hn-finanzen"))
    services.zurueckgeben(w, "IBAN gehört nicht der Gemeinde", user("hn-finanzen"))
    w.refresh_from_db()
    assert w.status == "zurueckgegeben"
    assert services.gebunden(fj) == Decimal("0.00")  # returned money no longer counts


def test_approvals_never_exceed_the_lands_payout(fj, nordheim, user):
    services.auszahlung_erfassen(fj, fj.frist_uebersicht, Decimal("20000.00"), "RP", user("hn-koordination"))
    w = services.vorbereiten(
        nordheim,
        services.Zahlungsdaten(Decimal("20000.01"), "bescheid", "N", IBAN_NORDHEIM),
        user("hn-koordination"),
    )
    with pytest.raises(ValidationError, match=r"nur 20\.000,00\S* ?€ ausgezahlt"):
        services.freigeben(w, user("hn-koordination2"))
    services.zurueckgeben(w, "ein Cent zu viel", user("hn-koordination2"))
    services.ueberarbeiten(
        w,
        services.Zahlungsdaten(Decimal("20000.00"), "bescheid", "N", IBAN_NORDHEIM),
        user("hn-koordination"),
    )
    services.freigeben(w, user("hn-koordination2"))  # exactly the payout: allowed
    assert services.gebunden(fj) == services.ausgezahlt_vom_land(fj)


def test_one_transfer_per_recipient_and_tranche(fj, nordheim, user):
    daten = services.Zahlungsdaten(Decimal("10.00"), "bescheid", "N", IBAN_NORDHEIM)
    services.vorbereiten(nordheim, daten, user("hn-koordination"))
    with pytest.raises(ValidationError, match="schon eine Weiterleitung der Tranche 1"):
        services.vorbereiten(nordheim, daten, user("hn-koordination2"))
    services.vorbereiten(nordheim, daten, user("hn-koordination"), tranche=2)
    assert Weiterleitung.objects.filter(entscheidung=nordheim).count() == 2


def test_only_accepted_opt_ins_receive_money(fj, demo, user):
    from workflows.optin.models import Entscheidung

    brackenheim = Entscheidung.objects.get(
        gemeinde=demo["brackenheim"], foerderjahr=fj
    )  # submitted, not accepted
    with pytest.raises(ValidationError, match="keine angenommene Entscheidung"):
        services.vorbereiten(
            brackenheim,
            services.Zahlungsdaten(Decimal("10.00"), "bescheid", "B", IBAN_NORDHEIM),
            user("hn-koordination"),
        )


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("brackenheim", 404),
        ("goeppingen", 404),
        ("gp-koordination", 404),
        ("gp-finanzen", 404),
        ("land", 200),
    ],
)
def test_other_tenants_never_see_the_transfer_or_its_bank_data(
    client, login, fj, nordheim, user, username, status
):
    services.auszahlung_erfassen(fj, fj.frist_uebersicht, Decimal("50000"), "RP", user("hn-koordination"))
    w = services.vorbereiten(
        nordheim,
        services.Zahlungsdaten(Decimal("100.00"), "bescheid", "N", IBAN_NORDHEIM),
        user("hn-koordination"),
    )
    services.freigeben(w, user("hn-koordination2"))
    login(username)
    response = client.get(w.get_absolute_url())
    assert response.status_code == status
    if status == 200:  # the Land reads, but without bank data
        assert "0532 0130" not in response.content.decode()
    # the Land reads the transfer but never its payment order or the payment file; others find nothing
    verweigert = 403 if status == 200 else 404
    assert client.get(reverse("transfer:dokument", args=[w.pk, "anordnung"])).status_code == verweigert
    assert client.get(reverse("transfer:export", args=[fj.pk, "xlsx"])).status_code == verweigert
    assert client.post(reverse("transfer:zahlungslauf_anlegen", args=[fj.pk])).status_code == verweigert
    antwort = client.post(
        w.get_absolute_url(), {"aktion": "bezahlt", "datum": "2029-01-01", "buchungsreferenz": "X"}
    )
    assert antwort.status_code == (302 if status == 200 else 404)
    w.refresh_from_db()
    assert w.status == "freigegeben"


def test_dashboard_shows_each_role_its_next_step(client, login, fj, nordheim, user):
    services.auszahlung_erfassen(fj, fj.frist_uebersicht, Decimal("50000"), "RP", user("hn-koordination"))
    w = services.vorbereiten(
        nordheim,
        services.Zahlungsdaten(Decimal("100.00"), "bescheid", "N", IBAN_NORDHEIM),
        user("hn-koordination"),
    )
    dashboard = reverse("start:dashboard")
    login("hn-koordination")
    assert f"Weiterleitung freigeben: {w}" not in client.get(dashboard).content.decode()  # own preparation
    login("hn-koordination2")
    assert f"Weiterleitung freigeben: {w}" in client.get(dashboard).content.decode()
    services.freigeben(w, user("hn-koordination2"))
    login("hn-finanzen")
    assert f"Weiterleitung auszahlen: {w}" in client.get(dashboard).content.decode()
    services.bezahlt(w, fj.frist_uebersicht, "KK-1", user("hn-finanzen"))
    login("nordheim")
    assert f"Empfang bestätigen: {w}" in client.get(dashboard).content.decode()


def test_verbund_receives_its_pooled_share_through_the_lead(client, login, fj, demo, user):
    import time_machine
    from django.contrib.auth import get_user_model

    from portal.organisations.models import Mitgliedschaft
    from tests.optin.conftest import VOR_DER_FRIST
    from workflows.optin import services as optin
    from workflows.optin.models import Entscheidung

    brackenheim = Entscheidung.objects.get(gemeinde=demo["brackenheim"], foerderjahr=fj)
    with time_machine.travel(VOR_DER_FRIST):
        for b in brackenheim.bestaetigungen.all():
            u = get_user_model().objects.create(username=f"p-{b.gemeinde.ags}")
            Mitgliedschaft.objects.create(user=u, rolle="gemeinde", gemeinde=b.gemeinde)
            optin.partner_antworten(b, True, "", u)
        optin.pruefen(brackenheim, True, "", user("hn-koordination"))
    brackenheim.refresh_from_db()
    share = services.anteil(brackenheim)
    verteilung = fj.verteilungen.get(status="veroeffentlicht")
    mitglieder = [brackenheim.gemeinde_id, *brackenheim.partner.values_list("pk", flat=True)]
    assert share == sum(a.anteil for a in verteilung.anteile.filter(gemeinde__in=mitglieder))
    assert len(mitglieder) == 5

    login("hn-koordination")
    page = client.get(reverse("transfer:vorbereiten", args=[fj.pk, brackenheim.pk])).content.decode()
    assert f"{share:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".") in page
    w = services.vorbereiten(
        brackenheim,
        services.Zahlungsdaten(share, "vertrag", "Stadt Brackenheim", IBAN_NORDHEIM),
        user("hn-koordination"),
    )
    assert w.gemeinde == demo["brackenheim"] and w.verbund.name == "Integrationsmanagement Zabergäu"
    assert str(w) == "Weiterleitung 2028/1 an Integrationsmanagement Zabergäu"
    login("gueglingen")  # a member of the Verbund sees the Verbund's transfer, without bank data
    page = client.get(w.get_absolute_url()).content.decode()
    assert "Integrationsmanagement Zabergäu" in page and "0532 0130" not in page
    # ... and who confirms the receipt for the Verbund (#19)
    assert "Brackenheim, nach der Zahlung im Portal (federführend für den Verbund)" in page


def test_a_recipient_never_receives_more_than_its_share(client, login, fj, nordheim, user):
    """Preparation refuses a cent over the share next to the amount (keeping what was typed); tranches
    prepared side by side are held to the share when the second person approves them."""
    anteil = services.anteil(nordheim)
    assert anteil > Decimal("100.00")
    services.auszahlung_erfassen(fj, fj.frist_uebersicht, anteil * 3, "RP", user("hn-koordination"))
    login("hn-koordination")
    url = reverse("transfer:vorbereiten", args=[fj.pk, nordheim.pk])
    zuviel = geld(anteil + Decimal("0.01"), symbol=False)
    html = client.post(url, zahlungsdaten(betrag=zuviel)).content.decode()
    assert "Der Betrag ist höher als der Anteil von Nordheim in der veröffentlichten Mittelverteilung" in html
    assert f'value="{zuviel}"' in html and 'value="Gemeinde Nordheim"' in html
    assert not Weiterleitung.objects.exists()

    def daten(betrag):
        return services.Zahlungsdaten(betrag, "bescheid", "N", IBAN_NORDHEIM)

    erste = services.vorbereiten(nordheim, daten(anteil - Decimal("100.00")), user("hn-koordination"))
    zweite = services.vorbereiten(nordheim, daten(Decimal("100.01")), user("hn-koordination"), tranche=2)
    services.freigeben(erste, user("hn-koordination2"))
    with pytest.raises(ValidationError, match="Freigabe nicht möglich: Nordheim wären damit insgesamt"):
        services.freigeben(zweite, user("hn-koordination2"))
    services.zurueckgeben(zweite, "ein Cent über dem Anteil", user("hn-koordination2"))
    with pytest.raises(ValidationError, match="schon freigegeben"):
        services.ueberarbeiten(zweite, daten(Decimal("100.01")), user("hn-koordination"))
    services.ueberarbeiten(zweite, daten(Decimal("100.00")), user("hn-koordination"))
    services.freigeben(zweite, user("hn-koordination2"))  # exactly the share: allowed
    assert services.gebunden_fuer(nordheim) == anteil


def test_a_further_tranche_through_the_year_page(client, login, fj, nordheim, user):
    """After a first part of the share, the year page offers the next tranche with what is still open;
    the form proposes that rest and the last transfer's bank data; once the share is out, no offer."""
    anteil = services.anteil(nordheim)
    services.auszahlung_erfassen(fj, fj.frist_uebersicht, anteil, "RP", user("hn-koordination"))
    erste = services.vorbereiten(
        nordheim,
        services.Zahlungsdaten(Decimal("20000.00"), "vertrag", "Gemeindekasse Nordheim", IBAN_NORDHEIM),
        user("hn-koordination"),
    )
    services.freigeben(erste, user("hn-koordination2"))
    rest = geld(anteil - Decimal("20000.00"), symbol=False)
    login("hn-koordination")
    jahr = client.get(reverse("transfer:jahr", args=[fj.pk])).content.decode()
    assert "Tranche 2 vorbereiten" in jahr and f"offen: {rest}\u00a0€" in jahr
    url = reverse("transfer:vorbereiten", args=[fj.pk, nordheim.pk])
    formular = client.get(url).content.decode()
    assert "Tranche 2" in formular and f'value="{rest}"' in formular
    assert 'value="Gemeindekasse Nordheim"' in formular and IBAN_NORDHEIM in formular.replace(" ", "")
    response = client.post(
        url, zahlungsdaten(betrag=rest, rechtsform="vertrag", kontoinhaber="Gemeindekasse Nordheim")
    )
    zweite = Weiterleitung.objects.get(entscheidung=nordheim, tranche=2)
    assert response.url == zweite.get_absolute_url() and zweite.betrag == anteil - Decimal("20000.00")
    assert "Tranche 2" in zweite.verwendungszweck
    jahr = client.get(reverse("transfer:jahr", args=[fj.pk])).content.decode()
    assert "Tranche 3 vorbereiten" not in jahr and "Tranche 2:" in jahr
