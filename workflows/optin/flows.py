"""The viewflow graphs of the decision. They only order and assign the steps; every state change is a
function in ``services``, which completes the matching task.

Entscheidung (one process per Gemeinde and Förderjahr)::

    start → abgeben (Gemeinde, wizard) → Verbund? ─ja→ bestaetigungen (waits for partners) ─alle ja→ pruefen
                  ↑                           └nein──────────────────────────────────────────────→ pruefen
                  └── partner declined / coordinator returned ──────────── pruefen → angenommen → ende

Bestaetigung (one process per partner and submission): start → bestaetigen (partner Gemeinde) → ende.
"""

from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views import View as DjangoView
from viewflow import this
from viewflow.workflow import flow, lock

from portal.organisations.scope import scope_of
from workflows.optin.models import BestaetigungsProzess, Entscheidung, EntscheidungsProzess, Status


class ZurFachseite(DjangoView):
    """Task pages are the portal's own pages (wizard, review, confirmation): viewflow's task URLs
    lead there, after viewflow's wrapper has checked the task belongs to this flow and user."""

    def get(self, request, *args, **kwargs):
        task = request.activation.task
        if not task.flow_task.flow_class.instance.has_view_permission(request.user, task.process):
            raise Http404
        return redirect(task.process.coerced.fachseite())

    post = get


def _prozess(task):
    return task.process.coerced


class GemeindeAufgabe(flow.View):
    """A task for the users of the process's Gemeinde (any of them may take it over)."""

    index_view_class = ZurFachseite

    def can_execute(self, user, task):
        return user.is_authenticated and _prozess(task).gemeinde_id in scope_of(user).gemeinde_ids

    def can_assign(self, user, task):
        return not task.owner_id and self.can_execute(user, task)

    def can_unassign(self, user, task):
        return bool(task.owner_id) and self.can_execute(user, task)


class KoordinationsAufgabe(flow.View):
    """A task for the coordinating office of the process's Kreis."""

    index_view_class = ZurFachseite

    def can_execute(self, user, task):
        return user.is_authenticated and _prozess(task).kreis_id in scope_of(user).koordination_kreis_ids

    def can_assign(self, user, task):
        return not task.owner_id and self.can_execute(user, task)

    def can_unassign(self, user, task):
        return bool(task.owner_id) and self.can_execute(user, task)


class ScopedFlow(flow.Flow):
    """Who may look at a process is decided by ``visible_to`` (tenant isolation in one place); only the
    operator may manage (cancel, undo, revive) processes by hand."""

    lock_impl = lock.select_for_update_lock

    def has_view_permission(self, user, obj=None):
        if not user.is_authenticated or not user.is_active:
            return False
        scope = scope_of(user)
        if obj is None:
            return scope.alles or bool(scope.rollen)
        return self.process_class.objects.visible_to(user).filter(pk=obj.pk).exists()

    def has_manage_permission(self, user, obj=None):
        return user.is_authenticated and user.is_active and user.is_superuser


class EntscheidungFlow(ScopedFlow):
    process_class = EntscheidungsProzess
    process_title = _("Entscheidung der Gemeinde")
    process_description = _("Entscheidung bis 31. Mai: beim Landkreis bleiben, allein oder im Verbund.")
    process_summary_template = "{{ process.entscheidung }} – {{ process.entscheidung.get_status_display }}"

    start = flow.StartHandle(this.prozess_anlegen).Next(this.abgeben)
    abgeben = (
        GemeindeAufgabe(ZurFachseite.as_view())
        .Annotation(title=_("Entscheidung abgeben"))
        .Next(this.ist_verbund)
    )
    ist_verbund = flow.If(this.braucht_bestaetigung).Then(this.bestaetigungen).Else(this.pruefen)
    bestaetigungen = (
        flow.Handle().Annotation(title=_("Bestätigung der Partnergemeinden")).Next(this.alle_bestaetigt)
    )
    alle_bestaetigt = flow.If(this.partner_einverstanden).Then(this.pruefen).Else(this.abgeben)
    pruefen = (
        KoordinationsAufgabe(ZurFachseite.as_view())
        .Annotation(title=_("Entscheidung prüfen"))
        .Next(this.angenommen)
    )
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
    bestaetigen = (
        GemeindeAufgabe(ZurFachseite.as_view()).Annotation(title=_("Teilnahme bestätigen")).Next(this.ende)
    )
    ende = flow.End()

    def prozess_anlegen(self, activation, bestaetigung):
        activation.process.bestaetigung = bestaetigung
        return activation.process
