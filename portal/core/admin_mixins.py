"""Django admin conventions of the portal: nothing is deleted, and edits leave audit events."""

from django.contrib import admin

from portal.audit.services import diff, record_event


class NoDeleteAdmin(admin.ModelAdmin):
    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


class AuditedAdmin(NoDeleteAdmin):
    """Master-data admin: each save records an ``organisation.angelegt`` or change event."""

    def save_model(self, request, obj, form, change):
        before = {name: form.initial.get(name) for name in form.changed_data} if change else {}
        super().save_model(request, obj, form, change)
        after = {name: form.cleaned_data.get(name) for name in form.changed_data}
        if not change:
            record_event("organisation.angelegt", obj, actor=request.user, aenderungen=diff({}, after))
        elif form.changed_data:
            record_event("organisation.geaendert", obj, actor=request.user, aenderungen=diff(before, after))


class ReadOnlyAdmin(NoDeleteAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
