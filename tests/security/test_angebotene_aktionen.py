"""#19: a page offers only what the reader may do – no link or button that ends in "Keine Berechtigung"."""

import pytest
from django.urls import reverse

from portal.funding.models import Foerderjahr

pytestmark = pytest.mark.django_db


def test_users_are_deactivated_by_those_who_manage_accesses_not_by_the_land(client, login, demo):
    login("land")
    seite = client.get(reverse("organisations:benutzer")).content.decode()
    assert "Verlauf" in seite and "/deaktivieren/" not in seite
    login("hn-koordination")
    assert "/deaktivieren/" in client.get(reverse("organisations:benutzer")).content.decode()


def test_only_the_coordination_is_offered_to_invite_the_gemeinden_without_access(client, login, demo):
    fj = Foerderjahr.objects.get(kreis=demo["hn"], jahr=2028)
    url = reverse("optin:register", args=[fj.pk])
    einladen = reverse("organisations:einladungen")
    for name in ("hn-finanzen", "land"):
        login(name)
        seite = client.get(url).content.decode()
        assert "Wer fehlt?" in seite, name
        assert f'href="{einladen}"' not in seite and "Einladen kann die koordinierende Stelle" in seite
    login("hn-koordination")
    assert f'href="{einladen}"' in client.get(url).content.decode()


def test_target_group_counts_are_changed_by_the_kreis_read_by_the_others(client, login, demo):
    fj = Foerderjahr.objects.get(kreis=demo["hn"], jahr=2026)
    url = reverse("funding:meldungen", args=[fj.pk])
    login("hn-koordination")
    assert "ansehen / ändern" in client.get(url).content.decode()
    for name in ("nordheim", "land"):
        login(name)
        seite = client.get(url).content.decode()
        assert ">ansehen<" in seite and "ändern" not in seite and ">melden<" not in seite, name


def test_a_gemeinde_corrects_its_count_until_the_deadline_then_reads_it(client, login, demo):
    """The link follows the rule ``meldung.erfassen``: until 31.10.2026 24:00 (2028's deadline)."""
    import datetime

    import time_machine

    from portal.funding.fristen import BERLIN

    fj = Foerderjahr.objects.get(kreis=demo["hn"], jahr=2028)
    url = reverse("funding:meldungen", args=[fj.pk])
    with time_machine.travel(datetime.datetime(2026, 10, 31, 23, 59, tzinfo=BERLIN)):
        login("nordheim")
        assert "ansehen / ändern" in client.get(url).content.decode()
    with time_machine.travel(datetime.datetime(2026, 11, 1, 0, 0, tzinfo=BERLIN)):
        login("nordheim")
        seite = client.get(url).content.decode()
    assert ">ansehen<" in seite and "ändern" not in seite
