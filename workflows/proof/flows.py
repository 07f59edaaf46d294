"""The viewflow graph of a proof of use::

start → einreichen (recipient Gemeinde, wizard) → pruefen (coordination) ─geprüft→ ende
            ↑                                              └returned┘
"""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from workflows.base import Aufgabe, ScopedFlow
from workflows.proof import schritte
from workflows.proof.models import NachweisProzess, Verwendungsnachweis


class NachweisFlow(ScopedFlow):
    process_class = NachweisProzess
    process_title = _("Verwendungsnachweis")
    process_description = _(
        "Sachbericht und zahlenmäßiger Nachweis, Prüfung durch die koordinierende Stelle."
    )
    process_summary_template = "{{ process.nachweis }} – {{ process.nachweis.get_status_display }}"

    start = flow.StartHandle(this.prozess_anlegen).Next(this.einreichen)
    einreichen = (
        Aufgabe(schritte.EINREICHEN).Annotation(title=_("Verwendungsnachweis einreichen")).Next(this.pruefen)
    )
    pruefen = Aufgabe(schritte.PRUEFEN).Annotation(title=_("Verwendungsnachweis prüfen")).Next(this.geprueft)
    geprueft = flow.If(this.geprueft_q).Then(this.ende).Else(this.einreichen)
    ende = flow.End()

    def prozess_anlegen(self, activation, nachweis):
        activation.process.nachweis = nachweis
        return activation.process

    def geprueft_q(self, activation):
        status = Verwendungsnachweis.objects.values_list("status", flat=True).get(
            prozess=activation.process.pk
        )
        return status == Verwendungsnachweis.Status.GEPRUEFT
