"""Tenant isolation of the decision process: every URL pattern of the viewflow back office and of the
decision pages, requested as users of two Gemeinden and two Kreise (and anonymously) with the ids of
another tenant's process, task, decision or Förderjahr. Nothing of the other tenant comes back, and no
POST changes anything. New routes under these prefixes are covered automatically."""

import re

import pytest
from django.urls import reverse
from viewflow.workflow.models import Task

from portal.organisations.models import User
from tests.conftest import anmelden
from tests.prozesswege import durchlaufen, erwartung, routen
from workflows.optin.models import Entscheidung, Partnerbestaetigung

pytestmark = pytest.mark.django_db

PREFIXES = ("portal/ablauf/", "portal/entscheidungen/")
EIGENE_ABLAEUFE = ("portal/ablauf/entscheidung/", "portal/ablauf/bestaetigung/")

#: The decision pages for a logged-in viewer of another tenant: route -> (GET, POST). ``None`` where the
#: answer depends on the viewer (see ``portal_erwartet``).
PORTAL = {
    "portal/entscheidungen/": (None, 405),  # a Gemeinde is sent to its own decision, the Kreis sees its list
    "portal/entscheidungen/<int:pk>/": (404, 405),
    "portal/entscheidungen/<int:pk>/bearbeiten/": (404, 404),
    "portal/entscheidungen/<int:pk>/beschluss.pdf": (404, 405),
    "portal/entscheidungen/<int:pk>/beschlussvorlage.docx": (404, 405),
    "portal/entscheidungen/<int:pk>/pruefen/": (405, 404),
    "portal/entscheidungen/<int:pk>/wieder-oeffnen/": (405, 404),
    "portal/entscheidungen/bestaetigung/<int:pk>/": (404, 404),
    "portal/entscheidungen/jahr/<int:pk>/": (404, 405),
    # a Gemeinde of the same Kreis sees the year, may not open the round: back to the year page
    "portal/entscheidungen/jahr/<int:pk>/eroeffnen/": (405, None),
}


def patterns():
    """The routes of the decision process (and the other flows' back office, with a decision's ids)."""
    return routen(PREFIXES)


def vom_betrachter_abhaengig(route, viewer, fremd) -> int:
    kreis_id, gemeinde_id = User.objects.get(username=viewer).audit_tenant
    if route == "portal/entscheidungen/":
        return 302 if gemeinde_id else 200
    return 302 if gemeinde_id and kreis_id == fremd.foerderjahr.kreis_id else 404


def fill(route: str, fremd: Entscheidung) -> str:
    """The route with the other tenant's ids: its process, a task of the node named in the route, its
    decision, Förderjahr or partner confirmation."""
    if "/ablauf/bestaetigung/" in route:
        bestaetigung = (
            Partnerbestaetigung.objects.filter(entscheidung__foerderjahr=fremd.foerderjahr)
            .exclude(gemeinde=fremd.gemeinde)
            .first()
            or Partnerbestaetigung.objects.filter(gemeinde=fremd.gemeinde).first()
        )
        process = bestaetigung.prozess if bestaetigung else None
    else:
        process = fremd.prozess
    if "<int:process_pk>" in route and process is None:
        return ""
    node = re.search(r"<int:process_pk>/(\w+)/<int:task_pk>", route)
    task = None
    if node:
        task = (
            Task.objects.filter(
                process=process.pk,
                flow_task=f"{process.flow_class.__module__}/{process.flow_class.__name__}.{node.group(1)}",
            ).first()
            or Task.objects.filter(process=process.pk).first()
        )
    path = route.replace("<int:process_pk>", str(process.pk) if process else "0")
    path = path.replace("<int:task_pk>", str(task.pk) if task else "0")
    if "jahr/<int:pk>" in route:
        path = path.replace("<int:pk>", str(fremd.foerderjahr.pk))
    elif "bestaetigung/<int:pk>" in route:
        b = (
            Partnerbestaetigung.objects.filter(entscheidung=fremd).first()
            or Partnerbestaetigung.objects.filter(gemeinde=fremd.gemeinde).first()
        )
        path = path.replace("<int:pk>", str(b.pk) if b else "0")
    else:
        path = path.replace("<int:pk>", str(fremd.pk))
    assert "<" not in path, route
    return "/" + path


