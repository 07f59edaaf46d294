"""Deadlines for readers: next dates per Kreis, the Fristen page, and the iCalendar feed."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from icalendar import Calendar

from portal.cms.models import FristenPage
from portal.funding import termine
from portal.funding.models import Foerderjahr
from portal.funding.services import foerderjahr_aendern

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 11, 22, 12, tzinfo=datetime.UTC)


def test_next_dates_pure_function():
    defaults = {
        2026: {
            "frist_entscheidung": datetime.date(2025, 5, 31),
            "frist_zielgruppen_meldung": datetime.date(2024, 10, 31),
            "frist_uebersicht": datetime.date(2024, 12, 31),
            "frist_kennzahlen": datetime.date(2027, 3, 31),
            "frist_verwendungsnachweis": datetime.date(2027, 3, 31),
        }
    }
    defaults[2027] = {k: v.replace(year=v.year + 1) for k, v in defaults[2026].items()}
    published = {2027: {**defaults[2027], "frist_entscheidung": datetime.date(2026, 6, 15)}}
    liste = termine.naechste_termine(datetime.date(2026, 6, 15), published, defaults)
    decision = next(t for t in liste if t.schluessel == "frist_entscheidung")
    assert decision.datum == datetime.date(2026, 6, 15) and decision.jahr == 2027 and decision.verbindlich
    # One day later that deadline is past: none left in these two years.
    liste = termine.naechste_termine(datetime.date(2026, 6, 16), published, defaults)
    assert "frist_entscheidung" not in [t.schluessel for t in liste]
    assert [t.datum for t in liste] == sorted(t.datum for t in liste)


def test_fristen_page_for_anonymous_shows_programme_defaults(demo, client):
    page = FristenPage.objects.get()
    with time_machine.travel(NOW):
        response = client.get(page.url)
    html = response.content.decode()
    assert response.context["kreis"] is None
    assert "Förderjahr 2026" in html and "Förderjahr 2027" in html
    assert "Vorgabe" in html and ".ics" not in html
    # the note on programme defaults once, not once per table (#19)
    assert html.count("Ohne Kreisauswahl zeigen wir die Vorgaben des Förderprogramms.") == 1
    # in November the round of 2028 is open (decision by 31.05.2027): its year is shown too (#19)
    assert [j for j, _ in response.context["jahre"]] == [2026, 2027, 2028]


@pytest.mark.parametrize(
    ("tag", "jahre"),
    [
        # the last day of the 2028 round, and the first day after it: 2029's round opens only with
        # its deadline within a year (31.05.2028), so in April 2027 it is not shown yet
        (datetime.date(2027, 5, 31), [2027, 2028]),
        (datetime.date(2027, 4, 15), [2027, 2028]),
        (datetime.date(2027, 6, 1), [2027, 2028, 2029]),
    ],
)
def test_fristen_page_shows_the_year_of_the_open_round(demo, client, tag, jahre):
    from portal.funding.fristen import BERLIN

    with time_machine.travel(datetime.datetime.combine(tag, datetime.time(12), tzinfo=BERLIN)):
        response = client.get(FristenPage.objects.get().url)
    assert [j for j, _ in response.context["jahre"]] == jahre


def test_fristen_page_for_chosen_kreis_and_subscription_link(demo, client):
    page = FristenPage.objects.get()
    with time_machine.travel(NOW):
        response = client.get(page.url, {"kreis": "08125"})
    html = response.content.decode()
    assert response.context["kreis"] == demo["hn"]
    assert reverse("fristen_ics", args=["08125"]) in html
    # The published 2026 dates are binding: 31.03.2027 for Kennzahlen of 2026.
    jahr_2026 = dict(response.context["jahre"])[2026]
    assert all(t.verbindlich for t in jahr_2026)
    # The choice is remembered for the next visit.
    with time_machine.travel(NOW):
        assert client.get(page.url).context["kreis"] == demo["hn"]


def test_fristen_page_uses_the_login_kreis(demo, client, login):
    login("goeppingen")
    with time_machine.travel(NOW):
        response = client.get(FristenPage.objects.get().url)
    assert response.context["kreis"] == demo["gp"]


def test_home_page_lists_next_deadlines_and_entry_points(demo, client):
    with time_machine.travel(NOW):
        html = client.get("/").content.decode()
    assert "Nächste Fristen" in html and "Für koordinierende Stellen" in html and "Anmelden" in html
    assert 'datetime="2027-03-31"' in html  # Kennzahlen / Verwendungsnachweis of 2026


def ics(client, key="08125"):
    response = client.get(reverse("fristen_ics", args=[key]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def events(cal):
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_ics_is_valid_with_one_event_per_deadline(demo, client):
    cal = ics(client)
    assert str(cal["VERSION"]) == "2.0" and "PRODID" in cal
    evs = events(cal)
    assert len(evs) == 20  # 4 published years (2025–2028) × 5 deadlines
    decision = evs["08125-2025-frist_entscheidung@integrationsmanagement-portal"]
    assert decision.decoded("DTSTART") == datetime.date(2024, 5, 31)
    assert decision.decoded("DTEND") == datetime.date(2024, 6, 1)
    assert "Entscheidung" in str(decision["SUMMARY"])


def test_ics_uids_are_stable_and_amendments_replace_events(demo, client, user):
    first = events(ics(client))
    fj = Foerderjahr.objects.get(kreis=demo["hn"], jahr=2026)
    foerderjahr_aendern(
        fj,
        {"frist_verwendungsnachweis": datetime.date(2027, 4, 30)},
        user("hn-koordination"),
        begruendung="Verlängert",
    )
    second = events(ics(client))
    assert set(first) == set(second)
    uid = "08125-2026-frist_verwendungsnachweis@integrationsmanagement-portal"
    assert second[uid].decoded("DTSTART") == datetime.date(2027, 4, 30)
    assert int(second[uid]["SEQUENCE"]) > int(first[uid]["SEQUENCE"])


def test_ics_of_unknown_kreis_is_404(demo, client):
    assert client.get(reverse("fristen_ics", args=["99999"])).status_code == 404


def test_ics_shows_no_drafts(demo, client, user):
    from portal.funding.services import foerderjahr_fortschreiben

    foerderjahr_fortschreiben(Foerderjahr.objects.get(kreis=demo["gp"], jahr=2028), user("gp-koordination"))
    uids = events(ics(client, "08117"))
    assert any("-2028-" in uid for uid in uids)  # published years are in the feed
    assert not any("-2029-" in uid for uid in uids)
