"""Changes made in the Django admin are in the audit trail like those in the portal: granting a role in
the membership inline, the superuser and staff flags, a password set by the operator, a Verbund member.
Each event is written in the admin's transaction, and the chain still verifies."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse

from portal.audit.models import AuditEvent
from portal.organisations.models import Mitgliedschaft

pytestmark = pytest.mark.django_db


def formular(client, url) -> dict:
    """The admin form's current values, as a browser would send them back unchanged."""
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    form = soup.find("form", id=lambda i: i and i.endswith("_form"))
    daten: dict[str, list[str] | str] = {}
    for feld in form.find_all(["input", "select", "textarea"]):
        name = feld.get("name")
        if not name or feld.get("type") in ("submit", "button", "file"):
            continue
        if feld.name == "select":
            werte = [o.get("value", "") for o in feld.find_all("option") if o.has_attr("selected")]
            if feld.has_attr("multiple"):
                daten[name] = werte
            else:
                daten[name] = werte[0] if werte else ""
        elif feld.get("type") == "checkbox":
            if feld.has_attr("checked"):
                daten[name] = feld.get("value", "on")
        elif feld.name == "textarea":
            daten[name] = feld.text
        else:
            daten[name] = feld.get("value", "")
    return daten


def test_granting_a_role_and_superuser_in_the_admin_is_audited(client, login, user, demo):
    login("betrieb")
    ziel = user("goeppingen")
    url = reverse("admin:organisations_user_change", args=[ziel.pk])
    daten = formular(client, url)
    n = int(daten["mitgliedschaften-TOTAL_FORMS"])
    daten.update(
        {
            "is_superuser": "on",
            "mitgliedschaften-TOTAL_FORMS": str(n + 1),
            f"mitgliedschaften-{n}-rolle": "koordination",
            f"mitgliedschaften-{n}-kreis": str(demo["gp"].pk),
            f"mitgliedschaften-{n}-aktiv": "on",
            f"mitgliedschaften-{n}-user": str(ziel.pk),
        }
    )
    response = client.post(url, daten)
    assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").select(".errorlist")
    ziel.refresh_from_db()
    assert ziel.is_superuser
    geaendert = AuditEvent.objects.for_object(ziel).get(aktion="benutzer.geaendert")
    assert geaendert.aenderungen == {"is_superuser": {"vorher": False, "nachher": True}}
    assert geaendert.actor.username == "betrieb"
    rolle = Mitgliedschaft.objects.get(user=ziel, rolle="koordination")
    erteilt = AuditEvent.objects.for_object(rolle).get(aktion="mitgliedschaft.erteilt")
    assert erteilt.kreis_id == demo["gp"].pk  # the Kreis sees in its own trail who got rights in it
    assert erteilt.aenderungen["rolle"] == {"vorher": None, "nachher": "koordination"}

    # revoking the role (aktiv off) is an event too
    daten = formular(client, url)
    index = next(k.split("-")[1] for k, v in daten.items() if k.endswith("-id") and v == str(rolle.pk))
    daten.pop(f"mitgliedschaften-{index}-aktiv")
    assert client.post(url, daten).status_code == 302
    entzogen = AuditEvent.objects.for_object(rolle).get(aktion="mitgliedschaft.geaendert")
    assert entzogen.aenderungen == {"aktiv": {"vorher": True, "nachher": False}}
    call_command("verify_audit")


def test_a_password_set_by_the_operator_is_audited_without_the_password(client, login, user):
    login("betrieb")
    ziel = user("brackenheim")
    url = reverse("admin:organisations_user_changelist") + f"{ziel.pk}/password/"
    response = client.post(
        url, {"password1": "Neu-und-lang-2026!", "password2": "Neu-und-lang-2026!", "usable_password": "true"}
    )
    assert response.status_code == 302
    event = AuditEvent.objects.for_object(ziel).get(aktion="benutzer.passwort_gesetzt")
    assert event.actor.username == "betrieb"
    assert "Neu-und-lang" not in str(event.aenderungen) + event.begruendung
