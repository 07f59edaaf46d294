"""The fragment cache under the Datenstand: a warm page shows the same with fewer queries; a change
through a service, a new revision of a guidance page, the next day, another language, another user and
a changed membership all show at once; Wagtail's preview and renders without a request are never
cached. (The whole suite runs with the cache, so every test that reads after a change checks it too.)"""

import datetime
import re
from decimal import Decimal

import pytest
import time_machine
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.core import datenstand
from portal.funding.fristen import BERLIN, tage_bis
from portal.organisations import services as organisations
from portal.organisations.models import Gemeinde, Mitgliedschaft
from tests.optin.conftest import VOR_DER_FRIST, allein
from tests.security.conftest import mandanten  # noqa: F401  (fixture)
from workflows.optin import services as optin
from workflows.optin.models import Entscheidung
from workflows.transfer import services as transfer

pytestmark = pytest.mark.django_db


@pytest.fixture
def fj(demo, user):
    """Heilbronn 2028 with Nordheim's decision accepted: the transfer year page has a recipient."""
    with time_machine.travel(VOR_DER_FRIST):
        nordheim = Entscheidung.objects.get(gemeinde=demo["nordheim"], foerderjahr__jahr=2028)
        optin.einreichen(nordheim, allein(), user("nordheim"))
        optin.pruefen(nordheim, True, "", user("hn-koordination"))
    return nordheim.foerderjahr


def abrufen(client, url, **extra):
    from django.db import connection

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **extra)
    assert response.status_code == 200
    return response.content.decode(), len(ctx.captured_queries)


def abschnitt(html: str, anfang: str) -> str:
    """The <section> that starts with ``anfang`` (the cached table, without the page's CSRF tokens)."""
    return re.search(re.escape(anfang) + r".*?</section>", html, re.S).group(0)


def test_the_datenstand_moves_with_every_audit_event(demo, user):
    vorher = datenstand.lesen()
    assert datenstand.lesen() == vorher  # reading changes nothing
    organisations.benutzer_deaktivieren(user("gueglingen"), user("hn-koordination"), "Test")
    nachher = datenstand.lesen()
    assert nachher.startswith("alle:") and nachher != vorher
    neuestes = int(nachher.removeprefix("alle:").split(".")[0])
    assert neuestes > int(vorher.removeprefix("alle:").split(".")[0])


def test_a_kreis_watches_its_own_events_and_the_lands(demo, user):
    """A change in Göppingen leaves Heilbronn's Datenstand as it is; one of the Land changes both."""
    from django.db import transaction

    from portal.audit.services import record_event
    from portal.organisations.models import Land

    hn, gp = [demo["hn"].pk], [demo["gp"].pk]
    vorher = {"hn": datenstand.lesen(hn), "gp": datenstand.lesen(gp), "alle": datenstand.lesen()}
    organisations.benutzer_deaktivieren(user("goeppingen"), user("gp-koordination"), "Test")
    assert datenstand.lesen(hn) == vorher["hn"]
    assert datenstand.lesen(gp) != vorher["gp"] and datenstand.lesen() != vorher["alle"]
    with transaction.atomic():
        record_event("protokoll.exportiert", Land.objects.get(), actor=user("land"))
    assert datenstand.lesen(hn) != vorher["hn"]


def test_a_change_in_another_kreis_keeps_the_page_warm(client, login, user, fj):
    login("hn-koordination")
    url = reverse("transfer:jahr", args=[fj.pk])
    _kalt, kalt_abfragen = abrufen(client, url)
    organisations.benutzer_deaktivieren(user("goeppingen"), user("gp-koordination"), "Test")
    _warm, warm_abfragen = abrufen(client, url)
    assert warm_abfragen <= kalt_abfragen - 8, (kalt_abfragen, warm_abfragen)


