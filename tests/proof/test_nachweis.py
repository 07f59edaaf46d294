"""The proof of use end to end: tasks after the year, the wizard with its checks, return and
resubmission, approval with and without surplus (Rückforderung), settlement, bad input, isolation."""

import datetime
import io
import re
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from portal.audit.models import AuditEvent
from portal.funding.fristen import BERLIN
from tests.proof.conftest import NACH_DEM_JAHR
from workflows.proof import services
from workflows.proof.models import CHECKLISTE, Rueckforderung

pytestmark = pytest.mark.django_db

ALLE = {key: True for key, _label in CHECKLISTE}


def stelle(vzae="0,5", **extra):
    data = {"qualifikation": "studium", "personalkosten": "15.000,00", "sachkosten": "2.000,00"}
    data.update({f"vzae_{m:02d}": vzae for m in range(1, 13)})
    data.update(extra)
    return data


class NachweisWizard:
    def __init__(self, client, n):
        self.client, self.url = client, reverse("proof:bearbeiten", args=[n.pk])

    def post(self, step, data=None, files=None, **extra):
        payload = {"nachweis-current_step": step}
        payload.update({f"{step}-{k}": v for k, v in {**(data or {}), **(files or {})}.items()})
        payload.update(extra)
        return self.client.post(self.url, payload)

    def stellen(self, *rows, total=None):
        data = {
            "TOTAL_FORMS": str(total or len(rows)),
            "INITIAL_FORMS": "0",
            "MIN_NUM_FORMS": "0",
            "MAX_NUM_FORMS": "10",
        }
        for i, row in enumerate(rows):
            data.update({f"{i}-{k}": v for k, v in row.items()})
        return self.post("stellen", data)

    def bis_zur_pruefung(self, *rows):
        r = self.post("sachbericht", {"ziele": "120 Personen beraten, 45 Integrationspläne."})
        assert r.status_code == 200, (r.status_code, r.get("Location"))
        self.stellen(*(rows or [stelle()]))
        self.post("einnahmen", {"mittel_erhalten": "0", "eigenmittel": "0", "sonstige_zuschuesse": "0"})
        return self.post("anlagen")


def test_daily_command_creates_the_tasks_and_says_how_many(fj, nordheim):
    from django.core.management import call_command

    with time_machine.travel(datetime.datetime(2029, 1, 2, 1, 15, tzinfo=BERLIN), tick=False):
        erster, zweiter = io.StringIO(), io.StringIO()
        call_command("nachweise_anlegen", stdout=erster)
        call_command("nachweise_anlegen", stdout=zweiter)
    assert erster.getvalue().splitlines()[-1] == "1 Verwendungsnachweis angelegt."
    assert zweiter.getvalue().strip() == "0 Verwendungsnachweise angelegt."


def test_tasks_only_after_the_year_and_once(fj, nordheim, user):
    with (
        time_machine.travel(datetime.datetime(2028, 12, 31, 23, 59, tzinfo=BERLIN)),
        pytest.raises(ValidationError, match="beginnt erst am 01.01.2029"),
    ):
        services.nachweise_anlegen(fj, user("hn-koordination"))
    with time_machine.travel(datetime.datetime(2029, 1, 1, 0, 0, tzinfo=BERLIN)):
        assert [n.gemeinde.name for n in services.nachweise_anlegen(fj, user("hn-koordination"))] == [
            "Nordheim"
        ]
        assert services.nachweise_anlegen(fj, user("hn-koordination")) == []


