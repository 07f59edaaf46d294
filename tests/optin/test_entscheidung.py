"""The opt-in decision end to end through the test client: alone with a rework loop, a Verbund with a
declining partner, a late submission, the default at the deadline, and every bad input of the issue."""

import io
import re
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from viewflow.workflow.models import Task

from portal.audit.models import AuditEvent
from tests.optin.conftest import LETZTE_SEKUNDE, NACH_DER_FRIST, VOR_DER_FRIST, allein, pdf
from workflows.base import OFFEN
from workflows.optin import services
from workflows.optin.flows import EntscheidungFlow
from workflows.optin.models import Entscheidung, Status

pytestmark = pytest.mark.django_db


def offene_tasks(entscheidung):
    return list(
        Task.objects.filter(process=entscheidung.prozess.pk, status__in=OFFEN).values_list(
            "flow_task", flat=True
        )
    )


def test_round_gives_every_gemeinde_of_the_kreis_an_open_task(demo):
    fj = (
        Entscheidung.objects.filter(foerderjahr__kreis=demo["hn"], foerderjahr__jahr=2028).first().foerderjahr
    )
    assert fj.entscheidungen.count() == demo["hn"].gemeinden.count() == 46
    nordheim = fj.entscheidungen.get(gemeinde=demo["nordheim"])
    assert nordheim.status == Status.OFFEN
    assert [str(t) for t in offene_tasks(nordheim)] == [str(EntscheidungFlow.instance.abgeben)]
    assert AuditEvent.objects.filter(
        aktion="entscheidung.runde_eroeffnet", objekt_id=str(fj.entscheidungsrunde.pk)
    )


@time_machine.travel(VOR_DER_FRIST)
def test_alone_with_rework_loop(client, login, entscheidung, wizard, django_capture_on_commit_callbacks):
    login("nordheim")
    e = entscheidung("Nordheim")
    w = wizard(e)
    assert w.open().status_code == 200
    summary = w.allein()
    assert summary.status_code == 200
    html = summary.content.decode()
    assert "Zusammenfassung" in html and "0,5 VZÄ" in html
    e.refresh_from_db()
    assert e.status == Status.ENTWURF  # the draft is on the record
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = w.einreichen()
    assert response.status_code == 302 and response.url == e.get_absolute_url()
    e.refresh_from_db()
    assert e.status == Status.EINGEREICHT and not e.verspaetet and e.einreichungen == 1
    assert e.stellen.get().vzae == Decimal("0.50")
    assert e.beschluss_datei.read().startswith(b"%PDF-")
    assert [str(t) for t in offene_tasks(e)] == [str(EntscheidungFlow.instance.pruefen)]
    assert {m.subject for m in mail.outbox} == {
        "Entscheidung von Nordheim für 2028 eingereicht",
        "Eingangsbestätigung: Entscheidung 2028",
    }

    # the coordinator returns it with a reason; the Gemeinde is told and can edit again
    login("hn-koordination")
    mail.outbox.clear()
    response = client.post(
        reverse("optin:pruefen", args=[e.pk]), {"aktion": "zurueckgeben", "begruendung": ""}
    )
    assert "Bitte geben Sie an, was die Gemeinde nacharbeiten soll." in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("optin:pruefen", args=[e.pk]),
            {"aktion": "zurueckgeben", "begruendung": "Bitte den Beginn der Stelle prüfen."},
        )
    e.refresh_from_db()
    assert e.status == Status.ZURUECKGEGEBEN and e.rueckgabe_grund == "Bitte den Beginn der Stelle prüfen."
    assert mail.outbox[0].subject == "Entscheidung 2028 zur Überarbeitung zurückgegeben"
    assert "Bitte den Beginn der Stelle prüfen." in mail.outbox[0].body
    assert [str(t) for t in offene_tasks(e)] == [str(EntscheidungFlow.instance.abgeben)]

    # the Gemeinde resubmits: the wizard starts from what was submitted (nothing to type again)
    login("nordheim")
    page = w.open().content.decode()
    assert "Bitte den Beginn der Stelle prüfen." in page
    assert re.search(r'value="allein"[^>]*checked', page)
    w.post("wahl", {"wahl": "allein"})
    w.stellen({"vzae": "0,75", "arbeitgeber": "gemeinde", "beginn": "2028-03-01", "qualifikation": "studium"})
    w.post("finanzierung")
    w.post(
        "beschluss",
        {"beschluss_datum": "2027-04-20", "ansprechperson": "N. N.", "ansprechperson_email": "n@example.org"},
    )
    w.einreichen()
    e.refresh_from_db()
    assert e.status == Status.EINGEREICHT and e.einreichungen == 2 and e.stellen.get().vzae == Decimal("0.75")
    assert e.beschluss_datei  # the earlier upload is kept

    login("hn-koordination")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("optin:pruefen", args=[e.pk]), {"aktion": "annehmen"})
    e.refresh_from_db()
    assert e.status == Status.ANGENOMMEN and e.entschieden_von.username == "hn-koordination"
    assert e.prozess.status == "DONE"
    assert mail.outbox[0].subject == "Entscheidung 2028 angenommen"
    # every step is in the audit trail and on the decision's page
    codes = list(
        AuditEvent.objects.filter(objekt_typ="optin.entscheidung", objekt_id=str(e.pk))
        .order_by("id")
        .values_list("aktion", flat=True)
    )
    assert codes == [
        "entscheidung.entwurf_begonnen",
        "entscheidung.eingereicht",
        "entscheidung.zurueckgegeben",
        "entscheidung.eingereicht",
        "entscheidung.angenommen",
    ]
    page = client.get(e.get_absolute_url()).content.decode()
    assert (
        "Entscheidung zur Überarbeitung zurückgegeben" in page
        and "Bitte den Beginn der Stelle prüfen." in page
    )


