"""Every route of the proof, Kennzahlen and cockpit pages and of viewflow's proof back office,
requested by users of other Gemeinden and another Kreis with the ids of Nordheim's proof: nothing of it
comes back and no POST changes it. Also: the dashboard shows each role its next proof step."""

import re

import pytest
from django.urls import reverse
from viewflow.workflow.models import Task

from portal.organisations.models import User
from tests.conftest import anmelden
from tests.prozesswege import durchlaufen, erwartung, routen

pytestmark = pytest.mark.django_db

#: The proof, Kennzahlen and cockpit pages for a logged-in viewer of another tenant (Nordheim's proof):
#: route -> (GET, POST); ``None`` where the answer depends on the viewer (``portal_erwartet``).
PORTAL = {
    "portal/nachweise/": (200, 405),  # the viewer's own list
    "portal/nachweise/<int:pk>/": (404, 404),
    "portal/nachweise/<int:pk>/<str:art>.pdf": (404, 405),
    "portal/nachweise/<int:pk>/rueckforderungsbescheid.pdf": (404, 405),
    "portal/nachweise/<int:pk>/bearbeiten/": (404, 404),
    "portal/nachweise/jahr/<int:pk>/": (404, 404),
    "portal/nachweise/jahr/<int:pk>/gesamt.<str:format>": (404, 405),
    "portal/nachweise/jahr/<int:pk>/pruefakte.zip": (404, 405),
    "portal/kennzahlen/": (200, 405),
    "portal/kennzahlen/cockpit/": (200, 405),
    "portal/kennzahlen/jahr/<int:pk>/": (404, 405),
    "portal/kennzahlen/jahr/<int:pk>/<int:gemeinde>/": (404, 404),
    "portal/kennzahlen/land/": (None, 405),  # the overview of the viewer's own Kreis; none for a Gemeinde
}


def landesuebersicht(viewer) -> int:
    """The Kennzahlen overview of Kreise: a Gemeinde is refused, a Kreis role sees its own."""
    return 403 if User.objects.get(username=viewer).audit_tenant[1] else 200


PREFIXES = ("portal/ablauf/nachweis/", "portal/nachweise/", "portal/kennzahlen/")


def fill(route, n):
    node = re.search(r"<int:process_pk>/(\w+)/<int:task_pk>", route)
    task = None
    if node:
        task = Task.objects.filter(process=n.prozess.pk, flow_task__endswith=f".{node.group(1)}").first()
        task = task or Task.objects.filter(process=n.prozess.pk).first()
    path = route.replace("<int:process_pk>", str(n.prozess.pk)).replace(
        "<int:task_pk>", str(task.pk if task else 0)
    )
    path = (
        path.replace("<int:gemeinde>", str(n.gemeinde_id))
        .replace("<str:format>", "xlsx")
        .replace("<str:art>", "sachbericht")
    )
    path = path.replace("<int:pk>", str(n.foerderjahr_id if "jahr/<int:pk>" in route else n.pk))
    assert "<" not in path, route
    return "/" + path


@pytest.mark.parametrize("viewer", ["brackenheim", "goeppingen", "gp-koordination", "gp-finanzen", None])
def test_no_route_shows_or_changes_another_tenants_proof(client, user, nachweis, viewer):
    if viewer:
        anmelden(client, user(viewer))
    geheim = [str(nachweis), f"#{nachweis.prozess.pk}/"]
    vorher = list(Task.objects.order_by("pk").values_list("pk", "status", "owner_id")), nachweis.status
    routes = list(routen(PREFIXES))
    assert len(routes) > 25
    erwartet = erwartung(routes, PORTAL, viewer, PREFIXES, lambda route, method: landesuebersicht(viewer))

    def pruefen(method, path, response):
        if response.status_code == 200 and "spreadsheet" not in response.get("Content-Type", ""):
            body = response.content.decode(errors="replace")
            for text in geheim:
                assert text not in body, (method, path, text)
        if viewer in ("brackenheim", "goeppingen", None):
            assert "spreadsheet" not in response.get("Content-Type", ""), path

    durchlaufen(client, routes, lambda route: fill(route, nachweis), erwartet, pruefen)
    nachweis.refresh_from_db()
    assert (
        list(Task.objects.order_by("pk").values_list("pk", "status", "owner_id")),
        nachweis.status,
    ) == vorher


def test_dashboard_shows_the_next_proof_step(client, login, nachweis, user):
    login("nordheim")
    assert (
        f"Verwendungsnachweis einreichen: {nachweis}"
        in client.get(reverse("start:dashboard")).content.decode()
    )
