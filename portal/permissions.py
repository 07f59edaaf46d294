"""The one place that answers "may this user do X to this object, and if not, why".

``check(user, action, obj)`` returns an ``Erlaubnis`` that is truthy when allowed and carries a
German reason when not; ``require`` raises ``PermissionDenied`` with that reason. Views show the
reason, services call ``require`` before they change anything. What a user may *see* is decided by
``visible_to`` (``portal.organisations.scope``); the rules here decide what a user may *do*.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from portal.organisations.scope import scope_of


@dataclass(frozen=True)
class Erlaubnis:
    erlaubt: bool
    grund: str = ""

    def __bool__(self) -> bool:
        return self.erlaubt


JA = Erlaubnis(True)


def nein(grund) -> Erlaubnis:
    return Erlaubnis(False, str(grund))


RULES: dict[str, Callable] = {}


def rule(action: str):
    def register(func):
        RULES[action] = func
        return func

    return register


def check(user, action: str, obj=None) -> Erlaubnis:
    if action not in RULES:
        raise KeyError(f"unknown permission rule {action!r}")
    if user is None or not user.is_authenticated:
        return nein(_("Bitte melden Sie sich an."))
    if not user.is_active:
        return nein(_("Ihr Zugang ist deaktiviert."))
    return RULES[action](user, scope_of(user), obj)


def require(user, action: str, obj=None) -> None:
    result = check(user, action, obj)
    if not result:
        raise PermissionDenied(result.grund)


READ_ONLY_LAND = _("Die Bewilligungsstelle des Landes hat nur Lesezugriff.")
NOT_COORDINATION = _("Nur die koordinierende Stelle des Kreises darf das.")


def _coordinates(scope, kreis_id) -> Erlaubnis:
    if kreis_id in scope.koordination_kreis_ids:
        return JA
    if "land" in scope.rollen:
        return nein(READ_ONLY_LAND)
    return nein(NOT_COORDINATION)


# --- Förderjahr --------------------------------------------------------------------------------
@rule("foerderjahr.anlegen")
def _foerderjahr_anlegen(user, scope, kreis):
    return _coordinates(scope, kreis.pk)


@rule("foerderjahr.bearbeiten")
def _foerderjahr_bearbeiten(user, scope, fj):
    allowed = _coordinates(scope, fj.kreis_id)
    if allowed and fj.status == fj.Status.ABGESCHLOSSEN:
        return nein(_("Ein abgeschlossenes Förderjahr kann nicht mehr geändert werden."))
    return allowed


@rule("foerderjahr.fortschreiben")
def _foerderjahr_fortschreiben(user, scope, fj):
    allowed = _coordinates(scope, fj.kreis_id)
    if allowed and hasattr(fj, "folgejahr"):
        return nein(_("Das Förderjahr %(jahr)s gibt es schon.") % {"jahr": fj.jahr + 1})
    return allowed


@rule("foerderjahr.veroeffentlichen")
def _foerderjahr_veroeffentlichen(user, scope, fj):
    allowed = _coordinates(scope, fj.kreis_id)
    if allowed and fj.status != fj.Status.ENTWURF:
        return nein(_("Nur ein Entwurf kann veröffentlicht werden."))
    return allowed


@rule("foerderjahr.abschliessen")
def _foerderjahr_abschliessen(user, scope, fj):
    allowed = _coordinates(scope, fj.kreis_id)
    if allowed and fj.status != fj.Status.VEROEFFENTLICHT:
        return nein(_("Nur ein veröffentlichtes Förderjahr kann abgeschlossen werden."))
    return allowed


# --- Zielgruppe and Mittelverteilung -----------------------------------------------------------------
@rule("meldung.erfassen")
def _meldung_erfassen(user, scope, fj_and_gemeinde):
    """Gemeinden report their own count until the deadline; the coordination records and corrects
    any count of its Kreis (after the deadline with a reason, which the service asks for)."""
    from django.utils import timezone

    from portal.funding.deadlines import is_late

    fj, gemeinde = fj_and_gemeinde
    if fj.status == fj.Status.ABGESCHLOSSEN:
        return nein(_("Ein abgeschlossenes Förderjahr kann nicht mehr geändert werden."))
    if fj.kreis_id in scope.koordination_kreis_ids:
        return JA
    if gemeinde.pk in scope.gemeinde_ids:
        if fj.status != fj.Status.VEROEFFENTLICHT:
            return nein(_("Das Förderjahr ist noch nicht veröffentlicht."))
        if is_late(timezone.now(), fj.frist_zielgruppen_meldung):
            return nein(_("Die Meldefrist ist abgelaufen. Korrekturen nimmt die koordinierende Stelle vor."))
        return JA
    if "land" in scope.rollen:
        return nein(READ_ONLY_LAND)
    return nein(_("Sie können nur für Ihre eigene Gemeinde melden."))


@rule("verteilung.bearbeiten")
def _verteilung_bearbeiten(user, scope, fj):
    """Import counts, calculate and publish the allocation: whoever may change the Förderjahr."""
    return _foerderjahr_bearbeiten(user, scope, fj)


# --- Audit trail -------------------------------------------------------------------------------
@rule("protokoll.exportieren")
def _protokoll_exportieren(user, scope, kreis):
    """Coordinators export their Kreis's events; the Land and operators every Kreis's."""
    if scope.alles:
        return JA
    if kreis is None:
        return nein(NOT_COORDINATION) if not scope.koordination_kreis_ids else JA
    return _coordinates(scope, kreis.pk)


# --- Users -------------------------------------------------------------------------------------
@rule("benutzer.deaktivieren")
def _benutzer_deaktivieren(user, scope, target):
    if target.pk == user.pk:
        return nein(_("Sie können Ihren eigenen Zugang nicht deaktivieren."))
    if user.is_superuser:
        return JA
    if "land" in scope.rollen and not scope.koordination_kreis_ids:
        return nein(READ_ONLY_LAND)
    if target.is_superuser:
        return nein(_("Betriebskonten verwaltet nur der Betrieb."))
    memberships = list(target.mitgliedschaften.values_list("kreis_id", "gemeinde__kreis_id", "rolle"))
    if not memberships:
        return nein(_("Dieser Benutzer gehört zu keiner Organisation Ihres Kreises."))
    for kreis_id, gemeinde_kreis_id, rolle in memberships:
        if (
            rolle in ("land", "redaktion")
            or (kreis_id or gemeinde_kreis_id) not in scope.koordination_kreis_ids
        ):
            return nein(_("Dieser Benutzer gehört auch zu einer Organisation außerhalb Ihres Kreises."))
    return JA


# --- Entscheidung der Gemeinden (opt-in) ---------------------------------------------------------
@rule("entscheidung.runde_eroeffnen")
def _runde_eroeffnen(user, scope, fj):
    allowed = _coordinates(scope, fj.kreis_id)
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
    if entscheidung.gemeinde_id not in scope.gemeinde_ids:
        if "land" in scope.rollen:
            return nein(READ_ONLY_LAND)
        return nein(_("Nur die Gemeinde selbst kann ihre Entscheidung abgeben."))
    if entscheidung.foerderjahr.status == entscheidung.foerderjahr.Status.ABGESCHLOSSEN:
        return nein(_("Ein abgeschlossenes Förderjahr kann nicht mehr geändert werden."))
    if entscheidung.teil_von_id:
        return nein(_("Ihre Gemeinde ist Teil einer angenommenen Verbundentscheidung."))
    if not entscheidung.bearbeitbar:
        return nein(
            _("Die Entscheidung hat den Status „%(status)s“ und kann nicht bearbeitet werden.")
            % {"status": entscheidung.get_status_display()}
        )
    return JA


@rule("entscheidung.pruefen")
def _entscheidung_pruefen(user, scope, entscheidung):
    allowed = _coordinates(scope, entscheidung.foerderjahr.kreis_id)
    if allowed and entscheidung.status not in ("eingereicht", "verspaetet"):
        return nein(_("Es liegt keine eingereichte Entscheidung zur Prüfung vor."))
    return allowed


@rule("bestaetigung.beantworten")
def _bestaetigung_beantworten(user, scope, bestaetigung):
    if bestaetigung.gemeinde_id not in scope.gemeinde_ids:
        return nein(_("Nur die Partnergemeinde selbst kann ihre Teilnahme bestätigen."))
    if bestaetigung.antwort != "offen":
        return nein(_("Diese Anfrage ist bereits beantwortet."))
    return JA


# --- Weiterleitung der Mittel (four eyes) -------------------------------------------------------------
@rule("weiterleitung.vorbereiten")
def _weiterleitung_vorbereiten(user, scope, fj):
    """Record the Land's payout, prepare and rework transfers: the coordinating office of the Kreis."""
    allowed = _coordinates(scope, fj.kreis_id)
    if allowed and fj.status == fj.Status.ABGESCHLOSSEN:
        return nein(_("Ein abgeschlossenes Förderjahr kann nicht mehr geändert werden."))
    return allowed


