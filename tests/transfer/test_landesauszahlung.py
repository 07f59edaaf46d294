"""The Land's payout is the ceiling the four-eyes approval relies on (#18, finding 6): amounts are plain
ASCII digits, each tranche is recorded once, more than the Planungsrahmen needs a reason, and a wrong
entry is corrected only by a counter-entry that a second person confirms."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from portal.audit.models import AuditEvent
from workflows.transfer import services
from workflows.transfer.models import Landesauszahlung

pytestmark = pytest.mark.django_db


def erfassen(client, fj, **werte):
    daten = {"datum": "2029-03-15", "betrag": "100.000,00", "referenz": "RP-1", "tranche": "1", **werte}
    return client.post(reverse("transfer:jahr", args=[fj.pk]), daten)


@pytest.mark.parametrize("eingabe", ["1e9", "９９", "1E3", "NaN", "٩٩"])
def test_exponents_and_foreign_digits_are_refused_at_the_field(client, login, user, fj, eingabe):
    login("hn-koordination")
    html = erfassen(client, fj, betrag=eingabe).content.decode()
    assert "Bitte einen Betrag in Euro angeben, z. B. 12345,67." in html and f'value="{eingabe}"' in html
    assert not fj.landesauszahlungen.exists()
    with pytest.raises(ValidationError):
        services.auszahlung_erfassen(fj, datetime.date(2029, 3, 15), eingabe, "RP", user("hn-koordination"))


def test_a_tranche_is_recorded_once(client, login, fj):
    login("hn-koordination")
    erfassen(client, fj)
    html = erfassen(client, fj, betrag="5.000,00", referenz="RP-2").content.decode()
    assert "Die Tranche 1 ist für dieses Förderjahr bereits erfasst." in html and 'value="RP-2"' in html
    erfassen(client, fj, tranche="2", betrag="5.000,00", referenz="RP-2")
    assert list(fj.landesauszahlungen.values_list("tranche", flat=True)) == [1, 2]
    # the form offers the next tranche
    seite = client.get(reverse("transfer:jahr", args=[fj.pk])).content.decode()
    assert 'name="tranche" value="3"' in seite


def test_more_than_the_planungsrahmen_needs_a_reason(client, login, fj):
    login("hn-koordination")
    rahmen = fj.planungsrahmen
    genau = f"{rahmen:.2f}".replace(".", ",")
    # exactly the Planungsrahmen: fine
    erfassen(client, fj, betrag=genau)
    assert services.ausgezahlt_vom_land(fj) == rahmen
    # one cent more: refused next to the reason field, until a reason is given
    html = erfassen(client, fj, tranche="2", betrag="0,01", referenz="RP-2").content.decode()
    assert "über dem Planungsrahmen" in html and services.ausgezahlt_vom_land(fj) == rahmen
    erfassen(client, fj, tranche="2", betrag="0,01", referenz="RP-2", begruendung="Nachbewilligung vom 1.4.")
    assert services.ausgezahlt_vom_land(fj) == rahmen + Decimal("0.01")
    event = AuditEvent.objects.filter(aktion="weiterleitung.landesauszahlung_erfasst").order_by("-id").first()
    assert event.begruendung == "Nachbewilligung vom 1.4."


def test_a_wrong_payout_is_corrected_by_a_counter_entry_a_second_person_confirms(client, login, fj):
    login("hn-koordination")
    erfassen(client, fj, betrag="10.000,00", referenz="RP-1")
    falsch = fj.landesauszahlungen.get()
    url = reverse("transfer:jahr", args=[fj.pk])
    # the reason is required; what was typed stays
    html = client.post(
        url,
        {"aktion": "korrigieren", "auszahlung": falsch.pk, "richtiger_betrag": "1.000,00", "begruendung": ""},
    ).content.decode()
    assert "Bitte begründen Sie die Korrektur." in html and 'value="1.000,00"' in html
    client.post(
        url,
        {
            "aktion": "korrigieren",
            "auszahlung": falsch.pk,
            "richtiger_betrag": "1.000,00",
            "begruendung": "Zahlendreher: laut Kontoauszug 1.000,00 €",
        },
    )
    korrektur = fj.landesauszahlungen.get(art="korrektur")
    assert korrektur.betrag == Decimal("-9000.00") and korrektur.korrigiert == falsch
    # not yet counted; the one who entered it cannot confirm it
    assert services.ausgezahlt_vom_land(fj) == Decimal("10000.00")
    page = client.get(url).content.decode()
    assert "wartet auf Bestätigung, zählt noch nicht" in page and "Korrektur bestätigen" not in page
    client.post(url, {"aktion": "bestaetigen", "korrektur": korrektur.pk})
    korrektur.refresh_from_db()
    assert korrektur.bestaetigt_am is None

    login("hn-koordination2")
    assert "Korrektur bestätigen" in client.get(url).content.decode()
    client.post(url, {"aktion": "bestaetigen", "korrektur": korrektur.pk})
    korrektur.refresh_from_db()
    assert korrektur.bestaetigt_von.username == "hn-koordination2"
    assert services.ausgezahlt_vom_land(fj) == Decimal("1000.00")
    # the original entry is unchanged; both steps are in the audit trail
    falsch.refresh_from_db()
    assert falsch.betrag == Decimal("10000.00")
    aktionen = list(AuditEvent.objects.order_by("-id").values_list("aktion", flat=True)[:2])
    assert aktionen == [
        "weiterleitung.landesauszahlung_korrektur_bestaetigt",
        "weiterleitung.landesauszahlung_korrektur_beantragt",
    ]
    assert Landesauszahlung.objects.filter(foerderjahr=fj).count() == 2


def test_a_correction_above_the_planungsrahmen_needs_its_own_reason_at_confirmation(fj, user):
    rahmen = fj.planungsrahmen
    auszahlung = services.auszahlung_erfassen(
        fj, datetime.date(2029, 3, 15), rahmen, "RP-1", user("hn-koordination")
    )
    korrektur = services.auszahlung_korrigieren(
        auszahlung, rahmen + Decimal("0.01"), "Bescheid über einen Cent mehr", user("hn-koordination")
    )
    # the correction's reason is no reason for exceeding the Planungsrahmen
    with pytest.raises(ValidationError, match="über dem Planungsrahmen"):
        services.korrektur_bestaetigen(korrektur, user("hn-koordination2"))
    services.korrektur_bestaetigen(korrektur, user("hn-koordination2"), "Nachbewilligung vom 2.4.")
    assert services.ausgezahlt_vom_land(fj) == rahmen + Decimal("0.01")


@pytest.mark.parametrize("eingabe", ["１２３", "1e3", "NaN", "Infinity"])
def test_a_correction_amount_is_plain_ascii_digits(fj, user, eingabe):
    auszahlung = services.auszahlung_erfassen(
        fj, datetime.date(2029, 3, 15), "1000", "RP-1", user("hn-koordination")
    )
    with pytest.raises(ValidationError, match="Bitte einen Betrag in Euro angeben"):
        services.auszahlung_korrigieren(auszahlung, eingabe, "Tippfehler", user("hn-koordination"))
