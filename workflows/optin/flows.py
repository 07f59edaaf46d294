"""The viewflow graphs of the decision. They only order and assign the steps; every state change is a
function in ``services``, which completes the matching task.

Entscheidung (one process per Gemeinde and Förderjahr)::

    start → abgeben (Gemeinde, wizard) → Verbund? ─ja→ bestaetigungen (waits for partners) ─alle ja→ pruefen
                  ↑                           └nein──────────────────────────────────────────────→ pruefen
                  └── partner declined / coordinator returned ──────────── pruefen → angenommen → ende

Bestaetigung (one process per partner and submission): start → bestaetigen (partner Gemeinde) → ende.
"""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from workflows.base import Aufgabe, ScopedFlow
from workflows.optin import schritte
from workflows.optin.models import BestaetigungsProzess, Entscheidung, EntscheidungsProzess, Status


class EntscheidungFlow(ScopedFlow):
    process_class = EntscheidungsProzess
    process_title = _("Entscheidung der Gemeinde")
    process_description = _(
        "Entscheidung bis zur Frist des Förderjahres: beim Landkreis bleiben, allein oder im Verbund."
    )
    process_summary_template = "{{ process.entscheidung }} – {{ process.entscheidung.get_status_display }}"

    start = flow.StartHandle(this.prozess_anlegen).Next(this.abgeben)
    abgeben = Aufgabe(schritte.ABGEBEN).Annotation(title=_("Entscheidung abgeben")).Next(this.ist_verbund)
    ist_verbund = flow.If(this.braucht_bestaetigung).Then(this.bestaetigungen).Else(this.pruefen)
    bestaetigungen = (
        flow.Handle().Annotation(title=_("Bestätigung der Partnergemeinden")).Next(this.alle_bestaetigt)
    )
    alle_bestaetigt = flow.If(this.partner_einverstanden).Then(this.pruefen).Else(this.abgeben)
    pruefen = Aufgabe(schritte.PRUEFEN).Annotation(title=_("Entscheidung prüfen")).Next(this.angenommen)
    angenommen = flow.If(this.ist_angenommen).Then(this.ende).Else(this.abgeben)
    ende = flow.End()

    def prozess_anlegen(self, activation, entscheidung):
        activation.process.entscheidung = entscheidung
        return activation.process

    @staticmethod
    def _entscheidung(activation):
        """Read fresh from the database: the gates decide on what the service just wrote."""
        return Entscheidung.objects.get(prozess=activation.process.pk)

    def braucht_bestaetigung(self, activation):
        entscheidung = self._entscheidung(activation)
        return entscheidung.bestaetigungen.filter(einreichung=entscheidung.einreichungen).exists()

    def partner_einverstanden(self, activation):
        return self._entscheidung(activation).status in (Status.EINGEREICHT, Status.VERSPAETET)

    def ist_angenommen(self, activation):
        return self._entscheidung(activation).status == Status.ANGENOMMEN


class BestaetigungFlow(ScopedFlow):
    process_class = BestaetigungsProzess
    process_title = _("Bestätigung als Partnergemeinde")
    process_description = _("Eine Partnergemeinde bestätigt ihre Teilnahme am Verbund oder lehnt sie ab.")
    process_summary_template = "{{ process.bestaetigung }} – {{ process.bestaetigung.get_antwort_display }}"

    start = flow.StartHandle(this.prozess_anlegen).Next(this.bestaetigen)
    bestaetigen = Aufgabe(schritte.BESTAETIGEN).Annotation(title=_("Teilnahme bestätigen")).Next(this.ende)
    ende = flow.End()

    def prozess_anlegen(self, activation, bestaetigung):
        activation.process.bestaetigung = bestaetigung
        return activation.process
