"""Who may do what with a transfer, and why not (registered in ``portal.permissions``).

Four eyes comes from ``schritte.FREIGEBEN`` (written once, with its reason)."""

from django.utils.translation import gettext_lazy as _

from portal.permissions import JA, JAHR_ABGESCHLOSSEN, READ_ONLY_LAND, koordiniert, nein, rule
from workflows.transfer import schritte
from workflows.transfer.models import Weiterleitung


@rule("weiterleitung.vorbereiten")
def _weiterleitung_vorbereiten(user, scope, fj):
    """Record the Land's payout, prepare and rework transfers: the coordinating office of the Kreis."""
    allowed = koordiniert(scope, fj.kreis_id)
    if allowed and fj.status == fj.Status.ABGESCHLOSSEN:
        return nein(JAHR_ABGESCHLOSSEN)
    return allowed


@rule("weiterleitung.freigeben")
def _weiterleitung_freigeben(user, scope, w):
    allowed = koordiniert(scope, w.foerderjahr.kreis_id)
    if not allowed:
        return allowed
    if w.foerderjahr.status == w.foerderjahr.Status.ABGESCHLOSSEN:
        return nein(JAHR_ABGESCHLOSSEN)
    verstoss = schritte.FREIGEBEN.verstoss(user, w)
    if verstoss is not None:
        return nein(verstoss.grund)
    if w.status != Weiterleitung.Status.VORBEREITET:
        return nein(_("Nur eine vorbereitete Weiterleitung kann freigegeben werden."))
    return JA


@rule("weiterleitung.auszahlen")
def _weiterleitung_auszahlen(user, scope, w):
    if not schritte.AUSZAHLEN.darf(user, w):
        if "land" in scope.rollen:
            return nein(READ_ONLY_LAND)
        return nein(_("Nur die Finanzverwaltung des Kreises zahlt aus."))
    if w.status != Weiterleitung.Status.FREIGEGEBEN:
        return nein(_("Nur eine freigegebene Weiterleitung kann ausgezahlt werden."))
    return JA


@rule("weiterleitung.empfang_bestaetigen")
def _weiterleitung_empfang(user, scope, w):
    if not schritte.EMPFANG.darf(user, w):
        return nein(_("Nur die empfangende Gemeinde bestätigt den Empfang."))
    if w.status != Weiterleitung.Status.BEZAHLT:
        return nein(_("Der Empfang kann erst nach der Zahlung bestätigt werden."))
    return JA


@rule("weiterleitung.bankdaten_sehen")
def _weiterleitung_bankdaten(user, scope, w):
    """Bank details: coordination and finance of the Kreis only (not the Land, not other Gemeinden)."""
    if w.foerderjahr.kreis_id in scope.kreis_ids:
        return JA
    return nein(_("Bankdaten sehen nur die koordinierende Stelle und die Finanzverwaltung des Kreises."))


@rule("weiterleitung.exportieren")
def _weiterleitung_exportieren(user, scope, fj):
    if fj.kreis_id in scope.finanzen_kreis_ids or fj.kreis_id in scope.koordination_kreis_ids:
        return JA
    return nein(
        _("Nur die Finanzverwaltung und die koordinierende Stelle des Kreises exportieren Zahlungen.")
    )
