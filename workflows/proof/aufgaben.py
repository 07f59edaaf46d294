"""Open tasks of the proofs of use for the dashboard: submit (recipient Gemeinde), review (coordination)."""

from viewflow.workflow.models import Task

from portal.organisations.scope import scope_of
from workflows.base import OFFEN
from workflows.optin.aufgaben import Aufgabe
from workflows.proof.flows import NachweisFlow
from workflows.proof.models import Verwendungsnachweis


def offene_aufgaben(user) -> list[Aufgabe]:
    scope = scope_of(user)
    flow = NachweisFlow.instance
    regeln = [
        (flow.einreichen, {"gemeinde__in": scope.gemeinde_ids}),
        (flow.pruefen, {"foerderjahr__kreis__in": scope.koordination_kreis_ids}),
    ]
    aufgaben = []
    for node, wer in regeln:
        if not next(iter(wer.values())):
            continue
        offen = Task.objects.filter(flow_task=node, status__in=OFFEN).values(
            "process__nachweisprozess__nachweis"
        )
        for n in Verwendungsnachweis.objects.filter(pk__in=offen, **wer).select_related(
            "foerderjahr", "gemeinde", "verbund"
        ):
            aufgaben.append(
                Aufgabe(node.task_title, n, n.get_absolute_url(), n.foerderjahr.frist_verwendungsnachweis)
            )
    return aufgaben
