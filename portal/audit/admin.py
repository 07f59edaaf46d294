from django.contrib import admin

from portal.audit.models import AuditEvent
from portal.core.admin_mixins import ReadOnlyAdmin


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("id", "zeitpunkt", "actor_name", "rolle", "aktion", "objekt_bezeichnung", "kreis")
    list_filter = ("aktion", "kreis")
    search_fields = ("objekt_bezeichnung", "actor_name", "request_id")
    date_hierarchy = "zeitpunkt"
