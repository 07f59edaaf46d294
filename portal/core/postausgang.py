"""Mail that is never lost: the outbox.

``einreihen`` writes the mail as a row in the caller's transaction, so it exists exactly when the change
it announces exists. After the commit the portal tries to deliver it at once (``POSTAUSGANG_SOFORT``);
whatever fails – the SMTP server down, a timeout – stays in the outbox and ``manage.py mails_senden``
(cron every minute, or ``--dauerhaft`` as a worker) retries with growing pauses. A mail that still
fails after ``POSTAUSGANG_MAX_VERSUCHE`` is marked failed: the operator sees it in the Django admin
(Postausgang) and on ``/healthz``, and can queue it again. The user's action never fails because of
mail.

Each delivery locks its row (``SELECT … FOR UPDATE SKIP LOCKED``), so two workers never send the same
mail; a mail is marked sent in the same transaction. Only a crash between the SMTP server's acceptance
and that commit can send a mail twice – never none.
"""

import contextlib
import logging
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone

from portal.core.models import Mail

log = logging.getLogger(__name__)


def einreihen(empfaenger: list[str], betreff: str, text: str) -> Mail | None:
    """Queue a mail in the current transaction; delivered after the commit."""
    empfaenger = sorted(set(empfaenger))
    if not empfaenger:
        log.warning("No recipients for %r", betreff)
        return None
    mail = Mail.objects.create(
        empfaenger=empfaenger, betreff=betreff[:255], text=text, naechster_versuch=timezone.now()
    )
    if settings.POSTAUSGANG_SOFORT:
        transaction.on_commit(lambda: _sofort(mail.pk))
    return mail


#: When the last delivery right after a commit failed (monotonic seconds): for a minute after it,
#: requests leave their mails to the worker instead of waiting for a mail server that is down.
_letzter_sofortfehler = None
SOFORT_PAUSE = 60


def _sofort(pk: int) -> None:
    if _letzter_sofortfehler is not None and time.monotonic() - _letzter_sofortfehler < SOFORT_PAUSE:
        return
    zustellen(nur=[pk])


def pause(versuche: int) -> timedelta:
    """1, 2, 4, 8 … minutes after the n-th failure, at most an hour."""
    return timedelta(minutes=min(2 ** max(versuche - 1, 0), 60))


@dataclass
class Ergebnis:
    gesendet: int = 0
    fehlgeschlagen: int = 0  # failed this run (will be retried unless given up)
    aufgegeben: int = 0  # reached the maximum number of attempts

    def __str__(self):
        return (
            f"{self.gesendet} gesendet, {self.fehlgeschlagen} fehlgeschlagen "
            f"(davon {self.aufgegeben} aufgegeben), {offen()} warten noch."
        )


def offen() -> int:
    return Mail.objects.filter(status=Mail.Status.WARTEND).count()


def fehlgeschlagen() -> int:
    return Mail.objects.filter(status=Mail.Status.FEHLGESCHLAGEN).count()


def zustellen(nur=None, limit: int = 500) -> Ergebnis:
    """Deliver due mails (or just ``nur``, a list of ids); never raises for a delivery error."""
    ergebnis = Ergebnis()
    verbindung = None
    try:
        for _ in range(limit):
            with transaction.atomic():
                qs = Mail.objects.select_for_update(skip_locked=True).filter(
                    status=Mail.Status.WARTEND, naechster_versuch__lte=timezone.now()
                )
                if nur is not None:
                    qs = qs.filter(pk__in=nur)
                mail = qs.order_by("id").first()
                if mail is None:
                    break
                try:
                    if verbindung is None:
                        verbindung = get_connection(fail_silently=False)
                    EmailMessage(mail.betreff, mail.text, None, mail.empfaenger, connection=verbindung).send()
                except Exception as e:  # noqa: BLE001 – any delivery error is retried, none is lost
                    log.warning("Mail %s not delivered: %s", mail.pk, e)
                    verbindung = None
                    mail.versuche += 1
                    mail.letzter_fehler = f"{type(e).__name__}: {e}"[:2000]
                    ergebnis.fehlgeschlagen += 1
                    if mail.versuche >= settings.POSTAUSGANG_MAX_VERSUCHE:
                        mail.status = Mail.Status.FEHLGESCHLAGEN
                        ergebnis.aufgegeben += 1
                    else:
                        mail.naechster_versuch = timezone.now() + pause(mail.versuche)
                else:
                    mail.versuche += 1
                    mail.status, mail.gesendet_am = Mail.Status.GESENDET, timezone.now()
                    # a sent text may hold an invitation or password link: it does not stay in the
                    # database (the invitation itself keeps only the token's hash)
                    mail.text = ""
                    ergebnis.gesendet += 1
                mail.save()
                if nur is not None and mail.status != Mail.Status.GESENDET:
                    # right after a commit: one failure is enough, the worker retries the rest
                    global _letzter_sofortfehler
                    _letzter_sofortfehler = time.monotonic()
                    break
    except Exception:  # noqa: BLE001 – e.g. the database went away: the mails stay queued
        log.exception("Outbox delivery interrupted")
    finally:
        if verbindung is not None:
            with contextlib.suppress(Exception):
                verbindung.close()
    return ergebnis


def erneut_einreihen(mail: Mail, actor) -> Mail:
    """The operator queues a failed (or sent) mail again; audited."""
    from portal.audit.services import record_event

    with transaction.atomic():
        vorher = mail.status
        mail.status, mail.versuche, mail.naechster_versuch = Mail.Status.WARTEND, 0, timezone.now()
        mail.save(update_fields=["status", "versuche", "naechster_versuch"])
        record_event(
            "mail.erneut_eingereiht",
            mail,
            actor=actor,
            aenderungen={"status": {"vorher": vorher, "nachher": Mail.Status.WARTEND}},
        )
        if settings.POSTAUSGANG_SOFORT:
            transaction.on_commit(lambda: zustellen(nur=[mail.pk]))
    return mail
