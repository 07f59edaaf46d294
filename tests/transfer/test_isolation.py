"""Every route of the transfer pages and of viewflow's transfer back office, requested by users of
other Gemeinden and another Kreis with the ids of Nordheim's transfer: nothing of it comes back, no
POST changes it. New routes under these prefixes are covered automatically."""

import re
from decimal import Decimal

import pytest
from viewflow.workflow.models import Task

from tests.conftest import anmelden
from tests.optin.test_isolation import patterns
from tests.transfer.conftest import IBAN_NORDHEIM
from workflows.transfer import services
from workflows.transfer.models import Weiterleitung

pytestmark = pytest.mark.django_db

PREFIXES = ("portal/ablauf/weiterleitung/", "portal/weiterleitungen/")


def fill(route, w):
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
    if viewer:
        anmelden(client, user(viewer))
    geheim = [str(w), "1.234,56", "1234.56", IBAN_NORDHEIM[-6:]]
    vorher = list(Task.objects.order_by("pk").values_list("pk", "status", "owner_id")), w.status
    routes = [r for r in patterns() if r.startswith(PREFIXES)]
    assert len(routes) > 30
    for route in routes:
        path = fill(route, w)
        for method in ("get", "post"):
            response = getattr(client, method)(path)
            assert response.status_code in (200, 302, 403, 404, 405), (method, path, response.status_code)
            if response.status_code == 200:
                body = response.content.decode(errors="replace")
                for text in geheim:
                    assert text not in body, (method, path, text)
            assert response.get("Content-Type") not in ("application/pdf", "application/xml"), path
    w.refresh_from_db()
    assert (list(Task.objects.order_by("pk").values_list("pk", "status", "owner_id")), w.status) == vorher
    assert Weiterleitung.objects.count() == 1
