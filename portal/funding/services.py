"""The doors through which a Förderjahr changes. Each checks permission, validates, changes the
record and writes one audit event, in one transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit.services import diff, record_event
from portal.funding.fristen import um_jahre_verschoben
from portal.funding.models import Foerderjahr, Foerderprogramm, Jahresparameter
from portal.permissions import require


def shifted_parameters(source: Jahresparameter, years: int) -> dict:
    """The parameters of ``source`` with every date moved by ``years`` years."""
    params = source.parameter()
    for name in Jahresparameter.FRISTFELDER:
        params[name] = um_jahre_verschoben(params[name], years)
    params["erinnerung_tage"] = list(params["erinnerung_tage"])
    return params


def _validated(fj: Foerderjahr) -> Foerderjahr:
    fj.full_clean()
    return fj


@transaction.atomic
def foerderjahr_anlegen(programm: Foerderprogramm, kreis, jahr: int, planungsrahmen, actor) -> Foerderjahr:
    """A Kreis's first Förderjahr, from the programme's defaults shifted to ``jahr``."""
    require(actor, "foerderjahr.anlegen", kreis)
    fj = Foerderjahr(
        programm=programm,
        kreis=kreis,
        jahr=jahr,
        planungsrahmen=planungsrahmen,
        **shifted_parameters(programm, jahr - programm.referenzjahr),
    )
    _validated(fj).save()
    record_event(
        "foerderjahr.angelegt", fj, actor=actor, aenderungen=diff({}, {"jahr": jahr, **fj.parameter()})
    )
    return fj


@transaction.atomic
def foerderjahr_fortschreiben(vorjahr: Foerderjahr, actor) -> Foerderjahr:
    """Year N+1 as a draft: year N's parameters with every date a year later."""
    vorjahr = Foerderjahr.objects.select_for_update().get(pk=vorjahr.pk)
    require(actor, "foerderjahr.fortschreiben", vorjahr)
    fj = Foerderjahr(
        programm=vorjahr.programm,
        kreis=vorjahr.kreis,
        jahr=vorjahr.jahr + 1,
        planungsrahmen=vorjahr.planungsrahmen,
        vorjahr=vorjahr,
        **shifted_parameters(vorjahr, 1),
    )
    _validated(fj).save()
    record_event(
        "foerderjahr.fortgeschrieben",
        fj,
        actor=actor,
        begruendung=_("Fortgeschrieben aus dem Förderjahr %(jahr)s.") % {"jahr": vorjahr.jahr},
    )
    return fj


@transaction.atomic
def foerderjahr_aendern(fj: Foerderjahr, changes: dict, actor, begruendung: str = "") -> Foerderjahr:
    """Edit a draft, or amend a year in use (then ``begruendung`` is required)."""
    fj = Foerderjahr.objects.select_for_update().get(pk=fj.pk)
    require(actor, "foerderjahr.bearbeiten", fj)
    unknown = set(changes) - set(Foerderjahr.EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    before = {name: getattr(fj, name) for name in changes}
    for name, value in changes.items():
        setattr(fj, name, value)
    changed = diff(before, {name: getattr(fj, name) for name in changes})
    if not changed:
        return fj
    begruendung = (begruendung or "").strip()
    if fj.braucht_begruendung and not begruendung:
        raise ValidationError(
            {
                "begruendung": _(
                    "Dieses Förderjahr ist bereits in Verwendung: bitte begründen Sie die Änderung."
                )
            }
        )
    _validated(fj).save()
    aktion = "foerderjahr.geaendert" if fj.braucht_begruendung else "foerderjahr.bearbeitet"
    record_event(aktion, fj, actor=actor, begruendung=begruendung, aenderungen=changed)
    return fj


def _set_status(fj: Foerderjahr, permission: str, status: str, aktion: str, actor) -> Foerderjahr:
    fj = Foerderjahr.objects.select_for_update().get(pk=fj.pk)
    require(actor, permission, fj)
    before = fj.status
    fj.status = status
    fj.save(update_fields=["status"])
    record_event(aktion, fj, actor=actor, aenderungen=diff({"status": before}, {"status": status}))
    return fj


@transaction.atomic
def foerderjahr_veroeffentlichen(fj: Foerderjahr, actor) -> Foerderjahr:
    """Publishing makes the year's parameters visible to the Gemeinden of the Kreis; later changes
    need a reason."""
    return _set_status(
        fj,
        "foerderjahr.veroeffentlichen",
        Foerderjahr.Status.VEROEFFENTLICHT,
        "foerderjahr.veroeffentlicht",
        actor,
    )


@transaction.atomic
def foerderjahr_abschliessen(fj: Foerderjahr, actor) -> Foerderjahr:
    return _set_status(
        fj, "foerderjahr.abschliessen", Foerderjahr.Status.ABGESCHLOSSEN, "foerderjahr.abgeschlossen", actor
    )


def als_verwendet_markieren(fj: Foerderjahr) -> None:
    """Called by a process when it first reads the year's parameters: from now on, amendments only."""
    if fj.in_verwendung_seit is None:
        Foerderjahr.objects.filter(pk=fj.pk, in_verwendung_seit__isnull=True).update(
            in_verwendung_seit=timezone.now()
        )
        fj.refresh_from_db(fields=["in_verwendung_seit"])
