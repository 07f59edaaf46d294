"""E-mails of the transfer to the next person in line, queued in the outbox in the transaction of the
change (audit trail signal ``event_aufgezeichnet``)."""

from django.dispatch import receiver
from django.utils import translation
from django.utils.translation import gettext as _

from portal.audit.services import event_aufgezeichnet
from portal.core.mail import absolute_url, adressen, robust, senden


@receiver(event_aufgezeichnet, dispatch_uid="transfer-mails")
@robust
def benachrichtigen(sender, event, **kwargs):
    if event.objekt_typ != "transfer.weiterleitung":
        return
    from workflows.transfer.models import Weiterleitung

    w = (
        Weiterleitung.objects.select_related("foerderjahr__kreis", "gemeinde")
        .filter(pk=event.objekt_id)
        .first()
    )
    if w is None:
        return
    kreis = w.foerderjahr.kreis
    werte = {"w": str(w), "url": absolute_url(w.get_absolute_url()), "grund": event.begruendung}
    with translation.override("de"):
        if event.aktion in ("weiterleitung.vorbereitet", "weiterleitung.ueberarbeitet"):
            senden(
                adressen(rolle="koordination", kreis=kreis, ausser=event.actor),
                _("Bitte freigeben: %(w)s") % werte,
                _("Eine Weiterleitung wartet auf Ihre Freigabe (Vier-Augen-Prinzip):\n\n%(url)s") % werte,
            )
        elif event.aktion == "weiterleitung.freigegeben":
            senden(
                adressen(rolle="finanzen", kreis=kreis),
                _("Zur Zahlung freigegeben: %(w)s") % werte,
                _("Eine Weiterleitung ist freigegeben und kann ausgezahlt werden:\n\n%(url)s") % werte,
            )
        elif event.aktion == "weiterleitung.zurueckgegeben":
            senden(
                adressen(rolle="koordination", kreis=kreis),
                _("Zurückgegeben: %(w)s") % werte,
                _("Eine Weiterleitung wurde zurückgegeben.\n\nGrund: %(grund)s\n\n%(url)s") % werte,
            )
        elif event.aktion == "weiterleitung.bezahlt":
            senden(
                adressen(rolle="gemeinde", gemeinde=w.gemeinde),
                _("Zahlung angewiesen: %(w)s") % werte,
                _(
                    "Der Kreis hat die Mittel angewiesen. "
                    "Bitte bestätigen Sie den Empfang im Portal:\n\n%(url)s"
                )
                % werte,
            )
        elif event.aktion == "weiterleitung.empfang_bestaetigt":
            senden(
                adressen(rolle="koordination", kreis=kreis),
                _("Empfang bestätigt: %(w)s") % werte,
                _("Die empfangende Gemeinde hat den Empfang bestätigt.\n\n%(url)s") % werte,
            )
