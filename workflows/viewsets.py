"""viewflow's own back-office views (dashboard, process and task lists, process detail, charts, task
actions), mounted under /portal/ablauf/ and scoped: viewflow shows every process to anyone with the
flow's view permission, so each view here filters through ``visible_to`` (tenant isolation in one
place) and a process's chart is shown only to those who may see the process."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import path
from viewflow.workflow.flow import views as vf
from viewflow.workflow.flow.viewset import FlowViewset
from viewflow.workflow.status import STATUS


def sichtbare_prozesse(flow_class, user):
    return flow_class.process_class.objects.visible_to(user).filter(flow_class=flow_class)


class ScopedTaskQuerysetMixin:
    @property
    def queryset(self):
        return (
            self.flow_class.task_class._default_manager.filter(
                process__in=sichtbare_prozesse(self.flow_class, self.request.user).values("pk")
            )
            .select_related("process")
            .order_by("-created")
        )


class DashboardView(vf.DashboardView):
    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        visible = sichtbare_prozesse(self.flow_class, self.request.user).values("pk")
        for column in ctx["columns"]:
            column["tasks"] = (
                self.flow_class.task_class._default_manager.filter(
                    process__in=visible, flow_task=column["node"]
                )
                .filter(finished__isnull=True)
                .select_related("process")[: self.MAX_ROWS]
            )
        ctx["finished"] = self.flow_class.task_class._default_manager.filter(
            process__in=visible, finished__isnull=False, flow_task__in=ctx["end_nodes"]
        )[: self.MAX_ROWS]
        ctx["start_nodes"] = []  # processes start from the portal's own pages, never by hand
        return ctx


class ProcessListView(vf.DashboardProcessListView):
    ordering = "-pk"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .filter(pk__in=sichtbare_prozesse(self.flow_class, self.request.user).values("pk"))
        )


class TaskListView(ScopedTaskQuerysetMixin, vf.DashboardTaskListView):
    ordering = "-created"


class DetailProcessView(vf.DetailProcessView):
    def get_queryset(self):
        return sichtbare_prozesse(self.flow_class, self.request.user)


class CancelProcessView(vf.CancelProcessView):
    def get_queryset(self):
        return sichtbare_prozesse(self.flow_class, self.request.user)


class ChartView(vf.FlowChartView):
    def dispatch(self, request, *args, **kwargs):
        process_pk = kwargs.get("process_pk")
        if process_pk is not None and not request.user.is_authenticated:
            raise PermissionDenied
        if (
            process_pk is not None
            and not sichtbare_prozesse(self.flow_class, request.user).filter(pk=process_pk).exists()
        ):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


def aufgaben_ids(flow_class, user, *, zugewiesen: bool):
    """Open human tasks of visible processes that the user may work on: assigned to them (inbox) or
    free and assignable by them (queue). The node decides (Gemeinde or coordinating office)."""
    tasks = flow_class.task_class._default_manager.filter(
        process__in=sichtbare_prozesse(flow_class, user).values("pk"),
        status=STATUS.ASSIGNED if zugewiesen else STATUS.NEW,
        flow_task_type="HUMAN",
    ).select_related("process")
    if zugewiesen:
        return [t.pk for t in tasks.filter(owner=user)]
    return [t.pk for t in tasks if t.flow_task.can_assign(user, t)]


class InboxView(vf.FlowInboxListView):
    @property
    def queryset(self):
        ids = aufgaben_ids(self.flow_class, self.request.user, zugewiesen=True)
        return self.model._default_manager.filter(pk__in=ids).select_related("process").order_by("-created")


class QueueView(vf.FlowQueueListView):
    @property
    def queryset(self):
        ids = aufgaben_ids(self.flow_class, self.request.user, zugewiesen=False)
        return self.model._default_manager.filter(pk__in=ids).select_related("process").order_by("-created")


class ArchiveView(vf.FlowArchiveListView):
    @property
    def queryset(self):
        visible = sichtbare_prozesse(self.flow_class, self.request.user).values("pk")
        return (
            self.model._default_manager.user_archive(self.request.user, flow_class=self.flow_class)
            .filter(process__in=visible)
            .select_related("process")
            .order_by("-created")
        )


class ScopedFlowViewset(FlowViewset):
    """viewflow's FlowViewset with every view scoped, plus inbox, queue and archive of the flow."""

    @property
    def inbox_path(self):
        return path("inbox/", InboxView.as_view(**self.filter_kwargs(InboxView)), name="inbox")

    @property
    def queue_path(self):
        return path("queue/", QueueView.as_view(**self.filter_kwargs(QueueView)), name="queue")

    @property
    def archive_path(self):
        return path("archive/", ArchiveView.as_view(**self.filter_kwargs(ArchiveView)), name="archive")

    dashboard_view_class = DashboardView
    process_list_view_class = ProcessListView
    task_list_view_class = TaskListView
    process_detail_view_class = DetailProcessView
    process_cancel_view_class = CancelProcessView
    chart_view_class = ChartView
