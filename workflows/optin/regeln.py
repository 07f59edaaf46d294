"""Who may do what in the decision process, and why not (registered in ``portal.permissions``)."""

from django.utils.translation import gettext_lazy as _

from portal.permissions import JA, JAHR_ABGESCHLOSSEN, READ_ONLY_LAND, koordiniert, nein, rule
from workflows.optin import schritte
from workflows.optin.models import Partnerbestaetigung, Status


@rule("entscheidung.runde_eroeffnen")
def _runde_eroeffnen(user, scope, fj):
    allowed = koordiniert(scope, fj.kreis_id)
    if not allowed:
        return allowed
    if fj.status != fj.Status.VEROEFFENTLICHT:
        return nein(
            _("Die Entscheidungsrunde kann erst eröffnet werden, wenn das Förderjahr veröffentlicht ist.")
        )
    if hasattr(fj, "entscheidungsrunde"):
        return nein(_("Die Entscheidungsrunde ist bereits eröffnet."))
    return JA


@rule("entscheidung.bearbeiten")
def _entscheidung_bearbeiten(user, scope, entscheidung):
    """Only the Gemeinde's own users fill in its decision; the coordination reviews, never writes it."""
    if not schritte.ABGEBEN.darf(user, entscheidung):
        if "land" in scope.rollen:
            return nein(READ_ONLY_LAND)
        return nein(_("Nur die Gemeinde selbst kann ihre Entscheidung abgeben."))
    if entscheidung.foerderjahr.status == entscheidung.foerderjahr.Status.ABGESCHLOSSEN:
        return nein(JAHR_ABGESCHLOSSEN)
    if entscheidung.teil_von_id:
        return nein(_("Ihre Gemeinde ist Teil einer angenommenen Verbundentscheidung."))
    if entscheidung.bearbeitbar and (anfrage := als_partner_angefragt(entscheidung)) is not None:
        werte = {"verbund": anfrage.entscheidung.verbund_name, "lead": anfrage.entscheidung.gemeinde.name}
        if anfrage.antwort == anfrage.Antwort.BESTAETIGT:
            return nein(
                _(
                    "Ihre Gemeinde hat die Teilnahme am Verbund „%(verbund)s“ von %(lead)s bestätigt; die "
                    "Entscheidung gibt %(lead)s für den Verbund ab."
                )
                % werte
            )
        return nein(
            _(
                "Ihre Gemeinde ist als Partnerin im Verbund „%(verbund)s“ von %(lead)s angefragt. Wer selbst "
                "entscheiden will, lehnt die Teilnahme dort zuerst ab."
            )
            % werte
        )
    if not entscheidung.bearbeitbar:
        return nein(
            _("Die Entscheidung hat den Status „%(status)s“ und kann nicht bearbeitet werden.")
            % {"status": entscheidung.get_status_display()}
        )
    return JA


def als_partner_angefragt(entscheidung):
    """The request of a Verbund under way that names this decision's Gemeinde (answered or not)."""
    from workflows.optin.models import Partnerbestaetigung

    return (
        Partnerbestaetigung.objects.angefragt()
        .filter(
            gemeinde_id=entscheidung.gemeinde_id, entscheidung__foerderjahr_id=entscheidung.foerderjahr_id
        )
        .select_related("entscheidung__gemeinde")
        .first()
    )


@rule("entscheidung.pruefen")
def _entscheidung_pruefen(user, scope, entscheidung):
    allowed = koordiniert(scope, entscheidung.foerderjahr.kreis_id)
    if allowed and entscheidung.status not in (Status.EINGEREICHT, Status.VERSPAETET):
        return nein(_("Es liegt keine eingereichte Entscheidung zur Prüfung vor."))
    return allowed


@rule("entscheidung.wieder_oeffnen")
def _entscheidung_wieder_oeffnen(user, scope, entscheidung):
    """After the deadline default, the coordination may reopen one Gemeinde's decision for a late
    submission (e.g. the council decided in time but the upload was forgotten)."""
    allowed = koordiniert(scope, entscheidung.foerderjahr.kreis_id)
    if allowed and entscheidung.foerderjahr.status == entscheidung.foerderjahr.Status.ABGESCHLOSSEN:
        return nein(JAHR_ABGESCHLOSSEN)
    if allowed and entscheidung.status != Status.BLEIBT_BEIM_LANDKREIS:
        return nein(
            _(
                "Nur eine nach Fristablauf beim Landkreis verbliebene Entscheidung "
                "kann wieder geöffnet werden."
            )
        )
    return allowed


@rule("bestaetigung.beantworten")
def _bestaetigung_beantworten(user, scope, bestaetigung):
    if not schritte.BESTAETIGEN.darf(user, bestaetigung):
        return nein(_("Nur die Partnergemeinde selbst kann ihre Teilnahme bestätigen."))
    if bestaetigung.antwort != Partnerbestaetigung.Antwort.OFFEN:
        return nein(_("Diese Anfrage ist bereits beantwortet."))
    return JA
