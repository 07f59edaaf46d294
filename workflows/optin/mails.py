"""E-mails of the decision process. They hang off the audit trail's ``event_aufgezeichnet`` signal and
go into the outbox in the transaction of the change, so no mail announces a change that was rolled
back and none is lost when the mail server is down.
Mails are German (the language of the Kreis's correspondence)."""

from django.dispatch import receiver
from django.utils import translation
from django.utils.translation import gettext as _

from portal.audit.services import event_aufgezeichnet
from portal.core.darstellung import datum
from portal.core.mail import absolute_url as _url
from portal.core.mail import adressen as _adressen
from portal.core.mail import robust
from portal.core.mail import senden as _senden


def gemeinde_empfaenger(gemeinde, entscheidung=None) -> list[str]:
    adressen = _adressen(rolle="gemeinde", gemeinde=gemeinde)
    if entscheidung is not None and entscheidung.ansprechperson_email:
        adressen = sorted(set(adressen) | {entscheidung.ansprechperson_email})
    return adressen


def koordination_empfaenger(kreis) -> list[str]:
    return _adressen(rolle="koordination", kreis=kreis)


def erinnerung(entscheidung, tage: int) -> None:
    fj = entscheidung.foerderjahr
    with translation.override("de"):
        betreff = _("Erinnerung: Entscheidung zum Integrationsmanagement %(jahr)s bis %(frist)s") % {
            "jahr": fj.jahr,
            "frist": datum(fj.frist_entscheidung),
        }
        text = _(
            "Guten Tag,\n\nfür %(gemeinde)s liegt noch keine Entscheidung zum Integrationsmanagement im "
            "Förderjahr %(jahr)s vor. Die Frist endet am %(frist)s (noch %(tage)s Tage).\n\n"
            "Bitte geben Sie die Entscheidung im Portal ab:\n%(url)s\n\n"
            "Ohne Entscheidung bleibt das Integrationsmanagement beim Landkreis.\n\n%(kreis)s"
        ) % {
            "gemeinde": entscheidung.gemeinde.name,
            "jahr": fj.jahr,
            "frist": datum(fj.frist_entscheidung),
            "tage": tage,
            "url": _url(entscheidung.get_absolute_url()),
            "kreis": fj.kreis.name,
        }
    _senden(gemeinde_empfaenger(entscheidung.gemeinde, entscheidung), betreff, text)


def _entscheidung_mail(event, entscheidung) -> None:
    fj = entscheidung.foerderjahr
    werte = {
        "gemeinde": entscheidung.gemeinde.name,
        "jahr": fj.jahr,
        "url": _url(entscheidung.get_absolute_url()),
        "grund": event.begruendung,
        "kreis": fj.kreis.name,
    }
    with translation.override("de"):
        if event.aktion in ("entscheidung.eingereicht", "entscheidung.verspaetet_eingereicht"):
            betreff = _("Entscheidung von %(gemeinde)s für %(jahr)s eingereicht") % werte
            text = (
                _(
                    "%(gemeinde)s hat ihre Entscheidung zum Integrationsmanagement %(jahr)s "
                    "eingereicht.\n\n%(url)s"
                )
                % werte
            )
            _senden(koordination_empfaenger(fj.kreis), betreff, text)
            _senden(
                gemeinde_empfaenger(entscheidung.gemeinde, entscheidung),
                _("Eingangsbestätigung: Entscheidung %(jahr)s") % werte,
                _(
                    "Ihre Entscheidung zum Integrationsmanagement %(jahr)s ist beim %(kreis)s eingegangen. "
                    "Sie erhalten Nachricht, sobald sie geprüft ist.\n\n%(url)s"
                )
                % werte,
            )
            for partner in entscheidung.bestaetigungen.filter(einreichung=entscheidung.einreichungen):
                _senden(
                    gemeinde_empfaenger(partner.gemeinde),
                    _("Bitte bestätigen: Verbund mit %(gemeinde)s %(jahr)s") % werte,
                    _(
                        "%(gemeinde)s hat Ihre Gemeinde als Partnerin eines Verbunds für das "
                        "Integrationsmanagement %(jahr)s angegeben. Bitte bestätigen Sie Ihre Teilnahme "
                        "oder lehnen Sie sie ab:\n\n%(url)s"
                    )
                    % {**werte, "url": _url(partner.get_absolute_url())},
                )
        elif event.aktion == "entscheidung.zurueckgegeben":
            _senden(
                gemeinde_empfaenger(entscheidung.gemeinde, entscheidung),
                _("Entscheidung %(jahr)s zur Überarbeitung zurückgegeben") % werte,
                _(
                    "Ihre Entscheidung zum Integrationsmanagement %(jahr)s wurde zur Überarbeitung "
                    "zurückgegeben.\n\nGrund: %(grund)s\n\nBitte überarbeiten Sie sie im Portal:\n%(url)s"
                )
                % werte,
            )
        elif event.aktion == "entscheidung.angenommen" and entscheidung.teil_von_id is None:
            _senden(
                gemeinde_empfaenger(entscheidung.gemeinde, entscheidung),
                _("Entscheidung %(jahr)s angenommen") % werte,
                _(
                    "Der %(kreis)s hat Ihre Entscheidung zum Integrationsmanagement %(jahr)s angenommen "
                    "(%(wahl)s).\n\n%(url)s"
                )
                % {**werte, "wahl": entscheidung.get_wahl_display()},
            )


@receiver(event_aufgezeichnet, dispatch_uid="optin-mails")
@robust
def benachrichtigen(sender, event, **kwargs):
    if not event.aktion.startswith("entscheidung.") or event.objekt_typ != "optin.entscheidung":
        return
    from workflows.optin.models import Entscheidung

    entscheidung = (
        Entscheidung.objects.select_related("foerderjahr__kreis", "gemeinde")
        .filter(pk=event.objekt_id)
        .first()
    )
    if entscheidung is not None:
        _entscheidung_mail(event, entscheidung)