@rule("weiterleitung.freigeben")
def _weiterleitung_freigeben(user, scope, w):
    allowed = _coordinates(scope, w.foerderjahr.kreis_id)
    if not allowed:
        return allowed
    if w.foerderjahr.status == w.foerderjahr.Status.ABGESCHLOSSEN:
        return nein(_("Ein abgeschlossenes Förderjahr kann nicht mehr geändert werden."))
    if w.vorbereitet_von_id == user.pk:
        return nein(_("Vier-Augen-Prinzip: Wer die Weiterleitung vorbereitet hat, darf sie nicht freigeben."))
    if w.status != "vorbereitet":
        return nein(_("Nur eine vorbereitete Weiterleitung kann freigegeben werden."))
    return JA


@rule("weiterleitung.auszahlen")
def _weiterleitung_auszahlen(user, scope, w):
    if w.foerderjahr.kreis_id not in scope.finanzen_kreis_ids:
        if "land" in scope.rollen:
            return nein(READ_ONLY_LAND)
        return nein(_("Nur die Finanzverwaltung des Kreises zahlt aus."))
    if w.status != "freigegeben":
        return nein(_("Nur eine freigegebene Weiterleitung kann ausgezahlt werden."))
    return JA


@rule("weiterleitung.empfang_bestaetigen")
def _weiterleitung_empfang(user, scope, w):
    if w.gemeinde_id not in scope.gemeinde_ids:
        return nein(_("Nur die empfangende Gemeinde bestätigt den Empfang."))
    if w.status != "bezahlt":
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


