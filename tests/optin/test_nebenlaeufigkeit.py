"""On PostgreSQL: two coordinators accept the same decision at the same moment; exactly one succeeds."""

import threading

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from portal.audit.models import AuditEvent
from tests.optin.conftest import VOR_DER_FRIST, allein
from workflows.optin import services
from workflows.optin.flows import EntscheidungFlow
from workflows.optin.models import Entscheidung, Status

pytestmark = pytest.mark.django_db(transaction=True)


@time_machine.travel(VOR_DER_FRIST, tick=True)
def test_two_coordinators_accepting_at_once_yield_one_acceptance(demo, user, postgres_only):
    e = Entscheidung.objects.get(gemeinde=demo["nordheim"], foerderjahr__jahr=2028)
    services.einreichen(
        e,
        allein("0.50"),
        user("nordheim"),
    )
    barrier = threading.Barrier(2)
    results = []

    def accept(username):
        try:
            coordinator = user(username)
            entscheidung = Entscheidung.objects.get(pk=e.pk)
            barrier.wait(timeout=10)
            services.pruefen(entscheidung, True, "", coordinator)
            results.append(("ok", username))
        except (ValidationError, PermissionDenied) as exc:
            results.append(("refused", str(exc)))
        except Exception as exc:  # noqa: BLE001 – reported below
            results.append(("error", repr(exc)))
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(u,)) for u in ("hn-koordination", "hn-koordination2")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(r[0] for r in results) == ["ok", "refused"], results
    e.refresh_from_db()
    assert e.status == Status.ANGENOMMEN
    assert AuditEvent.objects.filter(aktion="entscheidung.angenommen", objekt_id=str(e.pk)).count() == 1
    assert e.prozess.task_set.filter(flow_task=EntscheidungFlow.instance.pruefen).count() == 1
    assert e.prozess.status == "DONE"