@time_machine.travel(VOR_DER_FRIST)
def test_verbund_with_a_declining_partner(
    client, login, entscheidung, user, demo, django_capture_on_commit_callbacks
):
    brackenheim = entscheidung("Brackenheim")  # the demo's Verbund Zabergäu, waiting for four partners
    assert brackenheim.status == Status.EINGEREICHT
    assert [str(t) for t in offene_tasks(brackenheim)] == [str(EntscheidungFlow.instance.bestaetigungen)]
    login("hn-koordination")
    page = client.get(brackenheim.get_absolute_url()).content.decode()
    assert "Die Partnergemeinden haben noch nicht alle bestätigt." in page

    guglingen = brackenheim.bestaetigungen.get(gemeinde__name="Güglingen")
    login("gueglingen")
    url = reverse("optin:bestaetigung", args=[guglingen.pk])
    response = client.post(url, {"aktion": "ablehnen", "begruendung": ""})
    assert "Bitte begründen Sie die Ablehnung." in response.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url,
            {"aktion": "ablehnen", "begruendung": "Der Gemeinderat hat sich für den Landkreis entschieden."},
        )

    brackenheim.refresh_from_db()
    assert brackenheim.status == Status.ZURUECKGEGEBEN
    assert brackenheim.rueckgabe_grund.startswith("Güglingen nimmt nicht am Verbund teil: Der Gemeinderat")
    assert set(brackenheim.bestaetigungen.values_list("antwort", flat=True)) == {"abgelehnt", "hinfaellig"}
    assert [str(t) for t in offene_tasks(brackenheim)] == [str(EntscheidungFlow.instance.abgeben)]
    assert mail.outbox[0].subject == "Entscheidung 2028 zur Überarbeitung zurückgegeben"

    # the lead resubmits without Güglingen; the remaining partners confirm; the coordinator accepts
    partner = [p for p in brackenheim.partner.all() if p.name != "Güglingen"]
    services.einreichen(
        brackenheim,
        services.Einreichung(
            wahl="verbund",
            partner=partner,
            federfuehrend=brackenheim.gemeinde,
            verbund_name="Integrationsmanagement Zabergäu",
            stellen=[services.StellenAngabe(Decimal("1.00"), VOR_DER_FRIST.date(), "studium")],
            beschluss_datum=VOR_DER_FRIST.date(),
            ansprechperson="Berta Brandt",
            ansprechperson_email="b@example.org",
        ),
        user("brackenheim"),
    )
    from django.contrib.auth import get_user_model

    from portal.organisations.models import Mitgliedschaft

    for b in brackenheim.bestaetigungen.filter(einreichung=2):
        u = get_user_model().objects.create(username=f"p-{b.gemeinde.ags}")
        Mitgliedschaft.objects.create(user=u, rolle="gemeinde", gemeinde=b.gemeinde)
        services.partner_antworten(b, True, "", u)
    brackenheim.refresh_from_db()
    assert [str(t) for t in offene_tasks(brackenheim)] == [str(EntscheidungFlow.instance.pruefen)]
    services.pruefen(brackenheim, True, "", user("hn-koordination"))

    brackenheim.refresh_from_db()
    assert brackenheim.status == Status.ANGENOMMEN
    verbund = brackenheim.verbund
    assert verbund.name == "Integrationsmanagement Zabergäu" and verbund.federfuehrend.name == "Brackenheim"
    assert sorted(verbund.mitgliedschaften.filter(jahr=2028).values_list("gemeinde__name", flat=True)) == [
        "Brackenheim",
        "Cleebronn",
        "Pfaffenhofen",
        "Zaberfeld",
    ]
    cleebronn = entscheidung("Cleebronn")
    assert cleebronn.status == Status.ANGENOMMEN and cleebronn.teil_von == brackenheim
    assert cleebronn.prozess.status == "CANCELED" and offene_tasks(cleebronn) == []
    assert entscheidung("Güglingen").status == Status.OFFEN  # still decides for itself


