"""Who may do what with proofs of use, repayment claims and Kennzahlen, and why not (registered in
``portal.permissions``)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core.darstellung import datum
from portal.funding.fristen import berliner_datum
from portal.permissions import JA, JAHR_ABGESCHLOSSEN, READ_ONLY_LAND, koordiniert, nein, rule
from workflows.optin.models import Status as EntscheidungStatus
from workflows.optin.models import Wahl
from workflows.proof import schritte
from workflows.proof.models import Rueckforderung, Verwendungsnachweis


@rule("nachweis.anlegen")
def _nachweis_anlegen(user, scope, fj):
    return koordiniert(scope, fj.kreis_id)


@rule("nachweis.bearbeiten")
def _nachweis_bearbeiten(user, scope, nachweis):
    if not schritte.EINREICHEN.darf(user, nachweis):
        if "land" in scope.rollen:
            return nein(READ_ONLY_LAND)
        return nein(_("Nur die empfangende Gemeinde reicht den Verwendungsnachweis ein."))
    if not nachweis.bearbeitbar:
        return nein(
            _("Der Verwendungsnachweis hat den Status „%(status)s“ und kann nicht bearbeitet werden.")
            % {"status": nachweis.get_status_display()}
        )
    return JA


@rule("nachweis.pruefen")
def _nachweis_pruefen(user, scope, nachweis):
    allowed = koordiniert(scope, nachweis.foerderjahr.kreis_id)
    if allowed and nachweis.status != Verwendungsnachweis.Status.EINGEREICHT:
        return nein(_("Es liegt kein eingereichter Verwendungsnachweis zur Prüfung vor."))
    return allowed


@rule("rueckforderung.begleichen")
def _rueckforderung_begleichen(user, scope, rueckforderung):
    if rueckforderung.nachweis.foerderjahr.kreis_id not in scope.finanzen_kreis_ids:
        return nein(_("Nur die Finanzverwaltung des Kreises verbucht Rückzahlungen."))
    if rueckforderung.status != Rueckforderung.Status.OFFEN:
        return nein(_("Die Rückforderung ist bereits beglichen."))
    return JA


def _ab_beginn_der_erfassung(fj):
    """The entry window is data of the year (#9): no form is offered before it begins."""
    if berliner_datum(timezone.now()) < fj.beginn_kennzahlen:
        return nein(
            _("Kennzahlen für %(jahr)s können erst ab dem %(datum)s erfasst werden.")
            % {"jahr": fj.jahr, "datum": datum(fj.beginn_kennzahlen)}
        )
    return JA


@rule("kennzahlen.erfassen")
def _kennzahlen_erfassen(user, scope, fj_and_gemeinde):
    """The Kreis enters and corrects the figures of its Gemeinden; a Gemeinde enters its own when it runs
    Integrationsmanagement itself that year – both once the year's entry window has begun."""
    fj, gemeinde = fj_and_gemeinde
    if fj.status == fj.Status.ABGESCHLOSSEN:
        return nein(JAHR_ABGESCHLOSSEN)
    if fj.kreis_id in scope.koordination_kreis_ids:
        return _ab_beginn_der_erfassung(fj)
    if gemeinde.pk in scope.gemeinde_ids:
        entscheidung = fj.entscheidungen.filter(gemeinde=gemeinde).first()
        if (
            entscheidung is not None
            and entscheidung.status == EntscheidungStatus.ANGENOMMEN
            and entscheidung.wahl in (Wahl.ALLEIN, Wahl.VERBUND)
        ):
            return _ab_beginn_der_erfassung(fj)
        if entscheidung is None or entscheidung.status in (
            EntscheidungStatus.ANGENOMMEN,
            EntscheidungStatus.BLEIBT_BEIM_LANDKREIS,
        ):
            return nein(
                _(
                    "Für Ihre Gemeinde erfasst der Kreis die Kennzahlen, "
                    "weil er das Integrationsmanagement erbringt."
                )
            )
        # not decided yet, or the decision is still in review
        return nein(
            _(
                "Kennzahlen erfasst Ihre Gemeinde, wenn der Kreis ihre Entscheidung für %(jahr)s angenommen "
                "hat und sie das Integrationsmanagement selbst (allein oder im Verbund) erbringt; sonst "
                "erfasst sie der Kreis."
            )
            % {"jahr": fj.jahr}
        )
    if "land" in scope.rollen:
        return nein(READ_ONLY_LAND)
    return nein(_("Sie können nur die Kennzahlen Ihrer eigenen Gemeinde erfassen."))
