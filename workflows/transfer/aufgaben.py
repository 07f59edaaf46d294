"""Open tasks of the transfers for the dashboard: approve (coordination, never one's own preparation),
rework (coordination), pay (finance), confirm receipt (the receiving Gemeinde)."""

from viewflow.workflow.models import Task

from portal.organisations.scope import scope_of
from workflows.base import OFFEN
from workflows.optin.aufgaben import Aufgabe
from workflows.transfer.flows import WeiterleitungFlow
from workflows.transfer.models import Weiterleitung


def offene_aufgaben(user) -> list[Aufgabe]:
    scope = scope_of(user)
    flow = WeiterleitungFlow.instance
    regeln = [
        (flow.freigeben, {"foerderjahr__kreis__in": scope.koordination_kreis_ids}),
        (flow.ueberarbeiten, {"foerderjahr__kreis__in": scope.koordination_kreis_ids}),
        (flow.auszahlen, {"foerderjahr__kreis__in": scope.finanzen_kreis_ids}),
        (flow.empfang, {"gemeinde__in": scope.gemeinde_ids}),
    ]
    aufgaben = []
    for node, filter_ in regeln:
        if not next(iter(filter_.values())):
            continue
        offen = Task.objects.filter(flow_task=node, status__in=OFFEN).values(
            "process__weiterleitungsprozess__weiterleitung"
        )
        qs = Weiterleitung.objects.filter(pk__in=offen, **filter_).select_related(
            "foerderjahr", "gemeinde", "verbund"
        )
        if node is flow.freigeben:
            qs = qs.exclude(vorbereitet_von=user)
        for w in qs:
            aufgaben.append(Aufgabe(node.task_title, w, w.get_absolute_url(), None))
    return aufgaben
