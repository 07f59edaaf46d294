"""On PostgreSQL: the four-eyes approval under concurrency. Two coordinators approving the same
transfer yield one approval; two approvals of different transfers that together exceed the Land's
payout yield exactly one (the Förderjahr row serialises them)."""

import threading
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from portal.organisations.models import Mitgliedschaft
from tests.transfer.conftest import IBAN_NORDHEIM
from workflows.transfer import services
from workflows.transfer.models import Weiterleitung

pytestmark = pytest.mark.django_db(transaction=True)


def gleichzeitig(*aufrufe):
    """Run the callables at the same moment in threads; return "ok"/"refused"/"error: …" per call."""
    barrier = threading.Barrier(len(aufrufe))
    results = [None] * len(aufrufe)

    def run(i, aufruf):
        try:
            barrier.wait(timeout=10)
            aufruf()
            results[i] = "ok"
        except (ValidationError, PermissionDenied):
            results[i] = "refused"
        except Exception as exc:  # noqa: BLE001 – reported by the assertion
            results[i] = f"error: {exc!r}"
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(aufrufe)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


@pytest.fixture
def dritte_koordinatorin(demo):
    user = get_user_model().objects.create(username="hn-koordination3", email="k3@example.org")
    Mitgliedschaft.objects.create(user=user, rolle="koordination", kreis=demo["hn"])
    return user


def test_two_coordinators_approving_at_once_yield_one_approval(
    fj, nordheim, user, dritte_koordinatorin, postgres_only
):
    services.auszahlung_erfassen(fj, fj.frist_uebersicht, Decimal("50000"), "RP", user("hn-koordination"))
    w = services.vorbereiten(
        nordheim,
        services.Zahlungsdaten(Decimal("1000.00"), "bescheid", "N", IBAN_NORDHEIM),
        user("hn-koordination"),
    )
    a, b = user("hn-koordination2"), dritte_koordinatorin
    results = gleichzeitig(
        lambda: services.freigeben(Weiterleitung.objects.get(pk=w.pk), a),
        lambda: services.freigeben(Weiterleitung.objects.get(pk=w.pk), b),
    )
    assert sorted(results) == ["ok", "refused"], results
    w.refresh_from_db()
    assert w.status == "freigegeben"
    assert w.prozess.task_set.filter(flow_task__endswith=".auszahlen").count() == 1


def test_concurrent_approvals_never_exceed_the_payout(fj, nordheim, demo, user, postgres_only):
    import time_machine

    from tests.optin.conftest import VOR_DER_FRIST, allein
    from workflows.optin import services as optin
    from workflows.optin.models import Entscheidung

    lauffen = Entscheidung.objects.get(gemeinde__name="Lauffen am Neckar", foerderjahr=fj)
    u = get_user_model().objects.create(username="lauffen")
    Mitgliedschaft.objects.create(user=u, rolle="gemeinde", gemeinde=lauffen.gemeinde)
    with time_machine.travel(VOR_DER_FRIST):
        optin.einreichen(
            lauffen,
            allein("1.00"),
            u,
        )
        optin.pruefen(lauffen, True, "", user("hn-koordination"))
    services.auszahlung_erfassen(fj, fj.frist_uebersicht, Decimal("30000.00"), "RP", user("hn-koordination"))
    erste = services.vorbereiten(
        nordheim,
        services.Zahlungsdaten(Decimal("20000.00"), "bescheid", "N", IBAN_NORDHEIM),
        user("hn-koordination"),
    )
    zweite = services.vorbereiten(
        lauffen,
        services.Zahlungsdaten(Decimal("20000.00"), "bescheid", "L", IBAN_NORDHEIM),
        user("hn-koordination"),
    )
    approver = user("hn-koordination2")
    results = gleichzeitig(
        lambda: services.freigeben(Weiterleitung.objects.get(pk=erste.pk), approver),
        lambda: services.freigeben(Weiterleitung.objects.get(pk=zweite.pk), approver),
    )
    assert sorted(results) == ["ok", "refused"], results
    assert services.gebunden(fj) == Decimal("20000.00") <= services.ausgezahlt_vom_land(fj)
