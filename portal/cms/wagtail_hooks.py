"""Wagtail admin additions: the audit trail, read-only and scoped like everywhere else."""

from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from portal.audit.models import AuditEvent


class ViewOnlyPolicy(ModelPermissionPolicy):
    """Only "view" can ever be granted: events are never added, changed or deleted in an admin."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(AuditEvent, ViewOnlyPolicy(AuditEvent))


class AuditIndexView(IndexView):
    def get_base_queryset(self):
        return AuditEvent.objects.visible_to(self.request.user).order_by("-id")


class AuditInspectView(InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(AuditEvent.objects.visible_to(self.request.user), pk=self.pk)


class AuditEventViewSet(ModelViewSet):
    model = AuditEvent
    icon = "history"
    menu_label = _("Protokoll")
    add_to_admin_menu = True
    menu_order = 900
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = AuditIndexView
    inspect_view_class = AuditInspectView
    list_display = ["zeitpunkt", "actor_name", "aktion", "objekt_bezeichnung", "kreis"]
    list_filter = ["aktion"]
    search_fields = ["objekt_bezeichnung", "actor_name"]
    inspect_view_fields = [
        "zeitpunkt",
        "actor_name",
        "rolle",
        "organisation",
        "aktion",
        "objekt_typ",
        "objekt_id",
        "objekt_bezeichnung",
        "kreis",
        "gemeinde",
        "begruendung",
        "aenderungen",
        "request_id",
        "client_ip",
        "vorheriger_hash",
        "hash",
    ]

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
        ]


@hooks.register("register_admin_viewset")
def register_audit_viewset():
    return AuditEventViewSet("protokoll")
