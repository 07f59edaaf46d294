"""Tenant isolation: every role sees its own scope and nothing of another Gemeinde or Kreis."""

import pytest
from django.urls import reverse

from portal.audit.models import AuditEvent
from portal.funding.models import Foerderjahr
from portal.organisations.models import Gemeinde, Kreis, Traeger, User, Verbund

pytestmark = pytest.mark.django_db


def test_gemeinde_user_sees_only_own_gemeinde(demo, user):
    nordheim = user("nordheim")
    assert list(Gemeinde.objects.visible_to(nordheim)) == [demo["nordheim"]]
    assert not Gemeinde.objects.visible_to(nordheim).filter(pk=demo["brackenheim"].pk).exists()
    assert not Gemeinde.objects.visible_to(user("goeppingen")).filter(kreis=demo["hn"]).exists()


def test_gemeinde_user_sees_own_kreis_published_years_only(demo, user, login):
    nordheim = user("nordheim")
    years = Foerderjahr.objects.visible_to(nordheim)
    assert {fj.kreis for fj in years} == {demo["hn"]}
    neuestes = Foerderjahr.objects.get(kreis=demo["hn"], jahr=2028)
    from portal.funding.services import foerderjahr_fortschreiben

    entwurf = foerderjahr_fortschreiben(neuestes, user("hn-koordination"))
    assert entwurf.status == Foerderjahr.Status.ENTWURF
    assert not Foerderjahr.objects.visible_to(nordheim).filter(pk=entwurf.pk).exists()
    assert Foerderjahr.objects.visible_to(user("hn-koordination")).filter(pk=entwurf.pk).exists()


def test_verbund_visible_to_members_and_kreis_only(demo, user):
    verbund = Verbund.objects.get()
    assert Verbund.objects.visible_to(user("brackenheim")).filter(pk=verbund.pk).exists()
    assert not Verbund.objects.visible_to(user("nordheim")).exists()
    assert Verbund.objects.visible_to(user("hn-koordination")).filter(pk=verbund.pk).exists()
    assert not Verbund.objects.visible_to(user("gp-koordination")).exists()


def test_kreis_users_never_see_the_other_kreis(demo, user):
    for name in ("hn-koordination", "hn-finanzen"):
        u = user(name)
        assert list(Kreis.objects.visible_to(u)) == [demo["hn"]]
        assert set(Gemeinde.objects.visible_to(u).values_list("kreis", flat=True)) == {demo["hn"].pk}
        assert Gemeinde.objects.visible_to(u).count() == 46
        assert not Foerderjahr.objects.visible_to(u).filter(kreis=demo["gp"]).exists()
        assert not Traeger.objects.visible_to(u).filter(kreis=demo["gp"]).exists()
        assert not AuditEvent.objects.visible_to(u).filter(kreis=demo["gp"]).exists()
    assert Gemeinde.objects.visible_to(user("gp-koordination")).count() == 38


def test_land_and_operator_see_everything(demo, user):
    for name in ("land", "betrieb"):
        u = user(name)
        assert Kreis.objects.visible_to(u).count() == 2
        assert Gemeinde.objects.visible_to(u).count() == 84
        assert Foerderjahr.objects.visible_to(u).count() == 8  # 2025 to 2028 of both Kreise


def test_redaktion_and_anonymous_see_no_domain_data(demo, user):
    from django.contrib.auth.models import AnonymousUser

    for u in (user("redaktion"), AnonymousUser()):
        assert not Gemeinde.objects.visible_to(u).exists()
        assert not Foerderjahr.objects.visible_to(u).exists()
        assert not AuditEvent.objects.visible_to(u).exists()


def test_deactivated_membership_removes_access(demo, user):
    u = user("nordheim")
    u.mitgliedschaften.update(aktiv=False)
    u = User.objects.get(pk=u.pk)
    assert not Gemeinde.objects.visible_to(u).exists()


def test_users_list_is_scoped(demo, user):
    hn = set(User.objects.visible_to(user("hn-koordination")).values_list("username", flat=True))
    assert {"nordheim", "brackenheim", "hn-finanzen", "hn-koordination2"} <= hn
    assert not hn & {"goeppingen", "gp-koordination", "land", "betrieb"}
    assert set(User.objects.visible_to(user("nordheim")).values_list("username", flat=True)) == {"nordheim"}


# --- the same rules through the UI: other tenants' ids give 404 -------------------------------------
def other_tenant_urls(demo):
    gp_year = Foerderjahr.objects.get(kreis=demo["gp"], jahr=2025)
    return [
        reverse("organisations:gemeinde", args=[demo["goeppingen"].pk]),
        reverse("funding:detail", args=[gp_year.pk]),
        reverse("funding:edit", args=[gp_year.pk]),
        reverse("audit:object", args=["funding.foerderjahr", gp_year.pk]),
        reverse("audit:object", args=["organisations.gemeinde", demo["goeppingen"].pk]),
    ]


@pytest.mark.parametrize("username", ["nordheim", "brackenheim", "hn-koordination", "hn-finanzen"])
def test_heilbronn_users_get_404_for_goeppingen_objects(demo, login, client, username):
    login(username)
    for url in other_tenant_urls(demo):
        response = client.get(url)
        assert response.status_code == 404, url


def test_gemeinde_cannot_open_neighbour_in_same_kreis(demo, login, client):
    login("nordheim")
    assert client.get(reverse("organisations:gemeinde", args=[demo["brackenheim"].pk])).status_code == 404
    assert client.get(reverse("organisations:gemeinde", args=[demo["nordheim"].pk])).status_code == 200
    page = client.get(reverse("organisations:gemeinden")).content.decode()
    assert "Nordheim" in page and "Brackenheim" not in page


def test_lists_show_only_own_kreis(demo, login, client):
    login("gp-koordination")
    page = client.get(reverse("organisations:gemeinden") + "?q=&kreis=" + str(demo["hn"].pk)).content.decode()
    assert "Nordheim" not in page
    page = client.get(reverse("funding:list")).content.decode()
    assert "Landkreis Göppingen" in page and "Landkreis Heilbronn" not in page
    page = client.get(reverse("audit:list")).content.decode()
    assert "Landkreis Heilbronn" not in page


def test_anonymous_is_sent_to_login(demo, client):
    for url in (
        reverse("start:dashboard"),
        reverse("funding:list"),
        reverse("audit:list"),
        reverse("organisations:gemeinden"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), url
