"""Building blocks shared by every process of the portal (one package per process under workflows/):

* ``Fachprozess`` – a viewflow process that points at one domain record, with ``visible_to``;
* ``ScopedFlow`` – view permission through ``visible_to``, manage permission for the operator only,
  ``select_for_update_lock``;
* ``Schritt`` – who does one step of a process, defined once: as a filter on the process's record
  (the dashboard's task list, a permission rule) and as a test of one record (the task node's ``darf``);
* ``Aufgabe`` – the task node of a ``Schritt``, leading to the portal's own pages;
* ``offene_aufgaben`` – the open tasks of a flow that a user may work on, for the dashboard;
* ``erledigen`` – complete an open task in the name of a user, from a service function.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View as DjangoView
from viewflow.workflow import flow, lock
from viewflow.workflow.managers import ProcessQuerySet
from viewflow.workflow.models import Task
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


def _wert(obj, pfad: str):
    """``_wert(w, "foerderjahr__kreis")`` is ``w.foerderjahr.kreis_id``: a lookup path read in Python."""
    *weg, letztes = pfad.split("__")
    for teil in weg:
        obj = getattr(obj, teil)
    return getattr(obj, f"{letztes}_id")


@dataclass(frozen=True)
class Zustaendig:
    """The users of an organisation of the record: those whose ``menge`` (an attribute of their
    ``Scope``: ``gemeinde_ids``, ``koordination_kreis_ids``, ``finanzen_kreis_ids``) holds the
    record's ``feld`` (a lookup path to a Gemeinde or Kreis)."""

    feld: str
    menge: str

    def filter(self, user, scope) -> Q:
        return Q(**{f"{self.feld}__in": getattr(scope, self.menge)})

    def trifft_zu(self, user, scope, obj) -> bool:
        return _wert(obj, self.feld) in getattr(scope, self.menge)

    def leer(self, scope) -> bool:
        return not getattr(scope, self.menge)


@dataclass(frozen=True)
class NichtVon:
    """Four eyes: never the person named in the record's ``feld`` (e.g. who prepared it)."""

    feld: str
    grund: str

    def filter(self, user, scope) -> Q:
        return ~Q(**{self.feld: user.pk})

    def trifft_zu(self, user, scope, obj) -> bool:
        return getattr(obj, f"{self.feld}_id") != user.pk

    def leer(self, scope) -> bool:
        return False


GEMEINDE = Zustaendig("gemeinde", "gemeinde_ids")
KOORDINATION = Zustaendig("foerderjahr__kreis", "koordination_kreis_ids")
FINANZEN = Zustaendig("foerderjahr__kreis", "finanzen_kreis_ids")


@dataclass(frozen=True)
class Schritt:
    """Who does one step of a process, written once. The task node asks ``darf`` of one record, the
    dashboard filters the records with ``filter``, and the step's permission rule (``regeln.py``) uses
    ``verstoss`` for its reason; so the three can never disagree.

    ``frist`` gives a record's deadline for the task list, ``anzeige`` what the list shows of it, and
    ``ruht`` an expression for records whose task rests meanwhile (not offered)."""

    bedingungen: tuple
    frist: Callable | None = None
    anzeige: tuple[str, ...] = ()
    ruht: Callable | None = None

    def leer(self, scope) -> bool:
        return any(b.leer(scope) for b in self.bedingungen)

    def filter(self, user) -> Q:
        scope = scope_of(user)
        q = Q()
        for b in self.bedingungen:
            q &= b.filter(user, scope)
        return q

    def darf(self, user, obj) -> bool:
        scope = scope_of(user)
        return all(b.trifft_zu(user, scope, obj) for b in self.bedingungen)

    def verstoss(self, user, obj):
        """The first unmet condition that carries a reason of its own (four eyes), or None."""
        scope = scope_of(user)
        for b in self.bedingungen:
            if hasattr(b, "grund") and not b.trifft_zu(user, scope, obj):
                return b
        return None


def _prozess(task):
    return task.process.coerced


class Aufgabe(flow.View):
    """A human task of one ``Schritt``: who may do it is the step's rule; the portal page does the work."""

    index_view_class = ZurFachseite

    def __init__(self, schritt: Schritt, view=None, **kwargs):
        super().__init__(view or ZurFachseite.as_view(), **kwargs)
        self.schritt = schritt

    def darf(self, user, prozess) -> bool:
        return self.schritt.darf(user, prozess.fach)

    def can_execute(self, user, task):
        return user.is_authenticated and user.is_active and self.darf(user, _prozess(task))

    def can_assign(self, user, task):
        return not task.owner_id and self.can_execute(user, task)

    def can_unassign(self, user, task):
        return bool(task.owner_id) and self.can_execute(user, task)


@dataclass
class Eintrag:
    """One line of the dashboard's task list."""

    titel: str
    objekt: object
    url: str
    frist: object
    grund: str = ""  # why the record came back, when it was returned for rework (#19)


def offene_aufgaben(user, flow_class) -> list[Eintrag]:
    """The open tasks of ``flow_class`` that ``user`` may work on: for each task node, the records with
    an open task of that node, filtered by the node's ``Schritt``; soonest deadline first."""
    scope = scope_of(user)
    process_class = flow_class.process_class
    fach = process_class._meta.get_field(process_class.fach_feld)
    zum_prozess = fach.related_query_name()
    eintraege = []
    for node in flow_class.instance.nodes():
        if not isinstance(node, Aufgabe) or node.schritt.leer(scope):
            continue
        schritt = node.schritt
        offen = Task.objects.filter(flow_task=node, status__in=OFFEN).values("process_id")
        records = (
            fach.related_model.objects.filter(**{f"{zum_prozess}__in": offen})
            .filter(schritt.filter(user))
            .select_related(*schritt.anzeige)
        )
        if schritt.ruht is not None:
            records = records.exclude(schritt.ruht())
        for obj in records:
            frist = schritt.frist(obj) if schritt.frist else None
            grund = (
                getattr(obj, "rueckgabe_grund", "") if getattr(obj, "status", "") == "zurueckgegeben" else ""
            )
            eintraege.append(Eintrag(node.task_title, obj, obj.get_absolute_url(), frist, grund))
    return sorted(eintraege, key=lambda e: (e.frist is None, e.frist or 0, str(e.objekt)))


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