@pytest.mark.parametrize(
    ("instant", "verspaetet"), [(LETZTE_SEKUNDE, False), (NACH_DER_FRIST, True)], ids=["23:59:59", "00:00"]
)
def test_submission_after_the_deadline_day_is_late_and_needs_a_reason(
    instant, verspaetet, client, login, entscheidung, wizard
):
    e = entscheidung("Nordheim")
    with time_machine.travel(instant, tick=False):
        login("nordheim")
        w = wizard(e)
        w.allein()
        w.einreichen()
        e.refresh_from_db()
        assert e.verspaetet is verspaetet
        assert e.status == (Status.VERSPAETET if verspaetet else Status.EINGEREICHT)
        login("hn-koordination")
        response = client.post(
            reverse("optin:pruefen", args=[e.pk]), {"aktion": "annehmen", "begruendung": ""}
        )
        e.refresh_from_db()
        if verspaetet:
            assert (
                "Die Entscheidung kam nach der Frist: die Annahme braucht eine Begründung."
                in response.content.decode()
            )
            assert e.status == Status.VERSPAETET
            client.post(
                reverse("optin:pruefen", args=[e.pk]),
                {"aktion": "annehmen", "begruendung": "Beschluss lag fristgerecht vor, Upload verzögert."},
            )
            e.refresh_from_db()
            assert e.annahme_begruendung == "Beschluss lag fristgerecht vor, Upload verzögert."
        assert e.status == Status.ANGENOMMEN


def test_deadline_command_reports_each_gemeinde_and_the_total_in_german(entscheidung):
    from django.core.management import call_command

    with time_machine.travel(NACH_DER_FRIST, tick=False):
        erster, zweiter = io.StringIO(), io.StringIO()
        call_command("entscheidungen_frist", stdout=erster)
        call_command("entscheidungen_frist", stdout=zweiter)
    zeilen = erster.getvalue().splitlines()
    assert "Förderjahr 2028 – Landkreis Heilbronn: Nordheim – bleibt beim Landkreis" in zeilen
    einzeln = [z for z in zeilen if z.endswith("– bleibt beim Landkreis")]
    assert zeilen[-1] == f"{len(einzeln)} Gemeinden bleiben beim Landkreis." and len(einzeln) > 1
    assert zweiter.getvalue().strip() == "0 Gemeinden bleiben beim Landkreis."


def test_default_at_the_deadline_is_recorded_once_per_gemeinde(entscheidung, user):
    with time_machine.travel(LETZTE_SEKUNDE, tick=False):
        assert services.frist_ablaufen() == []
        services.entwurf_gespeichert(entscheidung("Nordheim"), user("nordheim"))
    with time_machine.travel(NACH_DER_FRIST):
        recorded = services.frist_ablaufen()
        assert services.frist_ablaufen() == []  # idempotent
    names = {e.gemeinde.name for e in recorded}
    assert "Nordheim" in names  # a draft is no submission
    assert "Brackenheim" not in names  # submitted
    assert "Güglingen" not in names  # named partner of a submitted Verbund, answer pending
    hn = 46 - 1 - 4  # all of Heilbronn but Brackenheim and its four partners
    assert len([e for e in recorded if e.foerderjahr.kreis.schluessel == "08125"]) == hn
    nordheim = entscheidung("Nordheim")
    assert nordheim.status == Status.BLEIBT_BEIM_LANDKREIS and nordheim.wahl == "landkreis"
    assert nordheim.prozess.status == "CANCELED"
    events = AuditEvent.objects.filter(aktion="entscheidung.frist_abgelaufen", objekt_id=str(nordheim.pk))
    assert events.count() == 1 and events.get().actor is None


