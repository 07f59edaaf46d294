"""Building blocks shared by every process of the portal (one package per process under workflows/):

* ``Fachprozess`` – a viewflow process that points at one domain record, with ``visible_to``;
* ``ScopedFlow`` – view permission through ``visible_to``, manage permission for the operator only,
  ``select_for_update_lock``;
* task nodes whose permission is the organisation of the process (Gemeinde, coordinating office,
  finance), leading to the portal's own pages;
* ``erledigen`` – complete an open task in the name of a user, from a service function.
"""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View as DjangoView
from viewflow.workflow import flow, lock
from viewflow.workflow.managers import ProcessQuerySet
from viewflow.workflow.status import STATUS

from portal.organisations.scope import scope_of

#: Task states in which a task still waits for someone.
OFFEN = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)


class FachprozessQuerySet(ProcessQuerySet):
    def visible_to(self, user):
        """A process is visible exactly when its record is."""
        feld = self.model.fach_feld
        fach_model = self.model._meta.get_field(feld).related_model
        return self.filter(**{f"{feld}__in": fach_model.objects.visible_to(user)})


class Fachprozess:
    """What the flows and the scoped views ask of a process: its record (``fach``), the Gemeinde whose
    users work on it, the Kreis whose office reviews it, and the portal page for it."""

    fach_feld = ""

    @property
    def fach(self):
        return getattr(self, self.fach_feld)

    def __str__(self):
        return str(self.fach)

    @property
    def gemeinde_id(self):
        return self.fach.gemeinde_id

    @property
    def kreis_id(self):
        return self.fach.kreis_id

    def fachseite(self):
        return self.fach.get_absolute_url()


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


class Aufgabe(flow.View):
    """A human task whose permission is an organisation of the process; the portal page does the work."""

    index_view_class = ZurFachseite

    def __init__(self, view=None, **kwargs):
        super().__init__(view or ZurFachseite.as_view(), **kwargs)

    def darf(self, user, prozess) -> bool:
        raise NotImplementedError

    def can_execute(self, user, task):
        return user.is_authenticated and user.is_active and self.darf(user, _prozess(task))

    def can_assign(self, user, task):
        return not task.owner_id and self.can_execute(user, task)

    def can_unassign(self, user, task):
        return bool(task.owner_id) and self.can_execute(user, task)


class GemeindeAufgabe(Aufgabe):
    """For the users of the process's Gemeinde (any of them may take it over)."""

    def darf(self, user, prozess):
        return prozess.gemeinde_id in scope_of(user).gemeinde_ids


class KoordinationsAufgabe(Aufgabe):
    """For the coordinating office of the process's Kreis."""

    def darf(self, user, prozess):
        return prozess.kreis_id in scope_of(user).koordination_kreis_ids


class FinanzAufgabe(Aufgabe):
    """For the finance office of the process's Kreis."""

    def darf(self, user, prozess):
        return prozess.kreis_id in scope_of(user).finanzen_kreis_ids


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


def offene_aufgabe(process, node):
    return process.task_set.filter(flow_task=node, status__in=OFFEN).order_by("-pk").first()


def erledigen(process, node, actor):
    """Complete the open task ``node`` of ``process`` in the name of ``actor`` (called by services,
    inside the flow lock and the service's transaction)."""
    task = offene_aufgabe(process, node)
    if task is None:
        raise ValidationError(_("Dieser Schritt ist bereits erledigt."))
    activation = node.activation_class(task)
    if task.status == STATUS.NEW:
        activation.assign(actor)
    elif task.owner_id != getattr(actor, "pk", None) and task.status == STATUS.ASSIGNED:
        activation.reassign(actor)
    if task.status == STATUS.ASSIGNED:
        activation.start(None)
    activation.execute()


def beenden(process):
    """Cancel what is still open of a process."""
    if process.status not in ("DONE", "CANCELED"):
        process.flow_class.instance.cancel(process)
