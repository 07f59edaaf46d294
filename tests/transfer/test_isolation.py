"""Every route of the transfer pages and of viewflow's transfer back office, requested by users of
other Gemeinden and another Kreis with the ids of Nordheim's transfer: nothing of it comes back, no
POST changes it; every route answers with exactly the refusal tests/prozesswege.py prescribes. New routes
under these prefixes are walked automatically (a new portal page needs its line in PORTAL)."""

import re
from decimal import Decimal

import pytest
from django.utils import timezone
from viewflow.workflow.models import Task

from tests.conftest import anmelden
from tests.prozesswege import durchlaufen, erwartung, routen
from tests.transfer.conftest import IBAN_NORDHEIM
from workflows.transfer import services, zahlungslauf
from workflows.transfer.models import Weiterleitung, Zahlungslauf

pytestmark = pytest.mark.django_db

#: The transfer pages for a logged-in viewer of another tenant (Nordheim's transfer): route -> (GET,
#: POST); ``None`` where the answer depends on the viewer (``portal_erwartet``).
PORTAL = {
    "portal/weiterleitungen/": (200, 405),  # the viewer's own list
    "portal/weiterleitungen/<int:pk>/": (404, 404),
    "portal/weiterleitungen/<int:pk>/<str:art>.pdf": (404, 405),
    "portal/weiterleitungen/jahr/<int:pk>/": (404, 404),
    "portal/weiterleitungen/jahr/<int:pk>/export.<str:format>": (404, 405),
    "portal/weiterleitungen/jahr/<int:pk>/vorbereiten/<int:entscheidung>/": (404, 404),
    "portal/weiterleitungen/jahr/<int:pk>/zahlungslauf/": (405, 404),
    "portal/weiterleitungen/zahlungslauf/<int:pk>.xml": (404, 405),
    "portal/weiterleitungen/zahlungslauf/<int:pk>/stornieren/": (405, 404),
}


PREFIXES = ("portal/ablauf/weiterleitung/", "portal/weiterleitungen/")


def fill(route, w, lauf):
    process = w.prozess
    node = re.search(r"<int:process_pk>/(\w+)/<int:task_pk>", route)
    task = None
    if node:
        task = Task.objects.filter(process=process.pk, flow_task__endswith=f".{node.group(1)}").first()
        task = task or Task.objects.filter(process=process.pk).first()
    path = route.replace("<int:process_pk>", str(process.pk)).replace(
        "<int:task_pk>", str(task.pk if task else 0)
    )
    path = path.replace("<int:entscheidung>", str(w.entscheidung_id))
    path = path.replace("<str:format>", "xml").replace("<str:art>", "anordnung")
    if "zahlungslauf/<int:pk>" in route:
        path = path.replace("<int:pk>", str(lauf.pk))
    path = path.replace("<int:pk>", str(w.foerderjahr_id if "jahr/<int:pk>" in route else w.pk))
    assert "<" not in path, route
    return "/" + path


@pytest.mark.parametrize("viewer", ["brackenheim", "goeppingen", "gp-koordination", "gp-finanzen", None])
def test_no_route_shows_or_changes_another_tenants_transfer(client, user, fj, nordheim, viewer):
    services.auszahlung_erfassen(fj, fj.frist_uebersicht, Decimal("50000"), "RP", user("hn-koordination"))
    w = services.vorbereiten(
        nordheim,
        services.Zahlungsdaten(Decimal("1234.56"), "bescheid", "N", IBAN_NORDHEIM),
        user("hn-koordination"),
    )
    services.freigeben(w, user("hn-koordination2"))
    w.refresh_from_db()
    lauf = zahlungslauf.anlegen(fj, timezone.localdate(), user("hn-finanzen"))
    if viewer:
        anmelden(client, user(viewer))
    geheim = [str(w), "1.234,56", "1234.56", IBAN_NORDHEIM[-6:]]
    vorher = list(Task.objects.order_by("pk").values_list("pk", "status", "owner_id")), w.status
    routes = list(routen(PREFIXES))
    assert len(routes) > 30
    erwartet = erwartung(routes, PORTAL, viewer, PREFIXES)

    def pruefen(method, path, response):
        if response.status_code == 200:
            body = response.content.decode(errors="replace")
            for text in geheim:
                assert text not in body, (method, path, text)
        assert response.get("Content-Type") not in ("application/pdf", "application/xml"), path

    durchlaufen(client, routes, lambda route: fill(route, w, lauf), erwartet, pruefen)
    w.refresh_from_db()
    assert (list(Task.objects.order_by("pk").values_list("pk", "status", "owner_id")), w.status) == vorher
    assert Weiterleitung.objects.count() == 1
    lauf.refresh_from_db()
    assert not lauf.storniert and Zahlungslauf.objects.count() == 1
