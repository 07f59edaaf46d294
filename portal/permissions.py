"""The one registry that answers "may this user do X to this object, and if not, why".

``check(user, action, obj)`` returns an ``Erlaubnis`` that is truthy when allowed and carries a
German reason when not; ``require`` raises ``PermissionDenied`` with that reason. Views show the
reason, services call ``require`` before they change anything. What a user may *see* is decided by
``visible_to`` (``portal.organisations.scope``); the rules decide what a user may *do*.

This module holds the registry, the building blocks every rule uses (``koordiniert``, the common
reasons) and the rules of ``portal``'s own objects (Förderjahr, counts and allocation, audit export,
users). Each process registers its own rules from ``workflows/<process>/regeln.py`` (imported by its
``AppConfig.ready``); this module knows no process and no process status.
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
    """Register ``func(user, scope, obj) -> Erlaubnis`` as the rule of ``action`` (once per action)."""

    def register(func):
        if action in RULES and RULES[action] is not func:
            raise ValueError(f"permission rule {action!r} is registered twice")
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
JAHR_ABGESCHLOSSEN = _("Ein abgeschlossenes Förderjahr kann nicht mehr geändert werden.")


def koordiniert(scope, kreis_id) -> Erlaubnis:
    """The coordinating office of the Kreis may; the Land is told it only reads."""
    if kreis_id in scope.koordination_kreis_ids:
        return JA
    if "land" in scope.rollen:
        return nein(READ_ONLY_LAND)
    return nein(NOT_COORDINATION)


# --- Förderjahr --------------------------------------------------------------------------------
@rule("foerderjahr.anlegen")
def _foerderjahr_anlegen(user, scope, kreis):
    return koordiniert(scope, kreis.pk)


@rule("foerderjahr.bearbeiten")
def _foerderjahr_bearbeiten(user, scope, fj):
    allowed = koordiniert(scope, fj.kreis_id)
    if allowed and fj.status == fj.Status.ABGESCHLOSSEN:
        return nein(JAHR_ABGESCHLOSSEN)
    return allowed


@rule("foerderjahr.fortschreiben")
def _foerderjahr_fortschreiben(user, scope, fj):
    allowed = koordiniert(scope, fj.kreis_id)
    if allowed and hasattr(fj, "folgejahr"):
        return nein(_("Das Förderjahr %(jahr)s gibt es schon.") % {"jahr": fj.jahr + 1})
    return allowed


@rule("foerderjahr.veroeffentlichen")
def _foerderjahr_veroeffentlichen(user, scope, fj):
    allowed = koordiniert(scope, fj.kreis_id)
    if allowed and fj.status != fj.Status.ENTWURF:
        return nein(_("Nur ein Entwurf kann veröffentlicht werden."))
    return allowed


@rule("foerderjahr.abschliessen")
def _foerderjahr_abschliessen(user, scope, fj):
    allowed = koordiniert(scope, fj.kreis_id)
    if allowed and fj.status != fj.Status.VEROEFFENTLICHT:
        return nein(_("Nur ein veröffentlichtes Förderjahr kann abgeschlossen werden."))
    return allowed


# --- Zielgruppe and Mittelverteilung -----------------------------------------------------------------
@rule("meldung.erfassen")
def _meldung_erfassen(user, scope, fj_and_gemeinde):
    """Gemeinden report their own count until the deadline; the coordination records and corrects
    any count of its Kreis (after the deadline with a reason, which the service asks for)."""
    from django.utils import timezone

    from portal.funding.fristen import ist_verspaetet

    fj, gemeinde = fj_and_gemeinde
    if fj.status == fj.Status.ABGESCHLOSSEN:
        return nein(JAHR_ABGESCHLOSSEN)
    if fj.kreis_id in scope.koordination_kreis_ids:
        return JA
    if gemeinde.pk in scope.gemeinde_ids:
        if fj.status != fj.Status.VEROEFFENTLICHT:
            return nein(_("Das Förderjahr ist noch nicht veröffentlicht."))
        if ist_verspaetet(timezone.now(), fj.frist_zielgruppen_meldung):
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
    return koordiniert(scope, kreis.pk)


# --- Master data ---------------------------------------------------------------------------------
@rule("stammdaten.importieren")
def _stammdaten_importieren(user, scope, _obj):
    """The Land's Kreise and Gemeinden come from the official directory: only the operator loads it."""
    return JA if user.is_superuser else nein(_("Das Gemeindeverzeichnis übernimmt nur der Betrieb."))


# --- Access: invitations and roles --------------------------------------------------------------
def _kreis_der_rolle(m) -> int | None:
    return m.kreis_id or (m.gemeinde.kreis_id if m.gemeinde_id else None)


@rule("benutzer.einladen")
def _benutzer_einladen(user, scope, kreis):
    """A Kreis's coordinators invite people into their Kreis and its Gemeinden (and grant them roles)."""
    return JA if user.is_superuser else koordiniert(scope, kreis.pk)


@rule("rolle.bestaetigen")
def _rolle_bestaetigen(user, scope, m):
    """Four eyes for a power role: a second coordinator of the Kreis, never the one who granted it nor
    the person who receives it."""
    if not m.wartet_auf_bestaetigung:
        return nein(_("Diese Rolle wartet auf keine Bestätigung."))
    if user.pk in (m.erteilt_von_id, m.user_id):
        return nein(_("Eine Rolle bestätigt eine zweite Person der Koordination, nicht wer sie erteilt hat."))
    return JA if user.is_superuser else koordiniert(scope, _kreis_der_rolle(m))


@rule("rolle.entziehen")
def _rolle_entziehen(user, scope, m):
    if user.pk == m.user_id:
        return nein(_("Ihre eigene Rolle kann Ihnen nur eine andere Person der Koordination entziehen."))
    if m.rolle not in ("gemeinde", "koordination", "finanzen"):
        return nein(_("Rollen des Landes und der Redaktion verwaltet der Betrieb."))
    return JA if user.is_superuser else koordiniert(scope, _kreis_der_rolle(m))


# --- Kreis settings and addresses ----------------------------------------------------------------
@rule("kreis.einstellungen")
def _kreis_einstellungen(user, scope, kreis):
    """Letterhead, Aktenzeichen, Rechtsbehelfsbelehrung and address: the Kreis's coordination."""
    return JA if user.is_superuser else koordiniert(scope, kreis.pk)


@rule("kreis.konto_vorschlagen")
def _kreis_konto_vorschlagen(user, scope, kreis):
    if user.is_superuser or kreis.pk in scope.kreis_ids:
        return JA
    return nein(_("Die Kreiskasse ändern Koordination und Finanzen des Kreises."))


@rule("kreis.konto_bestaetigen")
def _kreis_konto_bestaetigen(user, scope, aenderung):
    """Four eyes on the debtor account: a second person of coordination or finance, not the proposer."""
    if user.pk == aenderung.vorgeschlagen_von_id:
        return nein(
            _("Eine zweite Person bestätigt die neue Bankverbindung, nicht wer sie vorgeschlagen hat.")
        )
    if user.is_superuser or aenderung.kreis_id in scope.kreis_ids:
        return JA
    return nein(_("Die Kreiskasse ändern Koordination und Finanzen des Kreises."))


@rule("gemeinde.anschrift")
def _gemeinde_anschrift(user, scope, gemeinde):
    """The Gemeinde keeps its own address; its Kreis's coordination may correct it."""
    if user.is_superuser or gemeinde.pk in scope.gemeinde_ids:
        return JA
    return koordiniert(scope, gemeinde.kreis_id)


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
