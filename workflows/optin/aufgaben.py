"""The open viewflow tasks of the decision process that a user may work on, for the dashboard.

A task belongs to a Gemeinde (submit, confirm as partner) or to a Kreis's coordinating office
(review); like every list, it is filtered by the user's organisation."""

from dataclasses import dataclass

from viewflow.workflow.models import Task

from portal.organisations.scope import scope_of
from workflows.base import OFFEN
from workflows.optin.flows import BestaetigungFlow, EntscheidungFlow
from workflows.optin.models import Entscheidung, Partnerbestaetigung


@dataclass
class Aufgabe:
    titel: str
    objekt: object
    url: str
    frist: object


def offene_aufgaben(user) -> list[Aufgabe]:
    scope = scope_of(user)
    aufgaben = []
    offen = Task.objects.filter(status__in=OFFEN)
    abgeben = offen.filter(
        flow_task=EntscheidungFlow.instance.abgeben,
        process__entscheidungsprozess__entscheidung__gemeinde__in=scope.gemeinde_ids,
    ).values("process__entscheidungsprozess__entscheidung")
    for e in Entscheidung.objects.filter(pk__in=abgeben).select_related("gemeinde", "foerderjahr"):
        aufgaben.append(
            Aufgabe(
                EntscheidungFlow.instance.abgeben.task_title,
                e,
                e.get_absolute_url(),
                e.foerderjahr.frist_entscheidung,
            )
        )
    bestaetigen = offen.filter(
        flow_task=BestaetigungFlow.instance.bestaetigen,
        process__bestaetigungsprozess__bestaetigung__gemeinde__in=scope.gemeinde_ids,
    ).values("process__bestaetigungsprozess__bestaetigung")
    for b in Partnerbestaetigung.objects.filter(pk__in=bestaetigen).select_related(
        "gemeinde", "entscheidung__gemeinde", "entscheidung__foerderjahr"
    ):
        aufgaben.append(
            Aufgabe(
                BestaetigungFlow.instance.bestaetigen.task_title,
                b,
                b.get_absolute_url(),
                b.entscheidung.foerderjahr.frist_entscheidung,
            )
        )
    pruefen = offen.filter(
        flow_task=EntscheidungFlow.instance.pruefen,
        process__entscheidungsprozess__entscheidung__foerderjahr__kreis__in=scope.koordination_kreis_ids,
    ).values("process__entscheidungsprozess__entscheidung")
    for e in Entscheidung.objects.filter(pk__in=pruefen).select_related("gemeinde", "foerderjahr"):
        aufgaben.append(
            Aufgabe(
                EntscheidungFlow.instance.pruefen.task_title,
                e,
                e.get_absolute_url(),
                e.foerderjahr.frist_entscheidung,
            )
        )
    return sorted(aufgaben, key=lambda a: (a.frist, str(a.objekt)))
