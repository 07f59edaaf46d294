"""Users are deactivated, never deleted; coordinators manage the users of their Kreis."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from portal.audit.models import AuditEvent
from portal.organisations.models import User

pytestmark = pytest.mark.django_db


def test_user_delete_is_refused(demo, user):
    with pytest.raises(ValidationError):
        user("nordheim").delete()
    assert User.objects.filter(username="nordheim").exists()


def test_admin_offers_no_delete(demo, login, client, user):
    login("betrieb")
    target = user("nordheim")
    assert client.get(reverse("admin:organisations_user_delete", args=[target.pk])).status_code == 403
    changelist = client.get(reverse("admin:organisations_user_changelist")).content.decode()
    assert "delete_selected" not in changelist and "deaktivieren" in changelist


def test_admin_action_deactivates_with_audit_event(demo, login, client, user):
    login("betrieb")
    target = user("goeppingen")
    client.post(
        reverse("admin:organisations_user_changelist"),
        {"action": "deaktivieren", "_selected_action": [target.pk]},
    )
    target.refresh_from_db()
    assert not target.is_active
    assert AuditEvent.objects.for_object(target).filter(aktion="benutzer.deaktiviert").exists()


def test_coordinator_deactivates_gemeinde_user_with_reason(demo, login, client, user):
    login("hn-koordination")
    target = user("nordheim")
    url = reverse("organisations:benutzer_deaktivieren", args=[target.pk])
    page = client.post(url, {"begruendung": ""})
    assert page.status_code == 200 and "Dieses Feld muss ausgefüllt werden." in page.content.decode()
    response = client.post(url, {"begruendung": "Wechsel in ein anderes Amt"})
    assert response.status_code == 302
    target.refresh_from_db()
    assert not target.is_active
    event = AuditEvent.objects.for_object(target).get(aktion="benutzer.deaktiviert")
    assert event.begruendung == "Wechsel in ein anderes Amt" and event.kreis_id == demo["hn"].pk
    # A deactivated user can no longer log in.
    client.logout()
    response = client.post(reverse("login"), {"username": "nordheim", "password": "demo-portal-2026"})
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_coordinator_cannot_deactivate_other_kreis_or_self(demo, login, client, user):
    me = login("hn-koordination")
    assert (
        client.get(reverse("organisations:benutzer_deaktivieren", args=[user("goeppingen").pk])).status_code
        == 404
    )
    assert client.get(reverse("organisations:benutzer_deaktivieren", args=[me.pk])).status_code == 403
    assert (
        client.get(reverse("organisations:benutzer_deaktivieren", args=[user("land").pk])).status_code == 404
    )


def test_gemeinde_user_cannot_deactivate_anyone(demo, login, client, user):
    login("brackenheim")
    assert (
        client.get(reverse("organisations:benutzer_deaktivieren", args=[user("nordheim").pk])).status_code
        == 404
    )
    me = user("brackenheim")
    assert client.get(reverse("organisations:benutzer_deaktivieren", args=[me.pk])).status_code == 403


def test_reactivation(demo, login, client, user):
    login("gp-koordination")
    target = user("goeppingen")
    client.post(
        reverse("organisations:benutzer_deaktivieren", args=[target.pk]), {"begruendung": "Elternzeit"}
    )
    client.post(reverse("organisations:benutzer_reaktivieren", args=[target.pk]), {"begruendung": ""})
    target.refresh_from_db()
    assert target.is_active
    assert AuditEvent.objects.for_object(target).filter(aktion="benutzer.reaktiviert").exists()


def test_membership_must_match_role(demo, user):
    from portal.organisations.models import Mitgliedschaft

    m = Mitgliedschaft(user=user("redaktion"), rolle="gemeinde", kreis=demo["hn"])
    with pytest.raises(ValidationError) as excinfo:
        m.full_clean()
    assert "gemeinde" in excinfo.value.message_dict and "kreis" in excinfo.value.message_dict


def test_gemeinde_in_at_most_one_verbund_per_year(demo):
    from django.db import IntegrityError, transaction

    from portal.organisations.models import Verbund, VerbundMitglied

    other = Verbund.objects.create(kreis=demo["hn"], name="Zweiter Verbund", federfuehrend=demo["nordheim"])
    with pytest.raises(IntegrityError), transaction.atomic():
        VerbundMitglied.objects.create(verbund=other, gemeinde=demo["brackenheim"], jahr=2025)
    VerbundMitglied.objects.create(verbund=other, gemeinde=demo["brackenheim"], jahr=2027)
