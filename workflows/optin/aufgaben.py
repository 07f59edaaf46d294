"""The open viewflow tasks of the decision process that a user may work on, for the dashboard.

A task belongs to a Gemeinde (submit, confirm as partner) or to a Kreis's coordinating office
(review); like every list, it is filtered by the user's organisation."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef
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
    regeln = [
        # (node, path from the task to the record, record model, who: filter on the record, its deadline,
        # records whose task rests meanwhile)
        (
            EntscheidungFlow.instance.abgeben,
            "process__entscheidungsprozess__entscheidung",
            Entscheidung,
            {"gemeinde__in": scope.gemeinde_ids},
            lambda e: e.foerderjahr.frist_entscheidung,
            # a partner asked by a Verbund under way answers that request (the task below) and cannot
            # submit a decision of its own meanwhile
            Exists(
                Partnerbestaetigung.objects.angefragt().filter(
                    gemeinde=OuterRef("gemeinde"), entscheidung__foerderjahr=OuterRef("foerderjahr")
                )
            ),
        ),
        (
            BestaetigungFlow.instance.bestaetigen,
            "process__bestaetigungsprozess__bestaetigung",
            Partnerbestaetigung,
            {"gemeinde__in": scope.gemeinde_ids},
            lambda b: b.entscheidung.foerderjahr.frist_entscheidung,
            None,
        ),
        (
            EntscheidungFlow.instance.pruefen,
            "process__entscheidungsprozess__entscheidung",
            Entscheidung,
            {"foerderjahr__kreis__in": scope.koordination_kreis_ids},
            lambda e: e.foerderjahr.frist_entscheidung,
            None,
        ),
    ]
    aufgaben = []
    for node, pfad, model, wer, frist, ruht in regeln:
        if not next(iter(wer.values())):
            continue
        offen = Task.objects.filter(flow_task=node, status__in=OFFEN).values(pfad)
        related = (
            ["gemeinde", "foerderjahr"]
            if model is Entscheidung
            else ["gemeinde", "entscheidung__foerderjahr"]
        )
        objekte = model.objects.filter(pk__in=offen, **wer).select_related(*related)
        if ruht is not None:
            objekte = objekte.exclude(ruht)
        for obj in objekte:
            aufgaben.append(Aufgabe(node.task_title, obj, obj.get_absolute_url(), frist(obj)))
    return sorted(aufgaben, key=lambda a: (a.frist, str(a.objekt)))
