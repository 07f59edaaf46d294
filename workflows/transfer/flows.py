"""The viewflow graph of a transfer (four eyes)::

start → freigeben (coordination, not the preparer) ─ok→ auszahlen (finance) ─paid→ empfang (Gemeinde) → ende
            ↑                                 └return┐              └return┐
            └──────────── ueberarbeiten (coordination) ←──────────────────────┘
"""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from workflows.base import Aufgabe, ScopedFlow
from workflows.transfer import schritte
from workflows.transfer.models import Weiterleitung, WeiterleitungsProzess


class WeiterleitungFlow(ScopedFlow):
    process_class = WeiterleitungsProzess
    process_title = _("Weiterleitung der Mittel")
    process_description = _("Vorbereiten, freigeben (Vier-Augen-Prinzip), auszahlen, Empfang bestätigen.")
    process_summary_template = "{{ process.weiterleitung }} – {{ process.weiterleitung.get_status_display }}"

    start = flow.StartHandle(this.prozess_anlegen).Next(this.freigeben)
    freigeben = (
        Aufgabe(schritte.FREIGEBEN).Annotation(title=_("Weiterleitung freigeben")).Next(this.ist_freigegeben)
    )
    ist_freigegeben = flow.If(this.freigegeben_q).Then(this.auszahlen).Else(this.ueberarbeiten)
    auszahlen = (
        Aufgabe(schritte.AUSZAHLEN).Annotation(title=_("Weiterleitung auszahlen")).Next(this.ist_bezahlt)
    )
    ist_bezahlt = flow.If(this.bezahlt_q).Then(this.empfang).Else(this.ueberarbeiten)
    ueberarbeiten = (
        Aufgabe(schritte.UEBERARBEITEN).Annotation(title=_("Weiterleitung überarbeiten")).Next(this.freigeben)
    )
    empfang = Aufgabe(schritte.EMPFANG).Annotation(title=_("Empfang bestätigen")).Next(this.ende)
    ende = flow.End()

    def prozess_anlegen(self, activation, weiterleitung):
        activation.process.weiterleitung = weiterleitung
        return activation.process

    @staticmethod
    def _status(activation):
        return Weiterleitung.objects.values_list("status", flat=True).get(prozess=activation.process.pk)

    def freigegeben_q(self, activation):
        return self._status(activation) == Weiterleitung.Status.FREIGEGEBEN

    def bezahlt_q(self, activation):
        return self._status(activation) == Weiterleitung.Status.BEZAHLT