def test_a_warm_page_shows_the_same_with_fewer_queries(client, login, fj):
    login("hn-koordination")
    url = reverse("transfer:jahr", args=[fj.pk])
    kalt, kalt_abfragen = abrufen(client, url)
    warm, warm_abfragen = abrufen(client, url)
    anfang = '<section aria-labelledby="empfaenger">'
    assert "Nordheim" in abschnitt(kalt, anfang)
    assert abschnitt(warm, anfang) == abschnitt(kalt, anfang)
    assert warm_abfragen <= kalt_abfragen - 8, (kalt_abfragen, warm_abfragen)


def test_a_change_through_a_service_shows_at_once(client, login, user, fj):
    login("hn-koordination")
    url = reverse("transfer:jahr", args=[fj.pk])
    vorher, _ = abrufen(client, url)
    assert "RP-2029-77" not in vorher
    transfer.auszahlung_erfassen(
        fj, datetime.date(2029, 3, 1), Decimal("54321.09"), "RP-2029-77", user("hn-koordination")
    )
    nachher, _ = abrufen(client, url)
    assert "RP-2029-77" in nachher and "54.321,09" in nachher


def test_each_user_gets_the_fragment_rendered_for_them(client, user, demo):
    from tests.conftest import anmelden

    erste, zweite = user("hn-koordination"), user("hn-koordination2")  # same Kreis, same role
    anmelden(client, erste)
    html, _ = abrufen(client, reverse("start:dashboard"))
    assert f"Willkommen, {erste}" in html
    anmelden(client, zweite)
    html, _ = abrufen(client, reverse("start:dashboard"))
    assert f"Willkommen, {zweite}" in html and f"Willkommen, {erste}" not in html


def test_another_gemeinde_never_sees_the_cached_dashboard(client, login, demo):
    login("nordheim")
    html, _ = abrufen(client, reverse("start:dashboard"))
    assert "AGS 08125074" in html
    login("brackenheim")
    html, _ = abrufen(client, reverse("start:dashboard"))
    assert "AGS 08125013" in html and "AGS 08125074" not in html


def test_a_changed_membership_shows_at_once(client, login, user, demo):
    """Memberships are edited in the Django admin without an audit event: the scope is in the key."""
    login("nordheim")
    assert "AGS 08125074" in abrufen(client, reverse("start:dashboard"))[0]
    Mitgliedschaft.objects.filter(user=user("nordheim"), rolle="gemeinde").update(
        gemeinde=Gemeinde.objects.get(ags="08125013")
    )
    html, _ = abrufen(client, reverse("start:dashboard"))
    assert "AGS 08125013" in html and "AGS 08125074" not in html


def test_the_language_is_part_of_the_key(client, login, demo):
    login("nordheim")
    assert "Ihre Rollen" in abrufen(client, reverse("start:dashboard"))[0]
    html, _ = abrufen(client, reverse("start:dashboard"), HTTP_ACCEPT_LANGUAGE="en")
    assert "Your roles" in html and "Ihre Rollen" not in html


def test_the_next_day_counts_the_days_left_anew(client, login, demo):
    """Deadlines turn at midnight Europe/Berlin, so the date is in the key: 23:59 and 00:00."""
    from portal.funding.models import Foerderjahr

    fj = Foerderjahr.objects.get(kreis=demo["hn"], jahr=2026)
    frist = fj.frist_verwendungsnachweis
    abend = datetime.datetime.combine(frist - datetime.timedelta(days=3), datetime.time(23, 59), BERLIN)
    for moment, tage in ((abend, 3), (abend + datetime.timedelta(minutes=1), 2)):
        with time_machine.travel(moment, tick=False):
            assert tage_bis(moment, frist) == tage
            login("hn-koordination")
            html, _ = abrufen(client, reverse("start:dashboard"))
            assert f"<td>{tage} Tage</td>" in abschnitt(html, '<section aria-labelledby="fristen">')


def test_a_new_revision_of_a_guidance_page_shows_at_once(client, demo):
    from portal.cms.models import GuidancePage

    page = GuidancePage.objects.get(slug="entscheidung-bis-31-mai")
    assert page.title in client.get(page.url).content.decode()
    page.title = "Entscheidung bis zum 31. Mai (neue Fassung)"
    page.save_revision().publish()
    assert "Entscheidung bis zum 31. Mai (neue Fassung)" in client.get(page.url).content.decode()


