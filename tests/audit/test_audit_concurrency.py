"""Two transactions appending to the audit chain at the same time still leave one intact chain."""

import threading

import pytest
from django.db import connection, transaction

from portal.audit.models import AuditEvent
from portal.audit.services import record_event
from portal.audit.verify import verify_chain
from portal.organisations.models import Gemeinde

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_writers_keep_the_chain_intact(demo, postgres_only):
    gemeinde_ids = list(Gemeinde.objects.values_list("pk", flat=True)[:2])
    before = AuditEvent.objects.count()
    barrier = threading.Barrier(2)
    errors = []

    def writer(gemeinde_id):
        try:
            gemeinde = Gemeinde.objects.get(pk=gemeinde_id)
            barrier.wait(timeout=10)
            for _ in range(10):
                with transaction.atomic():
                    record_event("organisation.geaendert", gemeinde)
        except Exception as e:  # noqa: BLE001 – reported below
            errors.append(e)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(pk,)) for pk in gemeinde_ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    assert AuditEvent.objects.count() == before + 20
    result = verify_chain()
    assert result.ok, result
    hashes = list(AuditEvent.objects.values_list("vorheriger_hash", flat=True))
    assert len(hashes) == len(set(hashes)), "two events share a predecessor: the chain forked"
