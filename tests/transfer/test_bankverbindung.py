"""The Kreiskasse's account as people type it: in blocks of four, in lower case, in the Django admin.
Whatever the input path, IBAN and BIC are stored compact and checked, so the SEPA file finance downloads on
payment day never breaks on a stored value."""

import datetime
import re
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import sepaxml
import xmlschema
from django.urls import reverse

from portal.audit.models import AuditEvent
from portal.organisations.models import Kreis
from tests.transfer.conftest import IBAN_NORDHEIM
from workflows.transfer import services

pytestmark = pytest.mark.django_db

PAIN001 = Path(sepaxml.__file__).parent / "schemas" / "pain.001.001.03.xsd"
KASSE = "DE02120300000000202051"  # a valid German IBAN (check digits 02)


def admin_formular(kreis: Kreis, **werte) -> dict:
    daten = {
        "land": kreis.land_id,
        "name": kreis.name,
        "art": kreis.art,
        "schluessel": kreis.schluessel,
        "kontoinhaber": kreis.kontoinhaber,
        "iban": kreis.iban,
        "bic": kreis.bic,
        "aktenzeichen_muster": kreis.aktenzeichen_muster,
        "zahlungsziel_tage": kreis.zahlungsziel_tage,
    }
    daten.update(werte)
    return daten


def test_iban_in_blocks_of_four_in_the_admin_is_stored_compact_and_exports(client, login, user, fj, nordheim):
    kreis = fj.kreis
    login("betrieb")
    url = reverse("admin:organisations_kreis_change", args=[kreis.pk])
    response = client.post(
        url, admin_formular(kreis, iban="de02 1203 0000 0000 2020 51", bic=" byla dem1 001 ")
    )
    assert response.status_code == 302, re.findall(r"errorlist.{0,300}", response.content.decode())
    kreis.refresh_from_db()
    assert (kreis.iban, kreis.bic) == (KASSE, "BYLADEM1001")
    event = AuditEvent.objects.filter(aktion="organisation.geaendert").latest("pk")
    assert event.objekt_id == str(kreis.pk) and event.actor.username == "betrieb"

    # payment day: finance downloads the SEPA file of a paid-out, approved transfer
    services.auszahlung_erfassen(fj, fj.frist_uebersicht, Decimal("50000"), "RP", user("hn-koordination"))
    w = services.vorbereiten(
        nordheim,
        services.Zahlungsdaten(Decimal("1000.00"), "bescheid", "N", IBAN_NORDHEIM, bic="cobadeff xxx"),
        user("hn-koordination"),
    )
    services.freigeben(w, user("hn-koordination2"))
    w.refresh_from_db()
    assert w.bic == "COBADEFFXXX"
    login("hn-finanzen")
    client.post(reverse("transfer:zahlungslauf_anlegen", args=[fj.pk]), {"datum": ""})
    response = client.get(reverse("transfer:zahlungslauf", args=[fj.zahlungslaeufe.get().pk]))
    assert response.status_code == 200
    xml = response.content.decode()
    xmlschema.XMLSchema(str(PAIN001)).validate(xml)
    assert f"<IBAN>{KASSE}</IBAN>" in xml and "<BIC>BYLADEM1001</BIC>" in xml


@pytest.mark.parametrize(
    ("feld", "wert", "meldung"),
    [
        ("iban", "DE02 1203 0000 0000 2020 52", "Die Prüfziffer der IBAN stimmt nicht"),
        ("bic", "BYLA", "Das ist keine gültige BIC"),
    ],
)
def test_a_wrong_account_in_the_admin_gets_a_german_error_and_changes_nothing(
    client, login, fj, feld, wert, meldung
):
    kreis = fj.kreis
    vorher = (kreis.iban, kreis.bic)
    login("betrieb")
    url = reverse("admin:organisations_kreis_change", args=[kreis.pk])
    response = client.post(url, admin_formular(kreis, **{feld: wert}))
    assert response.status_code == 200
    body = response.content.decode()
    assert meldung in body and wert in body  # next to the field, and what was typed is still there
    kreis.refresh_from_db()
    assert (kreis.iban, kreis.bic) == vorher


