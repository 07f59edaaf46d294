"""Django admin conventions of the portal: nothing is deleted, and edits leave audit events."""

from django.contrib import admin
from django.db import models

from portal.audit.services import diff, record_event


class NoDeleteAdmin(admin.ModelAdmin):
    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


def audit_werte(namen, quelle) -> dict:
    """Field values for the audit diff, comparable between a form's initial data and its cleaned data:
    related objects as their ids, secrets (password hashes) only as "changed"."""
    return {n: ("***" if "password" in n else _vergleichbar(quelle.get(n))) for n in namen}


def _vergleichbar(wert):
    if isinstance(wert, models.Model):
        return wert.pk
    if isinstance(wert, models.QuerySet | list | tuple | set):
        return sorted(_vergleichbar(w) for w in wert)
    return wert


class AuditedInlines:
    """Admin mixin: every inline row added or changed writes its audit event (``audit_aktionen`` on the
    inline: (action when added, action when changed)), in the admin's transaction."""

    def save_formset(self, request, form, formset, change):
        inline = next((i for i in self.inlines if i.model is formset.model), None)
        aktionen = getattr(inline, "audit_aktionen", ("organisation.angelegt", "organisation.geaendert"))
        geaendert = [
            (f, f.instance.pk is None, audit_werte(f.changed_data, f.initial))
            for f in formset.forms
            if f.has_changed() and f not in formset.deleted_forms
        ]
        super().save_formset(request, form, formset, change)
        for f, neu, vorher in geaendert:
            nachher = audit_werte(f.changed_data, f.cleaned_data)
            record_event(
                aktionen[0] if neu else aktionen[1],
                f.instance,
                actor=request.user,
                aenderungen=diff({} if neu else vorher, nachher),
            )


class AuditedAdmin(AuditedInlines, NoDeleteAdmin):
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
