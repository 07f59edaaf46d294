"""A Landkreis gives access itself: the coordinator invites by e-mail (one-time link, seven days,
revocable), grants roles, and a power role takes effect only when a second coordinator confirms it.
Password reset by e-mail, and a password the operator chose must be changed at first login."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from portal.audit.models import AuditEvent
from portal.organisations.models import Einladung, Gemeinde, Mitgliedschaft, User
from tests.conftest import anmelden

pytestmark = pytest.mark.django_db

PASSWORT = "Kreiskasse-Frühling-2027"


def einladen(client, demo, **werte):
    daten = {
        "vorname": "Vera",
        "nachname": "Neu",
        "email": "vera.neu@lra-hn.example",
        "rolle": "koordination",
    }
    daten.update(kreis=demo["hn"].pk, **werte)
    return client.post(reverse("organisations:einladungen"), daten)


def link_aus_mail(nachricht) -> str:
    return re.search(r"http://[^/\s]+(/einladung/[^/\s]+/)", nachricht.body).group(1)


def test_invitation_to_a_power_role_with_four_eyes_and_second_factor(
    client, login, user, demo, django_capture_on_commit_callbacks
):
    login("hn-koordination")
    with django_capture_on_commit_callbacks(execute=True):
        response = einladen(client, demo)
    assert response.status_code == 302
    (nachricht,) = mail.outbox
    assert nachricht.to == ["vera.neu@lra-hn.example"]
    assert nachricht.subject == "Einladung zum Portal Integrationsmanagement (Landkreis Heilbronn)"
    assert "als Koordinierende Stelle (Kreis) für Landkreis Heilbronn" in nachricht.body
    assert "zweiten Faktor" in nachricht.body and "Der Link gilt bis" in nachricht.body
    link = link_aus_mail(nachricht)
    vera = User.objects.get(email="vera.neu@lra-hn.example")
    assert not vera.is_active
    rolle = Mitgliedschaft.objects.get(user=vera)
    assert rolle.wartet_auf_bestaetigung and not rolle.aktiv
    liste = client.get(reverse("organisations:einladungen")).content.decode()
    assert "vera.neu@lra-hn.example" in liste and "wartet auf Bestätigung" in liste

    # the coordinator who granted it cannot confirm it
    seite = client.get(reverse("organisations:rollen")).content.decode()
    assert "bestätigt eine zweite Person" in seite
    response = client.post(reverse("organisations:rolle_bestaetigen", args=[rolle.pk]), follow=True)
    assert "nicht wer sie erteilt hat" in response.content.decode()
    rolle.refresh_from_db()
    assert rolle.wartet_auf_bestaetigung and not rolle.aktiv

    # the invitee accepts: a weak password is refused next to the field, then a good one
    client.logout()
    seite = client.get(link)
    assert seite.status_code == 200 and "Vera Neu" in seite.content.decode()
    schwach = client.post(link, {"passwort1": "12345", "passwort2": "12345"})
    assert schwach.status_code == 200 and "Dieses Passwort ist zu kurz" in schwach.content.decode()
    response = client.post(link, {"passwort1": PASSWORT, "passwort2": PASSWORT})
    assert response.status_code == 302 and response.url == reverse("start:dashboard")
    # a money role sets up the second factor before anything else (even while the role waits)
    response = client.get(reverse("start:dashboard"))
    assert response.status_code == 302 and response.url.startswith(reverse("konto:einrichten"))
    # the link works once
    client.logout()
    zweites_mal = client.get(link)
    assert zweites_mal.status_code == 410 and "schon angenommen" in zweites_mal.content.decode()

    # a second coordinator confirms: only now the role is in effect
    login("hn-koordination2")
    response = client.post(reverse("organisations:rolle_bestaetigen", args=[rolle.pk]))
    assert response.status_code == 302
    rolle.refresh_from_db()
    assert (
        rolle.aktiv
        and not rolle.wartet_auf_bestaetigung
        and rolle.bestaetigt_von.username == "hn-koordination2"
    )

    aktionen = set(
        AuditEvent.objects.values_list("aktion", flat=True).filter(zeitpunkt__gte=vera.date_joined)
    )
    assert {
        "benutzer.angelegt",
        "mitgliedschaft.erteilt",
        "einladung.gesendet",
        "einladung.angenommen",
        "mitgliedschaft.bestaetigt",
    } <= aktionen
    assert AuditEvent.objects.for_object(rolle).get(aktion="mitgliedschaft.erteilt").kreis_id == demo["hn"].pk
    assert not AuditEvent.objects.filter(aenderungen__icontains=link.split("/")[2]).exists()  # no token
    call_command("verify_audit")


def test_a_gemeinde_user_needs_no_second_coordinator(client, login, demo, django_capture_on_commit_callbacks):
    login("hn-koordination")
    gemeinde = Gemeinde.objects.get(name="Abstatt")
    with django_capture_on_commit_callbacks(execute=True):
        einladen(client, demo, email="rathaus@abstatt.example", rolle="gemeinde", gemeinde=gemeinde.pk)
    link = link_aus_mail(mail.outbox[0])
    client.logout()
    client.post(link, {"passwort1": PASSWORT, "passwort2": PASSWORT})
    response = client.get(reverse("start:dashboard"))
    assert response.status_code == 200  # no second factor required for a Gemeinde
    assert Mitgliedschaft.objects.get(user__email="rathaus@abstatt.example", gemeinde=gemeinde).aktiv


def test_the_link_expires_after_seven_days_to_the_second(
    client, login, demo, django_capture_on_commit_callbacks
):
    login("hn-koordination")
    with django_capture_on_commit_callbacks(execute=True):
        einladen(client, demo, rolle="finanzen")
    link = link_aus_mail(mail.outbox[0])
    client.logout()
    bis = Einladung.objects.get().gueltig_bis
    with time_machine.travel(bis - datetime.timedelta(seconds=1)):
        assert client.get(link).status_code == 200
    with time_machine.travel(bis):
        seite = client.get(link)
        assert seite.status_code == 410
        datum = timezone.localtime(bis).strftime("%d.%m.%Y")
        assert f"Diese Einladung ist am {datum} abgelaufen" in seite.content.decode()
        assert client.post(link, {"passwort1": PASSWORT, "passwort2": PASSWORT}).status_code == 410
    assert not User.objects.get(email="vera.neu@lra-hn.example").is_active


def test_resend_replaces_the_link_and_revoke_ends_it(client, login, demo, django_capture_on_commit_callbacks):
    login("hn-koordination")
    with django_capture_on_commit_callbacks(execute=True):
        einladen(client, demo, rolle="finanzen")
    alt = link_aus_mail(mail.outbox[0])
    einladung = Einladung.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("organisations:einladung_erneut", args=[einladung.pk]))
    neu = link_aus_mail(mail.outbox[1])
    assert neu != alt
    client.post(reverse("organisations:einladung_widerrufen", args=[einladung.pk]))
    client.logout()
    assert "nicht (mehr) gültig" in client.get(alt).content.decode()
    seite = client.get(neu)
    assert seite.status_code == 410 and "zurückgezogen" in seite.content.decode()
    assert not Mitgliedschaft.objects.get(user=einladung.user).wartet_auf_bestaetigung
    assert {"einladung.erneut_gesendet", "einladung.widerrufen"} <= set(
        AuditEvent.objects.for_object(einladung).values_list("aktion", flat=True)
    )


def test_another_kreis_neither_sees_nor_invites_into_heilbronn(
    client, login, demo, django_capture_on_commit_callbacks
):
    login("hn-koordination")
    with django_capture_on_commit_callbacks(execute=True):
        einladen(client, demo, rolle="finanzen")
    einladung = Einladung.objects.get()
    client.get(reverse("organisations:einladungen"))  # the success message is read here
    login("gp-koordination")
    liste = client.get(reverse("organisations:einladungen")).content.decode()
    assert "vera.neu@lra-hn.example" not in liste and "Noch keine Einladungen" in liste
    response = einladen(
        client,
        demo,
        email="x@example.org",
        rolle="gemeinde",
        gemeinde=Gemeinde.objects.get(name="Nordheim").pk,
    )
    assert response.status_code == 200 and User.objects.filter(email="x@example.org").count() == 0
    assert "gemeinde" in response.context["form"].errors  # Nordheim is not a Gemeinde of Göppingen
    assert client.post(reverse("organisations:einladung_widerrufen", args=[einladung.pk])).status_code == 404
    rolle = Mitgliedschaft.objects.get(user=einladung.user)
    assert client.post(reverse("organisations:rolle_bestaetigen", args=[rolle.pk])).status_code == 404
    for viewer in ("nordheim", "land"):
        login(viewer)
        assert client.get(reverse("organisations:einladungen")).status_code == 403


def test_an_address_already_in_use_gets_a_clear_error(client, login, demo, user):
    login("hn-koordination")
    response = einladen(client, demo, email=user("nordheim").email.upper())
    assert response.status_code == 200
    body = response.content.decode()
    assert "Für diese E-Mail-Adresse gibt es schon einen Zugang" in body and "Vera" in body


def test_revoking_a_role_needs_a_reason_and_is_audited(client, login, demo, user):
    login("hn-koordination")
    rolle = Mitgliedschaft.objects.get(user=user("nordheim"), aktiv=True)
    url = reverse("organisations:rolle_entziehen", args=[rolle.pk])
    ohne = client.post(url, {"begruendung": ""})
    assert ohne.status_code == 200 and "Dieses Feld muss ausgefüllt werden." in ohne.content.decode()
    client.post(url, {"begruendung": "Wechsel ins Bauamt"})
    rolle.refresh_from_db()
    assert not rolle.aktiv
    assert (
        AuditEvent.objects.for_object(rolle).get(aktion="mitgliedschaft.entzogen").begruendung
        == "Wechsel ins Bauamt"
    )


def test_password_reset_by_mail_without_user_enumeration(client, user, django_capture_on_commit_callbacks):
    url = reverse("password_reset")
    unbekannt = client.post(url, {"email": "niemand@example.org"})
    with django_capture_on_commit_callbacks(execute=True):  # the outbox delivers after the commit
        bekannt = client.post(url, {"email": user("nordheim").email})
    assert unbekannt.status_code == bekannt.status_code == 302 and unbekannt.url == bekannt.url
    (nachricht,) = mail.outbox
    assert nachricht.to == [user("nordheim").email]
    assert nachricht.subject == "Neues Passwort für das Portal Integrationsmanagement"
    pfad = re.search(r"http://[^/\s]+(/passwort-neu/\S+/)", nachricht.body).group(1)
    seite = client.get(pfad, follow=True)
    assert "Neues Passwort festlegen" in seite.content.decode()
    response = client.post(
        seite.redirect_chain[-1][0], {"new_password1": PASSWORT, "new_password2": PASSWORT}
    )
    assert response.status_code == 302 and response.url == reverse("password_reset_complete")
    assert user("nordheim").check_password(PASSWORT)
    aktionen = list(AuditEvent.objects.for_object(user("nordheim")).values_list("aktion", flat=True))
    assert "konto.passwort_vergessen" in aktionen and "konto.passwort_zurueckgesetzt" in aktionen


def test_an_account_created_by_the_operator_must_change_its_password(client, login, demo):
    login("betrieb")
    response = client.post(
        reverse("admin:organisations_user_add"),
        {
            "username": "neu.gemeinde",
            "password1": PASSWORT,
            "password2": PASSWORT,
            "usable_password": "true",
            "mitgliedschaften-TOTAL_FORMS": "0",
            "mitgliedschaften-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    neu = User.objects.get(username="neu.gemeinde")
    assert neu.passwort_aendern
    client.logout()
    anmelden(client, neu)
    response = client.get(reverse("start:dashboard"))
    assert response.status_code == 302 and response.url.startswith(reverse("konto:passwort"))
    client.post(
        reverse("konto:passwort"),
        {
            "old_password": PASSWORT,
            "new_password1": "Ganz-anderes-2027!",
            "new_password2": "Ganz-anderes-2027!",
        },
    )
    neu.refresh_from_db()
    assert not neu.passwort_aendern
    assert client.get(reverse("start:dashboard")).status_code == 200
    assert not User.objects.filter(username="nordheim", passwort_aendern=True).exists()


def wer_fehlt(html: str) -> str:
    return re.search(r'<p class="wer-fehlt">(.*?)</p>', html, re.S).group(1)


def test_wer_fehlt_on_the_dashboard_and_before_the_round_and_for_the_land(
    client, login, demo, django_capture_on_commit_callbacks
):
    hn = demo["hn"]
    mit_zugang = {"Nordheim", "Brackenheim", "Cleebronn", "Güglingen", "Pfaffenhofen", "Zaberfeld"}
    login("hn-koordination")
    fehlt = wer_fehlt(client.get(reverse("start:dashboard")).content.decode())
    assert "Abstatt" in fehlt and not any(name in fehlt for name in mit_zugang)
    aktiv = Gemeinde.objects.filter(kreis=hn, aktiv=True).count()
    assert fehlt.count(", ") == aktiv - len(mit_zugang) - 1
    jahr = hn.foerderjahre.get(jahr=2028)
    register = client.get(reverse("optin:register", args=[jahr.pk])).content.decode()
    assert "Wer fehlt?" in register and "Abstatt" in register

    with django_capture_on_commit_callbacks(execute=True):
        einladen(
            client,
            demo,
            email="rathaus@abstatt.example",
            rolle="gemeinde",
            gemeinde=Gemeinde.objects.get(name="Abstatt").pk,
        )
    # invited is not enough: only an accepted invitation counts
    assert "Abstatt" in wer_fehlt(client.get(reverse("start:dashboard")).content.decode())
    client.logout()
    client.post(link_aus_mail(mail.outbox[0]), {"passwort1": PASSWORT, "passwort2": PASSWORT})
    login("hn-koordination")
    assert "Abstatt" not in wer_fehlt(client.get(reverse("start:dashboard")).content.decode())

    login("land")
    land = client.get(reverse("start:dashboard")).content.decode()
    assert f"<tr><td>Landkreis Heilbronn</td><td>{len(mit_zugang) + 1} von {aktiv}</td>" in land
