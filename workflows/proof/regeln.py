"""Who may do what with proofs of use, repayment claims and Kennzahlen, and why not (registered in
``portal.permissions``)."""

from django.utils.translation import gettext_lazy as _

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


@rule("kennzahlen.erfassen")
def _kennzahlen_erfassen(user, scope, fj_and_gemeinde):
    """The Kreis enters and corrects the figures of its Gemeinden; a Gemeinde enters its own when it runs
    Integrationsmanagement itself that year."""
    fj, gemeinde = fj_and_gemeinde
    if fj.status == fj.Status.ABGESCHLOSSEN:
        return nein(JAHR_ABGESCHLOSSEN)
    if fj.kreis_id in scope.koordination_kreis_ids:
        return JA
    if gemeinde.pk in scope.gemeinde_ids:
        selbst = fj.entscheidungen.filter(
            gemeinde=gemeinde, status=EntscheidungStatus.ANGENOMMEN, wahl__in=[Wahl.ALLEIN, Wahl.VERBUND]
        ).exists()
        if selbst:
            return JA
        return nein(
            _(
                "Für Ihre Gemeinde erfasst der Kreis die Kennzahlen, "
                "weil er das Integrationsmanagement erbringt."
            )
        )
    if "land" in scope.rollen:
        return nein(READ_ONLY_LAND)
    return nein(_("Sie können nur die Kennzahlen Ihrer eigenen Gemeinde erfassen."))