def test_reminders_at_the_offsets_and_never_twice(entscheidung, django_capture_on_commit_callbacks):
    nordheim = entscheidung("Nordheim")
    with time_machine.travel("2027-05-02 09:00 +02:00"):  # 29 days before
        assert services.erinnerungen_senden() == []
    with time_machine.travel("2027-05-03 09:00 +02:00"):  # 28 days before
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            sent = services.erinnerungen_senden()
        assert nordheim.pk in {e.entscheidung_id for e in sent}
        assert entscheidung("Brackenheim").pk not in {e.entscheidung_id for e in sent}
        to_nordheim = [m for m in mail.outbox if "nordheim@example.org" in m.to]
        assert len(to_nordheim) == 1 and "noch 28 Tage" in to_nordheim[0].body
        assert services.erinnerungen_senden() == []  # same day again: nothing
    with time_machine.travel("2027-05-20 09:00 +02:00"):  # no offset due (11 days before)
        assert services.erinnerungen_senden() == []
    with time_machine.travel("2027-05-26 09:00 +02:00"):  # cron missed the 7-day run: sent late, once
        assert {e.tage_vorher for e in services.erinnerungen_senden()} == {7}
        assert services.erinnerungen_senden() == []
    with time_machine.travel("2027-05-30 09:00 +02:00"):
        assert {e.tage_vorher for e in services.erinnerungen_senden()} == {1}
    assert sorted(nordheim.erinnerungen.values_list("tage_vorher", flat=True)) == [1, 7, 28]
    with time_machine.travel(NACH_DER_FRIST):
        assert services.erinnerungen_senden() == []


def test_commands_run_daily(entscheidung):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    with time_machine.travel("2027-05-03 09:00 +02:00"):
        call_command("entscheidungen_erinnern", stdout=out)
    assert "Nordheim: 28 Tage vorher" in out.getvalue()
    with time_machine.travel(NACH_DER_FRIST):
        call_command("entscheidungen_frist", stdout=out)
    assert "Nordheim – bleibt beim Landkreis" in out.getvalue()