def test_submit_return_resubmit_approve_with_surplus_and_settle(client, login, nachweis, user):
    assert nachweis.mittel_erhalten == Decimal("20000.00")  # the paid transfer (a posted 0 is ignored below)
    w = NachweisWizard(client, nachweis)
    with time_machine.travel(NACH_DEM_JAHR):
        login("nordheim")  # sessions expire: log in at the travelled time
        page = w.bis_zur_pruefung(
            stelle(), stelle(vzae="0", personalkosten="0", sachkosten="0")
        ).content.decode()
        assert "In jedem Monat ist der Mindestumfang besetzt." in page
        assert "3.000,00\xa0€" in page  # surplus shown before submitting: 20,000 received, 17,000 spent
        w.post("pruefung", {"bestaetigung": "on"})
    nachweis.refresh_from_db()
    assert nachweis.status == "eingereicht" and nachweis.stellen.count() == 2
    assert nachweis.ergebnis().ueberschuss == Decimal("3000.00")

    # the coordinator needs a Prüfvermerk and every checklist item to approve; returns it first
    with pytest.raises(ValidationError):
        services.pruefen(nachweis, True, ALLE, "", user("hn-koordination"))
    with pytest.raises(ValidationError, match="alle Punkte prüfen"):
        services.pruefen(nachweis, True, {"sachbericht": True}, "ok", user("hn-koordination"))
    services.pruefen(nachweis, False, {}, "Sachkosten bitte belegen.", user("hn-koordination"))
    nachweis.refresh_from_db()
    assert nachweis.status == "zurueckgegeben"
    page = client.get(nachweis.get_absolute_url()).content.decode()
    assert "Sachkosten bitte belegen." in page and "Verwendungsnachweis bearbeiten" in page

    with time_machine.travel(NACH_DEM_JAHR):
        login("nordheim")
        w.bis_zur_pruefung(stelle(sachkosten="3.000,00"))
        w.post("pruefung", {"bestaetigung": "on"})
    nachweis.refresh_from_db()
    assert nachweis.status == "eingereicht" and nachweis.einreichungen == 2
    login("hn-koordination")
    client.post(
        nachweis.get_absolute_url(),
        {
            "aktion": "annehmen",
            "checkliste": list(ALLE),
            "pruefvermerk": "Geprüft, Überschuss wird zurückgefordert.",
        },
    )
    nachweis.refresh_from_db()
    assert nachweis.status == "geprueft" and nachweis.prozess.status == "DONE"
    r = nachweis.rueckforderung
    assert r.betrag == Decimal("2000.00") and r.status == "offen" and "§ 49a" in r.zinshinweis
    # after the review the surplus is no longer "to be reclaimed at the review" (#19)
    page = client.get(nachweis.get_absolute_url()).content.decode()
    assert "mit der Prüfung zurückgefordert" in page and "wird bei der Prüfung zurückgefordert" not in page

    # the Gemeinde sees the claim; finance settles it
    login("nordheim")
    assert "2.000,00" in client.get(reverse("proof:uebersicht")).content.decode()
    login("hn-finanzen")
    client.post(
        nachweis.get_absolute_url(),
        {"aktion": "beglichen", "datum": "2029-05-02", "buchungsreferenz": "RK-9"},
    )
    r.refresh_from_db()
    assert r.status == "beglichen" and r.buchungsreferenz == "RK-9"
    codes = set(AuditEvent.objects.filter(objekt_typ__startswith="proof.").values_list("aktion", flat=True))
    assert {
        "nachweis.angelegt",
        "nachweis.eingereicht",
        "nachweis.zurueckgegeben",
        "nachweis.geprueft",
    } <= codes
    assert {"rueckforderung.angelegt", "rueckforderung.beglichen"} <= codes


def test_approval_without_surplus_creates_no_claim(nachweis, user):
    daten = services.Nachweisdaten(
        ziele="z",
        kooperationspartner="",
        integrationsplaene="",
        schwierigkeiten="",
        stellen=[services.StellenNachweis("studium", [Decimal("0.5")] * 12, Decimal("20000.00"))],
    )
    with time_machine.travel(NACH_DEM_JAHR):
        services.einreichen(nachweis, daten, user("nordheim"))
    services.pruefen(nachweis, True, ALLE, "In Ordnung.", user("hn-koordination"))
    assert not Rueckforderung.objects.filter(nachweis=nachweis).exists()


def test_months_below_minimum_are_shown(client, login, nachweis):
    with time_machine.travel(NACH_DEM_JAHR):
        login("nordheim")
        page = (
            NachweisWizard(client, nachweis)
            .bis_zur_pruefung(stelle(vzae_07="0,49", vzae_08="0"))
            .content.decode()
        )
    assert "In diesen Monaten liegt der besetzte Stellenumfang unter dem Mindestumfang:" in page
    assert re.search(r"Mindestumfang:\s*Juli, August</p>", page)  # months by name (#19)


@pytest.mark.parametrize(
    ("feld", "wert", "meldung"),
    [
        ("vzae_03", "1,01", "Höchstens 1,0 VZÄ je Stelle."),
        ("vzae_03", "-0,5", "Der Stellenumfang darf nicht negativ sein."),
        ("vzae_03", "halb", "Bitte geben Sie den Stellenumfang als Zahl an, z. B. 0,5."),
        ("personalkosten", "15.000,001", "Bitte höchstens zwei Nachkommastellen (ganze Cent) angeben."),
        ("sachkosten", "viel", "Bitte einen Betrag in Euro angeben, z. B. 12345,67."),
        ("personalkosten", "-1", "Der Betrag darf nicht negativ sein."),
    ],
)
def test_bad_numbers_get_a_message_at_the_field(client, login, nachweis, feld, wert, meldung):
    login("nordheim")
    w = NachweisWizard(client, nachweis)
    w.post("sachbericht", {"ziele": "z"})
    page = w.stellen(stelle(**{feld: wert})).content.decode()
    assert meldung in page and f'value="{wert}"' in page and "Schritt 2 von 5" in page


