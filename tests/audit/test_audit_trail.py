"""The audit trail: append-only, hash-chained, verifiable, scoped, exportable."""

import csv
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.urls import reverse
from openpyxl import load_workbook

from portal.audit.context import RequestContext, bound
from portal.audit.models import GENESIS_HASH, AuditEvent
from portal.audit.services import event_recorded, record_event
from portal.audit.verify import verify_chain
from portal.funding.models import Foerderjahr
from portal.funding.services import foerderjahr_aendern

pytestmark = pytest.mark.django_db


def tamper(event_id, text):
    """Change a stored event behind the application's back, as a database superuser could."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only")
        cursor.execute("UPDATE audit_auditevent SET begruendung = %s WHERE id = %s", [text, event_id])
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_event_append_only")


def test_event_records_who_what_when_and_changes(demo, user):
    fj = Foerderjahr.objects.get(kreis=demo["hn"], jahr=2026)
    actor = user("hn-koordination")
    with bound(RequestContext(request_id="req-123", client_ip="203.0.113.7")):
        foerderjahr_aendern(fj, {"referenzkosten_pro_vzae": "82000.00"}, actor, begruendung="Tarifsteigerung")
    event = AuditEvent.objects.order_by("-id").first()
    assert event.aktion == "foerderjahr.geaendert"
    assert event.aktion_label == "Förderjahr geändert (mit Begründung)"
    assert event.actor == actor and event.actor_name == "hn-koordination"
    assert event.rolle == "koordination" and event.organisation == "Landkreis Heilbronn"
    assert event.kreis == demo["hn"]
    assert event.objekt_typ == "funding.foerderjahr" and event.objekt_id == str(fj.pk)
    assert event.begruendung == "Tarifsteigerung"
    assert event.aenderungen == {"referenzkosten_pro_vzae": {"vorher": "80000.00", "nachher": "82000.00"}}
    assert event.request_id == "req-123" and event.client_ip == "203.0.113.7"
    assert event.hash == event.compute_hash()


def test_english_label_of_an_action():
    from django.utils import translation

    from portal.audit.actions import label_for

    with translation.override("en"):
        assert label_for("foerderjahr.geaendert") == "Funding year amended (with reason)"


def test_each_event_links_to_its_predecessor(demo):
    events = list(AuditEvent.objects.order_by("id"))
    assert events[0].vorheriger_hash == GENESIS_HASH
    for previous, event in zip(events, events[1:], strict=False):
        assert event.vorheriger_hash == previous.hash


def test_model_refuses_update_and_delete(demo):
    event = AuditEvent.objects.first()
    event.begruendung = "geändert"
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()
    with pytest.raises(ValidationError):
        AuditEvent.objects.filter(pk=event.pk).update(begruendung="x")
    with pytest.raises(ValidationError):
        AuditEvent.objects.filter(pk=event.pk).delete()


def test_postgres_trigger_rejects_raw_update_and_delete(demo, postgres_only):
    from django.db import InternalError, ProgrammingError

    event_id = AuditEvent.objects.order_by("id").values_list("id", flat=True).first()
    for sql in (
        "UPDATE audit_auditevent SET begruendung = 'x' WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id = %s",
    ):
        with (
            pytest.raises((InternalError, ProgrammingError)) as excinfo,
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [event_id])
        assert "append-only" in str(excinfo.value)


def test_verify_audit_passes_on_intact_chain(demo, capsys):
    call_command("verify_audit")
    assert "intact" in capsys.readouterr().out


def test_verify_audit_names_the_first_tampered_event(demo):
    ids = list(AuditEvent.objects.order_by("id").values_list("id", flat=True))
    victim = ids[len(ids) // 2]
    tamper(victim, "nachträglich geändert")
    result = verify_chain()
    assert not result.ok and result.broken_id == victim
    with pytest.raises(CommandError, match=f"#{victim}"):
        call_command("verify_audit")


def test_event_rolls_back_with_its_change(demo):
    before = AuditEvent.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        record_event("organisation.geaendert", demo["nordheim"])
        raise RuntimeError("change failed")
    assert AuditEvent.objects.count() == before


def test_notification_hook_fires_only_after_commit(demo, django_capture_on_commit_callbacks):
    received = []

    def listener(sender, event, **kwargs):
        received.append(event)

    event_recorded.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            event = record_event("organisation.geaendert", demo["nordheim"])
            assert received == []
        assert received == [event]
    finally:
        event_recorded.disconnect(listener)


def test_unknown_action_code_is_refused(demo):
    from portal.audit.services import UnknownAction

    with pytest.raises(UnknownAction):
        record_event("erfunden", demo["nordheim"])


# --- history page and exports ------------------------------------------------------------------------
def test_whoever_sees_an_object_sees_its_history(demo, login, client):
    fj = Foerderjahr.objects.get(kreis=demo["hn"], jahr=2025)
    url = reverse("audit:object", args=["funding.foerderjahr", fj.pk])
    login("nordheim")
    page = client.get(url)
    assert page.status_code == 200
    assert "Förderjahr veröffentlicht" in page.content.decode()
    login("goeppingen")
    assert client.get(url).status_code == 404


def test_history_of_unknown_model_is_404(demo, login, client):
    login("land")
    assert client.get(reverse("audit:object", args=["nix.da", 1])).status_code == 404
    assert client.get(reverse("audit:object", args=["audit.auditevent", 1])).status_code == 200


def test_coordinator_exports_own_kreis_as_csv(demo, login, client):
    login("hn-koordination")
    response = client.get(reverse("audit:list") + "?format=csv")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:3] == ["Nr.", "Zeitpunkt", "Benutzer"]
    kreise = {row[10] for row in rows[1:]}
    assert kreise == {"Landkreis Heilbronn"}
    assert any("Förderjahr veröffentlicht" in row for row in rows)
    # The export itself is recorded.
    assert AuditEvent.objects.filter(aktion="protokoll.exportiert", kreis=demo["hn"]).exists()


def test_coordinator_exports_xlsx(demo, login, client):
    login("gp-koordination")
    response = client.get(reverse("audit:list") + "?format=xlsx&aktion=foerderjahr.veroeffentlicht")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Nr."
    assert len(rows) == 5  # header + 2025 to 2028 published
    assert {r[10] for r in rows[1:]} == {"Landkreis Göppingen"}


def test_gemeinde_and_finance_cannot_export(demo, login, client):
    for name in ("nordheim", "hn-finanzen"):
        login(name)
        assert client.get(reverse("audit:list") + "?format=csv").status_code == 403


def test_coordinator_cannot_export_other_kreis(demo, login, client):
    login("hn-koordination")
    response = client.get(reverse("audit:list") + f"?format=csv&kreis={demo['gp'].pk}")
    assert response.status_code == 404


def test_admins_show_events_read_only(demo, login, client):
    login("betrieb")
    event = AuditEvent.objects.first()
    assert client.get(reverse("admin:audit_auditevent_changelist")).status_code == 200
    page = client.get(reverse("admin:audit_auditevent_change", args=[event.pk]))
    assert (
        page.status_code == 200
        and b'type="submit"' not in page.content.split(b"<footer")[0].split(b'id="content"')[-1]
    )
    assert client.post(reverse("admin:audit_auditevent_delete", args=[event.pk])).status_code == 403
    wagtail = client.get("/cms/protokoll/")
    assert wagtail.status_code == 200
    assert client.get(f"/cms/protokoll/inspect/{event.pk}/").status_code == 200
    assert client.get(f"/cms/protokoll/edit/{event.pk}/").status_code == 404


def test_facts_recorded_with_an_event_export_and_show_as_values(demo, login, client):
    from portal.audit.exports import format_changes
    from portal.audit.services import record_event

    record_event(
        "organisation.geaendert",
        demo["nordheim"],
        aenderungen={
            "betrag": "100.00",
            "name": {"vorher": "A", "nachher": "B"},
            "liste": ["Cleebronn", "Güglingen"],
            "verspaetet": False,
        },
    )
    assert (
        format_changes({"betrag": "100.00", "name": {"vorher": None, "nachher": "B"}})
        == "betrag: 100,00; name: – → B"
    )
    login("hn-koordination")
    csv = client.get(reverse("audit:list") + "?format=csv").content.decode("utf-8-sig")
    assert "betrag: 100,00; liste: Cleebronn, Güglingen; name: A → B; verspaetet: nein" in csv
    page = client.get(
        reverse("audit:object", args=["organisations.gemeinde", demo["nordheim"].pk])
    ).content.decode()
    # for people: the field's label, yes/no, lists without brackets (#19)
    assert "betrag: 100,00" in page and "Name: A → B" in page
    assert "liste: Cleebronn, Güglingen" in page and "verspaetet: nein" in page and "False" not in page


def test_a_gemeinde_filters_its_protocol_by_the_actions_it_has(demo, login, client, user):
    """#19: not some eighty administrative actions, only those in the events it can see."""
    login("nordheim")
    seite = client.get(reverse("audit:list")).content.decode()
    sichtbar = set(AuditEvent.objects.visible_to(user("nordheim")).values_list("aktion", flat=True))
    angeboten = set(re.findall(r'<option value="([a-z_]+\.[a-z_.]+)"', seite))
    assert angeboten and angeboten <= sichtbar
    login("hn-koordination")
    seite = client.get(reverse("audit:list")).content.decode()
    assert len(set(re.findall(r'<option value="([a-z_]+\.[a-z_.]+)"', seite))) > len(angeboten)


def test_a_fact_named_like_a_reverse_relation_shows_with_its_key(demo, login, client):
    """The XLSX export of transfers records ``weiterleitungen`` on the Förderjahr, which is also the name
    of its reverse relation: the Protokoll shows it as a fact, it does not fail."""
    from portal.audit.services import record_event

    fj = Foerderjahr.objects.filter(kreis=demo["hn"]).first()
    record_event("weiterleitung.exportiert", fj, aenderungen={"weiterleitungen": 3})
    login("hn-koordination")
    antwort = client.get(reverse("audit:list"))
    assert antwort.status_code == 200 and "weiterleitungen: 3" in antwort.content.decode()
