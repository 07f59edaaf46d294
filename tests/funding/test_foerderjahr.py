"""Rules as data: copy-forward, draft edits, amendments with reason, and who may do what."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from portal.audit.models import AuditEvent
from portal.funding import services
from portal.funding.models import Foerderjahr
from portal.permissions import check

pytestmark = pytest.mark.django_db


@pytest.fixture
def fj2026(demo):
    return Foerderjahr.objects.get(kreis=demo["hn"], jahr=2026)


@pytest.fixture
def fj2028(demo):
    """The newest Förderjahr of the test world: the one a coordinator copies forward next."""
    return Foerderjahr.objects.get(kreis=demo["hn"], jahr=2028)


def test_demo_2025_follows_the_first_round_of_the_vwv(demo):
    fj = Foerderjahr.objects.get(kreis=demo["hn"], jahr=2025)
    assert fj.frist_zielgruppen_meldung == datetime.date(2023, 10, 31)
    assert fj.frist_uebersicht == datetime.date(2023, 12, 31)
    assert fj.frist_entscheidung == datetime.date(2024, 5, 31)
    assert fj.frist_kennzahlen == datetime.date(2026, 3, 31)
    assert (fj.zaehlzeitraum_von, fj.zaehlzeitraum_bis) == (
        datetime.date(2020, 1, 1),
        datetime.date(2022, 12, 31),
    )
    assert fj.min_vzae_pro_stelle == Decimal("0.50")
    assert fj.min_planungsrahmen == Decimal("180000.00")


def test_copy_forward_shifts_every_date_by_one_year(demo, user, fj2028):
    fj2029 = services.foerderjahr_fortschreiben(fj2028, user("hn-koordination"))
    assert fj2029.jahr == 2029 and fj2029.vorjahr == fj2028
    assert fj2029.status == Foerderjahr.Status.ENTWURF
    for name in Foerderjahr.FRISTFELDER:
        old, new = getattr(fj2028, name), getattr(fj2029, name)
        assert (new.year - old.year, new.month, new.day) == (1, old.month, old.day), name
    for name in (
        "planungsrahmen",
        "min_vzae_pro_stelle",
        "min_planungsrahmen",
        "referenzkosten_pro_vzae",
        "erinnerung_tage",
    ):
        assert getattr(fj2029, name) == getattr(fj2028, name), name
    assert AuditEvent.objects.for_object(fj2029).filter(aktion="foerderjahr.fortgeschrieben").count() == 1


def test_copy_forward_only_once(demo, user, fj2028):
    services.foerderjahr_fortschreiben(fj2028, user("hn-koordination"))
    fj2028.refresh_from_db()
    with pytest.raises(PermissionDenied, match="2029 gibt es schon"):
        services.foerderjahr_fortschreiben(fj2028, user("hn-koordination2"))


def test_draft_is_edited_without_reason_and_logged(demo, user, fj2028):
    fj2029 = services.foerderjahr_fortschreiben(fj2028, user("hn-koordination"))
    services.foerderjahr_aendern(fj2029, {"planungsrahmen": Decimal("1250000.00")}, user("hn-koordination"))
    fj2029.refresh_from_db()
    assert fj2029.planungsrahmen == Decimal("1250000.00")
    event = AuditEvent.objects.for_object(fj2029).order_by("-id").first()
    assert event.aktion == "foerderjahr.bearbeitet"
    assert event.aenderungen["planungsrahmen"]["nachher"] == "1250000.00"


def test_published_year_needs_a_reason(demo, user, fj2026):
    with pytest.raises(ValidationError) as excinfo:
        services.foerderjahr_aendern(
            fj2026, {"frist_entscheidung": datetime.date(2025, 6, 15)}, user("hn-koordination")
        )
    assert "begruendung" in excinfo.value.message_dict
    fj2026.refresh_from_db()
    assert fj2026.frist_entscheidung == datetime.date(2025, 5, 31)


def test_amendment_with_reason_is_recorded_with_before_and_after(demo, user, fj2026):
    services.foerderjahr_aendern(
        fj2026,
        {"frist_entscheidung": datetime.date(2025, 6, 15)},
        user("hn-koordination"),
        begruendung="Kreistagsbeschluss vom 12.03.",
    )
    event = AuditEvent.objects.for_object(fj2026).order_by("-id").first()
    assert event.aktion == "foerderjahr.geaendert"
    assert event.begruendung == "Kreistagsbeschluss vom 12.03."
    assert event.aenderungen == {"frist_entscheidung": {"vorher": "2025-05-31", "nachher": "2025-06-15"}}


def test_year_used_by_a_process_needs_a_reason_even_as_draft(demo, user, fj2028):
    fj2029 = services.foerderjahr_fortschreiben(fj2028, user("hn-koordination"))
    services.als_verwendet_markieren(fj2029)
    assert fj2029.braucht_begruendung
    with pytest.raises(ValidationError):
        services.foerderjahr_aendern(
            fj2029, {"planungsrahmen": Decimal("1.00") + fj2029.planungsrahmen}, user("hn-koordination")
        )


def test_unchanged_values_write_no_event(demo, user, fj2026):
    before = AuditEvent.objects.count()
    services.foerderjahr_aendern(fj2026, {"planungsrahmen": fj2026.planungsrahmen}, user("hn-koordination"))
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"planungsrahmen": Decimal("179999.99")}, "planungsrahmen"),
        ({"zaehlzeitraum_bis": datetime.date(2019, 12, 31)}, "zaehlzeitraum_bis"),
        ({"frist_uebersicht": datetime.date(2024, 10, 1)}, "frist_uebersicht"),
        ({"frist_kennzahlen": datetime.date(2026, 12, 31)}, "frist_kennzahlen"),
        ({"frist_entscheidung": datetime.date(2026, 1, 1)}, "frist_entscheidung"),
        ({"min_vzae_pro_stelle": Decimal("1.01")}, "min_vzae_pro_stelle"),
    ],
)
def test_invalid_parameters_are_refused_at_the_field(demo, user, fj2026, changes, field):
    with pytest.raises(ValidationError) as excinfo:
        services.foerderjahr_aendern(fj2026, changes, user("hn-koordination"), begruendung="Test")
    assert field in excinfo.value.message_dict


def test_minimum_planning_budget_exactly_is_accepted(demo, user, fj2026):
    services.foerderjahr_aendern(
        fj2026, {"planungsrahmen": Decimal("180000.00")}, user("hn-koordination"), begruendung="Kürzung"
    )
    fj2026.refresh_from_db()
    assert fj2026.planungsrahmen == Decimal("180000.00")


@pytest.mark.parametrize("username", ["nordheim", "hn-finanzen", "land", "gp-koordination", "redaktion"])
def test_only_the_kreis_coordination_may_change(demo, user, fj2026, username):
    assert not check(user(username), "foerderjahr.bearbeiten", fj2026)
    with pytest.raises(PermissionDenied):
        services.foerderjahr_aendern(fj2026, {"planungsrahmen": Decimal("200000.00")}, user(username), "x")


def test_land_is_told_it_is_read_only(demo, user, fj2026):
    assert "nur Lesezugriff" in check(user("land"), "foerderjahr.bearbeiten", fj2026).grund


def test_closed_year_cannot_be_changed(demo, user, fj2026):
    services.foerderjahr_abschliessen(fj2026, user("hn-koordination"))
    fj2026.refresh_from_db()
    result = check(user("hn-koordination"), "foerderjahr.bearbeiten", fj2026)
    assert not result and "abgeschlossen" in result.grund


# --- through the UI -----------------------------------------------------------------------------------
def edit_form_data(client, url, fj):
    """What the edit form posts when the user changes nothing."""
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data.update({name: getattr(fj, name).isoformat() for name in Foerderjahr.FRISTFELDER})
    data["erinnerung_tage"] = ", ".join(str(d) for d in fj.erinnerung_tage)
    return data


def test_edit_form_keeps_input_and_shows_german_error_at_field(demo, login, client, fj2026):
    login("hn-koordination")
    url = reverse("funding:edit", args=[fj2026.pk])
    data = edit_form_data(client, url, fj2026)
    data["planungsrahmen"] = "1300000.55"
    data["begruendung"] = ""
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "bitte begründen Sie die Änderung" in page
    assert 'value="1300000.55"' in page
    fj2026.refresh_from_db()
    assert fj2026.planungsrahmen != Decimal("1300000.55")

    data["begruendung"] = "Neuer Bescheid des Landes"
    response = client.post(url, data)
    assert response.status_code == 302
    fj2026.refresh_from_db()
    assert fj2026.planungsrahmen == Decimal("1300000.55")
    detail = client.get(fj2026.get_absolute_url()).content.decode()
    assert "Neuer Bescheid des Landes" in detail


def test_reminder_days_must_be_numbers(demo, login, client, fj2026):
    login("hn-koordination")
    url = reverse("funding:edit", args=[fj2026.pk])
    data = edit_form_data(client, url, fj2026)
    data.update(erinnerung_tage="28, sieben", begruendung="x")
    page = client.post(url, data).content.decode()
    assert "Bitte ganze Tage durch Komma getrennt angeben" in page
    assert "28, sieben" in page


def test_coordinator_copies_forward_and_publishes_through_the_ui(demo, login, client, fj2028):
    login("hn-koordination")
    response = client.post(reverse("funding:copy_forward", args=[fj2028.pk]))
    fj2029 = Foerderjahr.objects.get(kreis=demo["hn"], jahr=2029)
    assert response["Location"] == fj2029.get_absolute_url()
    client.post(reverse("funding:publish", args=[fj2029.pk]))
    fj2029.refresh_from_db()
    assert fj2029.status == Foerderjahr.Status.VEROEFFENTLICHT


def test_gemeinde_gets_403_with_reason_on_edit(demo, login, client, fj2026):
    login("nordheim")
    response = client.get(reverse("funding:edit", args=[fj2026.pk]))
    assert response.status_code == 403
    assert "koordinierende Stelle" in response.content.decode()
    response = client.post(reverse("funding:publish", args=[fj2026.pk]), follow=True)
    assert "koordinierende Stelle" in response.content.decode()


def test_create_first_year_form(demo, login, client):
    from portal.funding.models import Foerderprogramm

    login("gp-koordination")
    url = reverse("funding:create")
    programm = Foerderprogramm.objects.get()
    response = client.post(
        url, {"kreis": demo["gp"].pk, "programm": programm.pk, "jahr": 2026, "planungsrahmen": "900000.00"}
    )
    assert "gibt es das Förderjahr schon" in response.content.decode()
    response = client.post(
        url, {"kreis": demo["hn"].pk, "programm": programm.pk, "jahr": 2030, "planungsrahmen": "900000.00"}
    )
    assert response.status_code == 200 and not Foerderjahr.objects.filter(jahr=2030).exists()
    response = client.post(
        url, {"kreis": demo["gp"].pk, "programm": programm.pk, "jahr": 2029, "planungsrahmen": "900000.00"}
    )
    fj = Foerderjahr.objects.get(kreis=demo["gp"], jahr=2029)
    assert response["Location"] == fj.get_absolute_url()
    assert fj.frist_entscheidung == datetime.date(2028, 5, 31)


def test_date_parameters_are_found_by_their_type_not_their_position():
    """Every date parameter (the new starts of the Kennzahlen window and of the proof of use too) is
    shifted when a year is copied forward, whatever the order of PARAMETER_FIELDS."""
    from django.db import models

    datumsfelder = {
        f.name for f in Foerderjahr._meta.concrete_fields if isinstance(f, models.DateField)
    } & set(Foerderjahr.PARAMETER_FIELDS)
    assert set(Foerderjahr.FRISTFELDER) == datumsfelder
    assert {"beginn_kennzahlen", "beginn_verwendungsnachweis", "zaehlzeitraum_von"} <= datumsfelder


def test_new_parameters_have_todays_rules_as_defaults(fj2028):
    assert fj2028.beginn_kennzahlen == datetime.date(2028, 1, 1)
    assert fj2028.beginn_verwendungsnachweis == datetime.date(2029, 1, 1)
    assert fj2028.max_vzae_pro_stelle == Decimal("1.00")
    assert fj2028.finanzierungsart == "festbetrag"
    assert fj2028.rueckforderung_zahlungsfrist_tage == 30 and "§ 49a" in fj2028.rueckforderung_zinshinweis
    assert fj2028.kennzahl_hoechstwert == 100_000


def test_a_maximum_below_the_minimum_is_refused_at_the_field(demo, user, fj2028):
    with pytest.raises(ValidationError) as e:
        services.foerderjahr_aendern(
            fj2028, {"max_vzae_pro_stelle": Decimal("0.40")}, user("hn-koordination"), begruendung="x"
        )
    assert "max_vzae_pro_stelle" in e.value.message_dict


def test_first_year_is_offered_only_to_a_kreis_without_years(client, login, demo):
    """#19: "Erstes Förderjahr anlegen" on the list only where the Kreis has none yet."""
    login("hn-koordination")
    assert "Erstes Förderjahr anlegen" not in client.get(reverse("funding:list")).content.decode()
    from portal.organisations.models import Kreis, Mitgliedschaft, User

    neu = Kreis.objects.create(name="Landkreis Neuland", schluessel="08999", land=demo["hn"].land)
    koordination = User.objects.create(username="neuland-koordination")
    Mitgliedschaft.objects.create(user=koordination, rolle="koordination", kreis=neu)
    from tests.conftest import anmelden

    anmelden(client, koordination)
    assert "Erstes Förderjahr anlegen" in client.get(reverse("funding:list")).content.decode()


def test_a_gemeinde_reads_the_year_without_notes_meant_for_the_coordination(client, login, fj2028):
    """#19: no "changes only with a reason" box and no sentence "… darf das." without saying what."""
    login("nordheim")
    seite = client.get(fj2028.get_absolute_url()).content.decode()
    assert "Änderungen sind nur mit Begründung möglich" not in seite
    assert (
        "Die Angaben dieses Förderjahres ändern: Nur die koordinierende Stelle des Kreises darf das." in seite
    )
    login("hn-koordination")
    assert (
        "Änderungen sind nur mit Begründung möglich" in client.get(fj2028.get_absolute_url()).content.decode()
    )