def test_thirteen_months_are_refused_by_the_service(nachweis, user):
    daten = services.Nachweisdaten(
        ziele="z",
        kooperationspartner="",
        integrationsplaene="",
        schwierigkeiten="",
        stellen=[services.StellenNachweis("studium", [Decimal("0.5")] * 13, Decimal("1"))],
    )
    with pytest.raises(ValidationError, match="zwölf Monatswerte"):
        services.einreichen(nachweis, daten, user("nordheim"))


@pytest.mark.parametrize("username", ["brackenheim", "goeppingen", "gp-koordination", "gp-finanzen"])
def test_other_tenants_never_see_the_proof(client, login, nachweis, username):
    login(username)
    assert client.get(nachweis.get_absolute_url()).status_code == 404
    assert client.get(reverse("proof:bearbeiten", args=[nachweis.pk])).status_code == 404
    assert client.post(nachweis.get_absolute_url(), {"aktion": "annehmen"}).status_code == 404


def test_repayment_follows_the_years_financing_type_payment_term_and_interest_note(nachweis, user):
    """Fehlbedarf: own funds count first, so spending the whole transfer still leaves a repayment; the
    payment term and the interest note come from the Förderjahr."""
    from portal.funding.services import foerderjahr_aendern

    fj = nachweis.foerderjahr
    foerderjahr_aendern(
        fj,
        {
            "finanzierungsart": "fehlbedarf",
            "rueckforderung_zahlungsfrist_tage": 14,
            "rueckforderung_zinshinweis": "Zinsen nach § 49a LVwVfG (Kreistagsbeschluss).",
        },
        user("hn-koordination"),
        begruendung="Festlegung der Finanzierungsart",
    )
    daten = services.Nachweisdaten(
        ziele="z",
        kooperationspartner="",
        integrationsplaene="",
        schwierigkeiten="",
        stellen=[services.StellenNachweis("studium", [Decimal("0.5")] * 12, Decimal("20000.00"))],
        eigenmittel=Decimal("1500.00"),
    )
    with time_machine.travel(NACH_DEM_JAHR):
        services.einreichen(nachweis, daten, user("nordheim"))
        services.pruefen(nachweis, True, ALLE, "In Ordnung.", user("hn-koordination"))
    r = Rueckforderung.objects.get(nachweis=nachweis)
    assert r.betrag == Decimal("1500.00")  # 20,000 received, 20,000 − 1,500 covered
    assert r.faellig_am == NACH_DEM_JAHR.date() + datetime.timedelta(days=14)
    assert r.zinshinweis == "Zinsen nach § 49a LVwVfG (Kreistagsbeschluss)."


def test_the_proof_of_use_starts_on_the_years_date(fj, nordheim, user):
    from portal.funding.services import foerderjahr_aendern

    foerderjahr_aendern(
        fj,
        {"beginn_verwendungsnachweis": datetime.date(2029, 1, 15)},
        user("hn-koordination"),
        begruendung="Nach dem Jahresabschluss der Kämmerei",
    )
    with (
        time_machine.travel(datetime.datetime(2029, 1, 14, 23, 59, 59, tzinfo=BERLIN)),
        pytest.raises(ValidationError, match="beginnt erst am 15.01.2029"),
    ):
        services.nachweise_anlegen(fj, user("hn-koordination"))
    with time_machine.travel(datetime.datetime(2029, 1, 15, 0, 0, tzinfo=BERLIN)):
        assert len(services.nachweise_anlegen(fj, user("hn-koordination"))) == 1


def test_creating_the_proofs_is_offered_only_once_the_year_has_ended(client, login, fj, user):
    """#19: before the start of the proof of use no button that is then refused, but the date."""
    url = reverse("proof:jahr", args=[fj.pk])
    beginn = fj.beginn_verwendungsnachweis
    mitternacht = datetime.datetime(beginn.year, beginn.month, beginn.day, tzinfo=BERLIN)
    with time_machine.travel(mitternacht - datetime.timedelta(seconds=1)):
        login("hn-koordination")
        page = client.get(url).content.decode()
    assert "Verwendungsnachweise für alle Empfänger anlegen" not in page
    assert f"ab dem {beginn:%d.%m.%Y}" in page
    # nothing to download yet either
    assert "Gesamtverwendungsnachweis:" not in page and "Prüfakte" not in page
    with time_machine.travel(mitternacht):
        login("hn-koordination")
        page = client.get(url).content.decode()
    assert "Verwendungsnachweise für alle Empfänger anlegen" in page
    # once every recipient has its proof, the button is gone
    with time_machine.travel(mitternacht):
        services.nachweise_anlegen(fj, user("hn-koordination"))
        login("hn-koordination")
        page = client.get(url).content.decode()
    assert "Verwendungsnachweise für alle Empfänger anlegen" not in page
    assert "Gesamtverwendungsnachweis:" in page and "Prüfakte für Prüfer (ZIP)" in page