@time_machine.travel(VOR_DER_FRIST)
def test_register_filters_and_exports(client, login, demo):
    from io import BytesIO

    from openpyxl import load_workbook

    login("hn-koordination")
    fj = Entscheidung.objects.get(gemeinde=demo["nordheim"], foerderjahr__jahr=2028).foerderjahr
    url = reverse("optin:register", args=[fj.pk])
    page = client.get(url, {"status": "eingereicht"}).content.decode()
    assert "Brackenheim" in page and "Nordheim" not in page
    page = client.get(url, {"q": "Nordh"}).content.decode()
    assert "Nordheim" in page and "Brackenheim" not in page
    csv = client.get(url, {"format": "csv"}).content.decode("utf-8-sig").splitlines()
    assert csv[0].startswith("AGS;Gemeinde;Status;Entscheidung;Verbund")
    assert len(csv) == 1 + 46
    assert any(
        line.startswith('"08125013";Brackenheim;eingereicht;in eigener Verantwortung im Verbund')
        for line in csv
    )
    xlsx = client.get(url, {"format": "xlsx", "status": "offen"})
    ws = load_workbook(BytesIO(xlsx.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][1] == "Gemeinde" and all(r[2] == "offen" for r in rows[1:]) and len(rows) > 30


def test_register_is_for_the_kreis_and_the_land_only(client, login, demo):
    fj = Entscheidung.objects.get(gemeinde=demo["nordheim"], foerderjahr__jahr=2028).foerderjahr
    url = reverse("optin:register", args=[fj.pk])
    for name, status in [("nordheim", 404), ("gp-koordination", 404), ("land", 200), ("hn-finanzen", 200)]:
        login(name)
        assert client.get(url).status_code == status, name


@time_machine.travel(VOR_DER_FRIST)
def test_land_sees_per_kreis_how_many_opted_in(client, login, entscheidung, user):
    e = entscheidung("Nordheim")
    services.einreichen(
        e,
        allein("0.80"),
        user("nordheim"),
    )
    services.pruefen(e, True, "", user("hn-koordination"))
    login("land")
    page = client.get(reverse("optin:uebersicht"), {"jahr": 2028}).content.decode()
    assert "Landkreis Heilbronn" in page and "Landkreis Göppingen" in page
    row = page[page.index("Landkreis Heilbronn") :].split("</tr>")[0]
    assert '<td class="num">46</td><td class="num">1</td><td class="num">1</td>' in row
    assert "0,8</td>" in row
    # Brackenheim's submitted Verbund decision is in review at the Kreis, and so are its four partners
    # named in it – none of them "noch offen" (#19)
    landkreis, in_pruefung, offen = re.findall(r'<td class="num">(\d+)</td>', row)[4:7]
    assert (landkreis, in_pruefung) == ("0", "5") and int(offen) == 46 - 1 - 5


@time_machine.travel(VOR_DER_FRIST)
def test_gemeinde_dashboard_shows_status_task_and_history(client, login, entscheidung, user):
    login("nordheim")
    page = client.get(reverse("start:dashboard")).content.decode()
    e = entscheidung("Nordheim")
    assert "Offene Aufgaben" in page and e.get_absolute_url() in page and "Entscheidung abgeben" in page
    assert "31.05.2027" in page
    login("gueglingen")
    page = client.get(reverse("start:dashboard")).content.decode()
    aufgaben = re.search(r'id="aufgaben".*?</section>', page, re.S).group(0)
    assert "Teilnahme bestätigen" in aufgaben  # partner task of the Verbund Zabergäu
    # asked as a partner, Güglingen cannot decide alone meanwhile: no task to submit its own decision
    assert "Entscheidung abgeben" not in aufgaben
    anfrage = entscheidung("Brackenheim").bestaetigungen.get(gemeinde__name="Güglingen")
    services.partner_antworten(anfrage, False, "Wir entscheiden selbst.", user("gueglingen"))
    aufgaben = re.search(
        r'id="aufgaben".*?</section>', client.get(reverse("start:dashboard")).content.decode(), re.S
    )
    assert "Entscheidung abgeben" in aufgaben.group(0) and "Teilnahme bestätigen" not in aufgaben.group(0)


def test_coordinator_reopens_a_defaulted_decision_for_a_late_submission(
    client, login, entscheidung, user, wizard
):
    with time_machine.travel(NACH_DER_FRIST):
        services.frist_ablaufen()
    e = entscheidung("Nordheim")
    assert e.status == Status.BLEIBT_BEIM_LANDKREIS
    with pytest.raises(ValidationError, match="Bitte begründen"):
        services.wieder_oeffnen(e, "", user("hn-koordination"))
    with pytest.raises(PermissionDenied):
        services.wieder_oeffnen(e, "Grund", user("nordheim"))
    services.wieder_oeffnen(e, "Beschluss vom 28.05. lag vor, Upload vergessen.", user("hn-koordination"))
    e.refresh_from_db()
    assert e.status == Status.OFFEN and e.prozess.status == "NEW"
    assert [str(t) for t in offene_tasks(e)] == [str(EntscheidungFlow.instance.abgeben)]
    with time_machine.travel(NACH_DER_FRIST):
        login("nordheim")
        w = wizard(e)
        w.allein()
        w.einreichen()
    e.refresh_from_db()
    assert e.status == Status.VERSPAETET
    services.pruefen(e, True, "Beschluss fristgerecht, Upload verspätet.", user("hn-koordination"))
    e.refresh_from_db()
    assert e.status == Status.ANGENOMMEN and e.prozess.status == "DONE"
    assert AuditEvent.objects.filter(aktion="entscheidung.wieder_geoeffnet", objekt_id=str(e.pk)).count() == 1


def test_a_reopened_decision_is_not_closed_again_by_the_next_nightly_run(entscheidung, user):
    with time_machine.travel(NACH_DER_FRIST):
        services.frist_ablaufen()
        services.wieder_oeffnen(entscheidung("Nordheim"), "Upload vergessen", user("hn-koordination"))
    with time_machine.travel("2027-06-02 00:30 +02:00"):
        assert "Nordheim" not in {e.gemeinde.name for e in services.frist_ablaufen()}
    assert entscheidung("Nordheim").status == Status.OFFEN


@time_machine.travel(VOR_DER_FRIST)
def test_a_named_partner_cannot_decide_alone_while_the_verbund_waits(entscheidung, gemeinde_user):
    cleebronn = entscheidung("Cleebronn")  # named in Brackenheim's pending Verbund Zabergäu
    with pytest.raises(
        PermissionDenied, match="Partnerin im Verbund „Integrationsmanagement Zabergäu“ von Brack"
    ):
        services.einreichen(cleebronn, allein(), gemeinde_user("Cleebronn"))
    b = entscheidung("Brackenheim").bestaetigungen.get(gemeinde=cleebronn.gemeinde)
    services.partner_antworten(b, False, "Wir machen es allein.", gemeinde_user("Cleebronn"))
    services.einreichen(cleebronn, allein(), gemeinde_user("Cleebronn"))  # after declining: allowed
    assert entscheidung("Cleebronn").status == Status.EINGEREICHT


def test_partners_of_a_verbund_that_fell_apart_are_defaulted(entscheidung, gemeinde_user):
    brackenheim = entscheidung("Brackenheim")
    with time_machine.travel(VOR_DER_FRIST):
        cleebronn = brackenheim.bestaetigungen.get(gemeinde__name="Cleebronn")
        services.partner_antworten(cleebronn, True, "", gemeinde_user("Cleebronn"))
        gueglingen = brackenheim.bestaetigungen.get(gemeinde__name="Güglingen")
        services.partner_antworten(gueglingen, False, "nein", gemeinde_user("Güglingen"))
    with time_machine.travel(NACH_DER_FRIST):
        names = {e.gemeinde.name for e in services.frist_ablaufen()}
    assert "Cleebronn" in names  # its confirmation belonged to a submission that was returned
    assert "Brackenheim" not in names  # it submitted; the coordinator decides about the returned decision


@time_machine.travel(VOR_DER_FRIST)
def test_a_returned_decision_shows_its_reason_in_the_task_list(client, login, entscheidung, user):
    """#19: after a return the Gemeinde's open task says why, not just "Entscheidung abgeben"."""
    e = entscheidung("Nordheim")
    services.einreichen(e, allein("0.50"), user("nordheim"))
    services.pruefen(e, False, "Bitte den Beschluss vom 20.04. beifügen.", user("hn-koordination"))
    login("nordheim")
    page = client.get(reverse("start:dashboard")).content.decode()
    aufgaben = re.search(r'id="aufgaben".*?</section>', page, re.S).group(0)
    assert "Zurückgegeben:</strong> Bitte den Beschluss vom 20.04. beifügen." in aufgaben


@time_machine.travel(VOR_DER_FRIST)
def test_each_verbund_partner_is_asked_by_mail(entscheidung, user, demo, django_user_model):
    """The partners' confirmations exist when the event's mails are queued (outbox), so each partner
    gets its "Bitte bestätigen" mail in the transaction of the submission."""
    from portal.core.models import Mail
    from portal.organisations.models import Gemeinde, Mitgliedschaft

    lauffen = Gemeinde.objects.get(name="Lauffen am Neckar")
    u = django_user_model.objects.create(username="lauffen", email="lauffen@example.org")
    Mitgliedschaft.objects.create(user=u, rolle="gemeinde", gemeinde=lauffen)
    e = entscheidung("Nordheim")
    services.einreichen(
        e,
        services.Einreichung(
            wahl="verbund",
            partner=[lauffen],
            federfuehrend=e.gemeinde,
            verbund_name="IM Unterland",
            stellen=[services.StellenAngabe(Decimal("1.00"), VOR_DER_FRIST.date(), "studium")],
            beschluss_datum=VOR_DER_FRIST.date(),
            beschluss_datei=pdf(),
            ansprechperson="Nico Neumann",
            ansprechperson_email="n@example.org",
        ),
        user("nordheim"),
    )
    mail = Mail.objects.get(betreff="Bitte bestätigen: Verbund mit Nordheim 2028")
    assert mail.empfaenger == ["lauffen@example.org"] and "http" in mail.text