def test_the_preview_of_a_draft_is_never_cached(client, demo):
    from portal.cms.models import GuidancePage

    page = GuidancePage.objects.get(slug="entscheidung-bis-31-mai")
    client.get(page.url)  # the live page is cached for anonymous readers
    page.zusammenfassung = "Nur im Entwurf zu sehen."
    vorschau = page.make_preview_request()
    vorschau.render()
    assert "Nur im Entwurf zu sehen." in vorschau.content.decode()
    assert "Nur im Entwurf zu sehen." not in client.get(page.url).content.decode()


def test_without_a_request_nothing_is_cached():
    vorlage = Template(
        '{% load datenstand %}{% zwischenspeicher "probe" %}{{ wert }}{% endzwischenspeicher %}'
    )
    assert vorlage.render(Context({"wert": 1})) == "1"
    assert vorlage.render(Context({"wert": 2})) == "2"


def test_the_datenstand_of_a_kreis_is_read_through_indexes(demo, postgres_only):
    """The newest event of Heilbronn and the newest without a Kreis come from indexes, whatever the
    Land wrote since: scanning back through 100,000 newer events of Göppingen would cost every page
    view of Heilbronn 30 ms (measured with statewide data before the indexes)."""
    import json

    from django.db import connection

    from portal.audit.models import AuditEvent

    tabelle = connection.ops.quote_name(AuditEvent._meta.db_table)
    with connection.cursor() as cursor:
        # statistics of the demo data (where events without a Kreis are common), then raw rows of another
        # Kreis after Heilbronn's and the Land's (no chain needed for a plan): the planner's picture and
        # the data differ, as after a bulk load or a restore until autovacuum runs
        cursor.execute(f"ANALYZE {tabelle}")
        cursor.execute(
            f"INSERT INTO {tabelle} (zeitpunkt, actor_name, rolle, organisation, aktion, objekt_typ, "
            "objekt_id, objekt_bezeichnung, begruendung, aenderungen, request_id, vorheriger_hash, hash, "
            "kreis_id) SELECT now(), '', '', '', 'lasttest', '', '', '', '', '{}', '', '', md5(i::text), %s "
            "FROM generate_series(1, 100000) AS i",
            [demo["gp"].pk],
        )
        spalten, parameter = datenstand._audit_koepfe([demo["hn"].pk])
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) SELECT " + ", ".join(spalten), parameter)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan

    def knoten(k):
        yield k
        for kind in k.get("Plans", []):
            yield from knoten(kind)

    alle = list(knoten(plan[0]["Plan"]))
    assert not [k for k in alle if k["Node Type"] == "Seq Scan"], plan
    assert sum(k.get("Rows Removed by Filter", 0) for k in alle) < 100, plan
    assert sum(k.get("Actual Rows", 0) for k in alle if "Index" in k["Node Type"]) < 1000, plan


def test_every_event_of_a_cycle_names_its_kreis(mandanten):  # noqa: F811
    """A Kreis's users watch only their Kreis's events (and those without a Kreis): an event of a
    Gemeinde's decision, transfer or proof that named no Kreis, or another, would leave their pages
    stale or make every Kreis render anew."""
    from portal.audit.models import AuditEvent
    from portal.organisations.models import Gemeinde

    kreis_von = dict(Gemeinde.objects.values_list("pk", "kreis_id"))
    mit_gemeinde = list(AuditEvent.objects.filter(gemeinde__isnull=False).values_list("gemeinde", "kreis"))
    assert mit_gemeinde
    assert [(g, k) for g, k in mit_gemeinde if k != kreis_von[g]] == []
    for m in mandanten.values():
        for obj in (m["entscheidung"], m["weiterleitung"], m["nachweis"]):
            ereignisse = AuditEvent.objects.filter(objekt_typ=obj._meta.label_lower, objekt_id=str(obj.pk))
            assert ereignisse.exists()
            assert set(ereignisse.values_list("kreis", flat=True)) == {m["kreis"].pk}, obj
