"""Demo data is complete and idempotent; every demo user can open home, dashboard and the admins."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.urls import reverse

from portal.audit.models import AuditEvent
from portal.organisations.models import Gemeinde, Kreis, Mitgliedschaft, User, Verbund
from portal.start.demo import DEMO_PASSWORD, seed_demo
from tests.conftest import DEMO_USERNAMES, anmelden

pytestmark = pytest.mark.django_db


def counts():
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        if m._meta.app_label in {"organisations", "funding", "audit", "optin", "viewflow"}
    }


def test_seed_demo_twice_gives_the_same_data(demo):
    before = counts()
    hashes = list(AuditEvent.objects.order_by("id").values_list("hash", flat=True))
    seed_demo(folgejahre=False)
    assert counts() == before
    assert list(AuditEvent.objects.order_by("id").values_list("hash", flat=True)) == hashes


def test_full_demo_with_the_open_decision_round_is_idempotent(demo):
    seed_demo()
    before = counts()
    assert before["optin.Entscheidung"] == 46 + 38  # the 2028 round is open in both Kreise
    assert before["optin.Partnerbestaetigung"] == 4  # the Verbund Zabergäu waits for its partners
    hashes = list(AuditEvent.objects.order_by("id").values_list("hash", flat=True))
    seed_demo()
    assert counts() == before
    assert list(AuditEvent.objects.order_by("id").values_list("hash", flat=True)) == hashes


def test_demo_has_real_kreise_gemeinden_and_one_verbund(demo):
    assert Gemeinde.objects.filter(kreis=demo["hn"]).count() == 46
    assert Gemeinde.objects.filter(kreis=demo["gp"]).count() == 38
    assert not Gemeinde.objects.filter(ags_generiert=True).exists()
    assert demo["nordheim"].ags == "08125074" and demo["brackenheim"].ags == "08125013"
    assert all(g.ags.startswith(g.kreis.schluessel) for g in Gemeinde.objects.select_related("kreis"))
    verbund = Verbund.objects.get()
    assert verbund.federfuehrend == demo["brackenheim"]
    assert verbund.jahre() == [2025, 2026]
    assert demo["brackenheim"] in verbund.mitglieder(2025)


def test_two_coordinators_per_kreis_for_four_eyes(demo):
    for kreis in Kreis.objects.all():
        assert Mitgliedschaft.objects.filter(kreis=kreis, rolle="koordination").count() == 2
        assert Mitgliedschaft.objects.filter(kreis=kreis, rolle="finanzen").count() == 1


def test_demo_password_works(demo, client):
    response = client.post(reverse("login"), {"username": "nordheim", "password": DEMO_PASSWORD})
    assert response.status_code == 302 and response.url == reverse("start:dashboard")


@override_settings(DEBUG=False)
def test_seed_demo_refuses_without_debug(demo):
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("seed_demo")
    call_command("seed_demo", "--force")


def test_home_page_for_anonymous(client, demo):
    page = client.get(reverse("home"))
    assert page.status_code == 200
    html = page.content.decode()
    assert '<html lang="de">' in html and "Zum Inhalt springen" in html
    assert "Anmelden" in html


@pytest.mark.parametrize("username", DEMO_USERNAMES)
def test_every_demo_user_can_open_home_and_dashboard(demo, client, username):
    user = User.objects.get(username=username)
    anmelden(client, user)
    assert client.get(reverse("home")).status_code == 200
    dashboard = client.get(reverse("start:dashboard"))
    assert dashboard.status_code == 200
    assert str(user) in dashboard.content.decode()
    for name in ("funding:list", "organisations:gemeinden", "organisations:verbuende", "audit:list"):
        assert client.get(reverse(name)).status_code == 200, name


@pytest.mark.parametrize("username", DEMO_USERNAMES)
def test_admin_loads_or_redirects_for_every_demo_user(demo, client, username):
    user = User.objects.get(username=username)
    anmelden(client, user)
    django_admin = client.get(reverse("admin:index"))
    if user.is_staff:
        assert django_admin.status_code == 200
    else:
        assert django_admin.status_code == 302 and "/admin/login/" in django_admin["Location"]
    wagtail = client.get(reverse("wagtailadmin_home"))
    if username in ("betrieb", "redaktion", "freigabe"):
        assert wagtail.status_code == 200
    else:
        assert wagtail.status_code == 302


def test_dashboard_shows_role_specific_content(demo, login, client):
    login("nordheim")
    html = client.get(reverse("start:dashboard")).content.decode()
    assert "Meine Gemeinde" in html and "08125074" in html
    assert "Ihr Anteil an den Mitteln" in html and "Personen =" in html
    assert "Eigenanteil für die Mindeststelle" in html
    assert "Brackenheim" not in html
    login("hn-koordination")
    html = client.get(reverse("start:dashboard")).content.decode()
    assert "Mein Kreis" in html and "Landkreis Heilbronn" in html and "Landkreis Göppingen" not in html
    login("land")
    html = client.get(reverse("start:dashboard")).content.decode()
    assert "Kreise im Land" in html and "Landkreis Göppingen" in html and "Landkreis Heilbronn" in html


def test_language_switch_to_english(demo, client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    assert '<html lang="en">' in response.content.decode()
    assert "Skip to content" in response.content.decode()


def test_a_gemeinde_start_page_lists_only_its_own_deadlines(client, login, demo):
    """#19: the Übersicht der Mittelverteilung is between Kreis and Land, not a Gemeinde's deadline."""
    import datetime

    import time_machine
    from django.urls import reverse

    from portal.funding.fristen import BERLIN

    with time_machine.travel(datetime.datetime(2026, 1, 10, 9, 0, tzinfo=BERLIN)):
        login("nordheim")
        gemeinde = client.get(reverse("start:dashboard")).content.decode()
        login("hn-koordination")
        kreis = client.get(reverse("start:dashboard")).content.decode()
    assert "Entscheidung der Gemeinden" in gemeinde and "Übersicht der Mittelverteilung" not in gemeinde
    assert "Übersicht der Mittelverteilung" in kreis


def test_english_mode_names_the_public_navigation_in_english(demo, client):
    """#19: the guidance pages are German; in English the menu still speaks English."""
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    nav = html.split('class="public-nav"', 1)[1].split("</nav>", 1)[0]
    for label in ("Guidance on the funding programme", "Templates", "Deadlines", "Search"):
        assert f">{label}</a>" in nav, nav
    assert "Hinweise zum Förderprogramm" not in nav
    deutsch = client.get("/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert ">Hinweise zum Förderprogramm</a>" in deutsch.split('class="public-nav"', 1)[1].split("</nav>")[0]


@pytest.mark.parametrize(
    ("heute", "erwartet"),
    [
        # until the round's deadline (31 May) the running year is paid out and last year owes its proofs
        ("2027-01-01", (2026, 2027, 2028)),
        ("2027-05-31", (2026, 2027, 2028)),
        # from 1 June the next round is open and the running year is the one in its transfer phase
        ("2027-06-01", (None, 2027, 2029)),
        ("2027-12-31", (None, 2027, 2029)),
    ],
)
def test_demo_years_follow_the_season(heute, erwartet):
    """#19: the demo's phases as the calendar allows them (``make run`` built in spring or in autumn)."""
    import datetime

    from portal.start.geschichte import demojahre

    jahre = demojahre(datetime.date.fromisoformat(heute))
    assert (jahre.nachweis, jahre.weiterleitung, jahre.offen) == erwartet
    assert (jahre.abgeschlossen, jahre.angenommen) == (jahre.offen - 3, jahre.offen - 1)
