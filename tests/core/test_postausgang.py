"""Mail that is never lost: with the SMTP server down the user's change succeeds and its mails wait in
the outbox; once the server is back every mail arrives exactly once (a real SMTP server on loopback,
aiosmtpd). A mail that keeps failing is visible to the operator and can be queued again."""

import datetime
import io
import socket
import threading

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from portal.audit.models import AuditEvent
from portal.core import postausgang
from portal.core.models import Mail
from tests.transfer.conftest import fj, nordheim  # noqa: F401 – fixtures of the transfer tests
from tests.transfer.test_weiterleitung import zahlungsdaten
from workflows.transfer.models import Weiterleitung

pytestmark = pytest.mark.django_db


def freier_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Sammler:
    def __init__(self):
        self.mails = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 – aiosmtpd's hook name
        self.mails.append((envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
        return "250 OK"


@pytest.fixture
def smtp(settings):
    """An SMTP address with nothing listening yet; ``start()`` brings a real server up on it."""
    port = freier_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
    sammler = Sammler()
    server = {"controller": None}

    def start():
        server["controller"] = Controller(sammler, hostname="127.0.0.1", port=port)
        server["controller"].start()

    sammler.start = start
    yield sammler
    if server["controller"] is not None:
        server["controller"].stop()


def test_server_down_the_action_succeeds_server_back_each_mail_once(
    client,
    login,
    fj,  # noqa: F811
    nordheim,  # noqa: F811
    smtp,
    django_capture_on_commit_callbacks,
):
    # the fixtures' decisions queued their own mails (in their simulated time): out of the way
    Mail.objects.update(status="gesendet")
    login("hn-koordination")
    client.post(
        reverse("transfer:jahr", args=[fj.pk]),
        {"datum": "2029-03-15", "betrag": "100.000,00", "referenz": "RP-1", "tranche": "1"},
    )
    url = reverse("transfer:vorbereiten", args=[fj.pk, nordheim.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, zahlungsdaten())
    # the change is saved and the user lands on its page, not on an error
    w = Weiterleitung.objects.get()
    assert response.status_code == 302 and response.url == w.get_absolute_url()
    assert w.status == "vorbereitet"
    mail = Mail.objects.get(betreff__startswith="Bitte freigeben")
    assert mail.status == "wartend" and mail.versuche == 1
    assert "ConnectionRefusedError" in mail.letzter_fehler
    assert mail.empfaenger == ["hn-koordination2@example.org"]

    # the cron run within the pause does not hammer the server
    out = io.StringIO()
    call_command("mails_senden", stdout=out)
    assert "0 gesendet, 0 fehlgeschlagen (davon 0 aufgegeben), 1 warten noch." in out.getvalue()

    smtp.start()
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):
        out = io.StringIO()
        call_command("mails_senden", stdout=out)
        assert "1 gesendet, 0 fehlgeschlagen (davon 0 aufgegeben), 0 warten noch." in out.getvalue()
        call_command("mails_senden", stdout=io.StringIO())
    assert len(smtp.mails) == 1  # exactly once
    empfaenger, inhalt = smtp.mails[0]
    assert empfaenger == ["hn-koordination2@example.org"] and "Bitte freigeben" in inhalt
    mail.refresh_from_db()
    assert mail.status == "gesendet" and mail.versuche == 2


def test_a_mail_is_queued_only_with_its_change(demo):
    vorher = Mail.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        postausgang.einreihen(["a@example.org"], "Betreff", "Text")
        raise RuntimeError("die Änderung scheitert")
    assert Mail.objects.count() == vorher


def test_backoff_grows_and_a_mail_that_keeps_failing_is_given_up(demo, smtp, settings):
    settings.POSTAUSGANG_MAX_VERSUCHE = 3
    assert [postausgang.pause(n).total_seconds() / 60 for n in (1, 2, 3, 4, 7, 8)] == [1, 2, 4, 8, 60, 60]
    mail = postausgang.einreihen(["a@example.org"], "Betreff", "Text")
    jetzt = timezone.now()
    for minuten in (0, 2, 5):
        with time_machine.travel(jetzt + datetime.timedelta(minutes=minuten)):
            postausgang.zustellen()
    mail.refresh_from_db()
    assert mail.status == "fehlgeschlagen" and mail.versuche == 3
    assert postausgang.fehlgeschlagen() == 1


def test_the_operator_sees_failed_mails_and_queues_them_again(client, login, demo, smtp):
    mail = postausgang.einreihen(["nordheim@example.org"], "Erinnerung", "Text")
    Mail.objects.filter(pk=mail.pk).update(status="fehlgeschlagen", versuche=10, letzter_fehler="timeout")
    login("betrieb")
    liste = client.get(reverse("admin:core_mail_changelist"))
    html = liste.content.decode()
    assert "1 E-Mail konnte nicht zugestellt werden" in html and "Erinnerung" in html
    smtp.start()
    response = client.post(
        reverse("admin:core_mail_changelist"),
        {"action": "erneut_senden", "_selected_action": [mail.pk]},
        follow=True,
    )
    assert "1 E-Mail erneut eingereiht." in response.content.decode()
    mail.refresh_from_db()
    assert mail.status == "wartend" and mail.versuche == 0
    event = AuditEvent.objects.order_by("-id").first()
    assert event.aktion == "mail.erneut_eingereiht" and event.actor.username == "betrieb"
    call_command("mails_senden", stdout=io.StringIO())
    assert len(smtp.mails) == 1
    # nothing is edited or deleted by hand
    assert client.post(reverse("admin:core_mail_change", args=[mail.pk]), {"betreff": "x"}).status_code == 403
    assert client.get(reverse("admin:core_mail_delete", args=[mail.pk])).status_code == 403


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_every_mail_exactly_once(demo, smtp, postgres_only, settings):
    settings.POSTAUSGANG_SOFORT = False  # only the workers deliver
    for i in range(20):
        postausgang.einreihen([f"g{i}@example.org"], f"Mail {i}", "Text")
    smtp.start()
    ergebnisse = []

    def worker():
        try:
            ergebnisse.append(postausgang.zustellen())
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(r[0][0] for r in smtp.mails) == sorted(f"g{i}@example.org" for i in range(20))
    assert sum(e.gesendet for e in ergebnisse) == 20
    assert Mail.objects.filter(status="gesendet", betreff__startswith="Mail ").count() == 20


def test_a_broken_mail_never_rolls_back_the_change(demo, user, monkeypatch, caplog):
    """A mistake in composing a mail (template, link) is logged; the submission itself is saved."""
    import time_machine as tm

    from tests.optin.conftest import VOR_DER_FRIST, allein
    from workflows.optin import mails, services
    from workflows.optin.models import Entscheidung

    def kaputt(event, entscheidung):
        Mail.objects.create(
            empfaenger=["x@example.org"], betreff="halb", text="", naechster_versuch=timezone.now()
        )
        raise KeyError("vorlage")

    monkeypatch.setattr(mails, "_entscheidung_mail", kaputt)
    e = Entscheidung.objects.get(gemeinde=demo["nordheim"], foerderjahr__jahr=2028)
    with tm.travel(VOR_DER_FRIST):
        services.einreichen(e, allein(), user("nordheim"))
    e.refresh_from_db()
    assert e.status == "eingereicht"
    assert not Mail.objects.filter(betreff="halb").exists()  # the half-written mail rolled back alone
    assert "Mails of an event could not be queued" in caplog.text


def test_a_sent_text_does_not_stay_in_the_database(demo, smtp):
    """Invitation and password links are in mail texts: once delivered, the text is gone."""
    smtp.start()
    mail = postausgang.einreihen(["a@example.org"], "Einladung", "Ihr Link: https://portal/einladung/geheim/")
    postausgang.zustellen()
    mail.refresh_from_db()
    assert mail.status == "gesendet" and mail.text == ""
    assert "einladung/geheim" in smtp.mails[0][1]