# --- Verwendungsnachweis ---------------------------------------------------------------------------------
@rule("nachweis.anlegen")
def _nachweis_anlegen(user, scope, fj):
    return _coordinates(scope, fj.kreis_id)


@rule("nachweis.bearbeiten")
def _nachweis_bearbeiten(user, scope, nachweis):
    if nachweis.gemeinde_id not in scope.gemeinde_ids:
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
    allowed = _coordinates(scope, nachweis.foerderjahr.kreis_id)
    if allowed and nachweis.status != "eingereicht":
        return nein(_("Es liegt kein eingereichter Verwendungsnachweis zur Prüfung vor."))
    return allowed


@rule("rueckforderung.begleichen")
def _rueckforderung_begleichen(user, scope, rueckforderung):
    if rueckforderung.nachweis.foerderjahr.kreis_id not in scope.finanzen_kreis_ids:
        return nein(_("Nur die Finanzverwaltung des Kreises verbucht Rückzahlungen."))
    if rueckforderung.status != "offen":
        return nein(_("Die Rückforderung ist bereits beglichen."))
    return JA


@rule("kennzahlen.erfassen")
def _kennzahlen_erfassen(user, scope, fj_and_gemeinde):
    """The Kreis enters and corrects the figures of its Gemeinden; a Gemeinde enters its own when it runs
    Integrationsmanagement itself that year."""
    fj, gemeinde = fj_and_gemeinde
    if fj.status == fj.Status.ABGESCHLOSSEN:
        return nein(_("Ein abgeschlossenes Förderjahr kann nicht mehr geändert werden."))
    if fj.kreis_id in scope.koordination_kreis_ids:
        return JA
    if gemeinde.pk in scope.gemeinde_ids:
        selbst = fj.entscheidungen.filter(
            gemeinde=gemeinde, status="angenommen", wahl__in=["allein", "verbund"]
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


@rule("entscheidung.wieder_oeffnen")
def _entscheidung_wieder_oeffnen(user, scope, entscheidung):
    """After the deadline default, the coordination may reopen one Gemeinde's decision for a late
    submission (e.g. the council decided in time but the upload was forgotten)."""
    allowed = _coordinates(scope, entscheidung.foerderjahr.kreis_id)
    if allowed and entscheidung.foerderjahr.status == entscheidung.foerderjahr.Status.ABGESCHLOSSEN:
        return nein(_("Ein abgeschlossenes Förderjahr kann nicht mehr geändert werden."))
    if allowed and entscheidung.status != "bleibt_beim_landkreis":
        return nein(
            _(
                "Nur eine nach Fristablauf beim Landkreis verbliebene Entscheidung "
                "kann wieder geöffnet werden."
            )
        )
    return allowed
