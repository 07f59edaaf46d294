"""viewflow's own back-office views (dashboard, process and task lists, process detail, charts, task
actions), mounted under /portal/ablauf/ and scoped: viewflow shows every process to anyone with the
flow's view permission, so each view here filters through ``visible_to`` (tenant isolation in one
place) and a process's chart is shown only to those who may see the process."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from viewflow.workflow.flow import views as vf
from viewflow.workflow.flow.viewset import FlowViewset

from workflows.optin.flows import BestaetigungFlow, EntscheidungFlow


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


class ScopedFlowViewset(FlowViewset):
    dashboard_view_class = DashboardView
    process_list_view_class = ProcessListView
    task_list_view_class = TaskListView
    process_detail_view_class = DetailProcessView
    process_cancel_view_class = CancelProcessView
    chart_view_class = ChartView


entscheidung_viewset = ScopedFlowViewset(EntscheidungFlow)
bestaetigung_viewset = ScopedFlowViewset(BestaetigungFlow)