def zustand():
    return (
        list(Task.objects.order_by("pk").values_list("pk", "status", "owner_id")),
        list(Entscheidung.objects.order_by("pk").values_list("pk", "status")),
        list(Partnerbestaetigung.objects.order_by("pk").values_list("pk", "antwort")),
    )


# (viewer, owner of the data): two Gemeinden of one Kreis, Gemeinden of two Kreise, two Kreise
PAARE = [
    ("nordheim", "Brackenheim"),  # same Kreis; Nordheim is no partner of the Verbund Zabergäu
    ("nordheim", "Göppingen"),
    ("goeppingen", "Nordheim"),
    ("gueglingen", "Nordheim"),
    ("hn-koordination", "Göppingen"),
    ("gp-koordination", "Nordheim"),
    ("hn-finanzen", "Göppingen"),
    (None, "Nordheim"),
]


def test_every_route_is_covered():
    routes = list(patterns())
    assert len(routes) > 60
    assert set(PORTAL) == {r for r in routes if r.startswith("portal/entscheidungen/")}
    for expected in (
        "portal/ablauf/entscheidung/<int:process_pk>/chart/",
        "portal/entscheidungen/<int:pk>/beschluss.pdf",
    ):
        assert expected in routes


@pytest.mark.parametrize(("viewer", "owner"), PAARE, ids=[f"{v}->{o}" for v, o in PAARE])
def test_no_route_shows_or_changes_another_tenants_process(client, user, entscheidung, viewer, owner):
    fremd = entscheidung(owner)
    if viewer:
        anmelden(client, user(viewer))
    geheim = [str(fremd), fremd.gemeinde.ags, f"#{fremd.prozess.pk}"]
    vorher = zustand()
    alle = list(patterns())
    erwartet = erwartung(
        alle,
        PORTAL,
        viewer,
        EIGENE_ABLAEUFE,
        lambda route, method: vom_betrachter_abhaengig(route, viewer, fremd),
    )

    def pruefen(method, path, response):
        if response.status_code == 302 and not response.url.startswith("/anmelden/"):
            assert not response.url.startswith(fremd.get_absolute_url()), (method, path, response.url)
            assert "/bearbeiten/" not in response.url
        if response.status_code == 200 and response.get("Content-Type", "").startswith(
            ("text/html", "image/svg")
        ):
            body = response.content.decode()
            for text in geheim:
                assert text not in body, (method, path, text)
        assert response.get("Content-Type") != "application/pdf", path

    checked = durchlaufen(client, alle, lambda route: fill(route, fremd), erwartet, pruefen)
    assert checked > 120
    assert zustand() == vorher


def test_the_back_office_is_the_operators_and_tasks_live_on_the_portals_pages(client, login, entscheidung):
    """#19: viewflow's back office is refused to everybody but the operator – the owner of a process
    too, with a pointer to the portal's own task list, which offers the task; the operator sees it."""
    e = entscheidung("Nordheim")
    task = e.prozess.task_set.get(flow_task__endswith=".abgeben")
    login("nordheim")
    for path in (
        f"/portal/ablauf/entscheidung/{e.prozess.pk}/",
        f"/portal/ablauf/entscheidung/{e.prozess.pk}/chart/",
        f"/portal/ablauf/entscheidung/{e.prozess.pk}/abgeben/{task.pk}/",
        "/portal/ablauf/entscheidung/flows/",
        "/portal/ablauf/entscheidung/queue/",
    ):
        response = client.get(path)
        assert response.status_code == 403, path
        assert "Offene Aufgaben" in response.content.decode()
    start = client.get(reverse("start:dashboard")).content.decode()
    assert (
        e.get_absolute_url() in start
        and "Back-Office" not in client.get(e.get_absolute_url()).content.decode()
    )

    login("betrieb")
    assert client.get(f"/portal/ablauf/entscheidung/{e.prozess.pk}/").status_code == 200
    queue = client.get("/portal/ablauf/entscheidung/queue/")
    assert queue.status_code == 200