def test_code_that_assigns_a_spaced_iban_stores_it_compact(fj):
    kreis = fj.kreis
    kreis.iban, kreis.bic = "DE02 1203 0000 0000 2020 51", "byladem1001"
    kreis.save(update_fields=["iban", "bic"])
    assert Kreis.objects.values_list("iban", "bic").get(pk=kreis.pk) == (KASSE, "BYLADEM1001")


def test_a_wrong_bic_in_the_transfer_is_refused_by_the_service(fj, nordheim, user):
    from django.core.exceptions import ValidationError

    services.auszahlung_erfassen(fj, fj.frist_uebersicht, Decimal("50000"), "RP", user("hn-koordination"))
    daten = services.Zahlungsdaten(Decimal("1000.00"), "bescheid", "N", IBAN_NORDHEIM, bic="BYLA")
    with pytest.raises(ValidationError) as fehler:
        services.vorbereiten(nordheim, daten, user("hn-koordination"))
    assert "Das ist keine gültige BIC" in fehler.value.message_dict["bic"][0]


def test_the_sepa_file_follows_the_german_banking_conventions(fj, nordheim, user):
    """Without a Kreiskasse BIC the debtor bank is <Othr><Id>NOTPROVIDED</Id></Othr>; umlauts are
    spelt out (Kämmerei → Kaemmerei); the same transfers on the same day get the same message id, so a
    bank catches a file submitted twice; another day gives another id."""
    from workflows.transfer.sepa import sepa_xml

    kreis = fj.kreis
    kreis.kontoinhaber, kreis.bic = "Kämmerei Landkreis Heilbronn", ""
    kreis.save(update_fields=["kontoinhaber", "bic"])
    services.auszahlung_erfassen(fj, fj.frist_uebersicht, Decimal("50000"), "RP", user("hn-koordination"))
    w = services.vorbereiten(
        nordheim,
        services.Zahlungsdaten(Decimal("1000.00"), "bescheid", "Gemeindekasse Nördheim", IBAN_NORDHEIM),
        user("hn-koordination"),
    )
    services.freigeben(w, user("hn-koordination2"))
    w.refresh_from_db()
    tag = datetime.date(2029, 3, 20)
    xml = sepa_xml([w], kreis, tag).decode()
    xmlschema.XMLSchema(str(PAIN001)).validate(xml)
    assert "<Othr><Id>NOTPROVIDED</Id></Othr>" in xml and "<BIC>NOTPROVIDED</BIC>" not in xml
    assert "<Nm>Kaemmerei Landkreis Heilbronn</Nm>" in xml and "<Nm>Gemeindekasse Noerdheim</Nm>" in xml
    msg_id = re.search(r"<MsgId>([^<]+)</MsgId>", xml).group(1)
    assert len(msg_id) <= 35
    assert re.search(r"<MsgId>([^<]+)</MsgId>", sepa_xml([w], kreis, tag).decode()).group(1) == msg_id
    anderer_tag = sepa_xml([w], kreis, tag + datetime.timedelta(days=1)).decode()
    assert re.search(r"<MsgId>([^<]+)</MsgId>", anderer_tag).group(1) != msg_id


def test_the_execution_day_is_chosen_in_german_from_today_to_the_horizon():
    import time_machine
    from django.core.exceptions import ValidationError

    from workflows.transfer.zahlungslauf import ausfuehrungstag

    with time_machine.travel(datetime.datetime(2029, 3, 20, 23, 59, tzinfo=ZoneInfo("Europe/Berlin"))):
        assert ausfuehrungstag("") == datetime.date(2029, 3, 20)  # empty: today in Berlin
        assert ausfuehrungstag("20.03.2029") == datetime.date(2029, 3, 20)
        assert ausfuehrungstag("2029-03-21") == datetime.date(2029, 3, 21)
        with pytest.raises(ValidationError, match="in der Vergangenheit"):
            ausfuehrungstag("19.03.2029")
        with pytest.raises(ValidationError, match="TT.MM.JJJJ"):
            ausfuehrungstag("20/03/2029")
        assert ausfuehrungstag("19.04.2029") == datetime.date(2029, 4, 19)  # 30 days ahead: the last day
        with pytest.raises(
            ValidationError, match="höchstens 30 Tage in der Zukunft liegen \\(bis 19.04.2029\\)"
        ):
            ausfuehrungstag("20.04.2029")
        with pytest.raises(ValidationError):
            ausfuehrungstag("01.01.9999")
