from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from portal.core.admin_mixins import AuditedAdmin
from portal.organisations import services
from portal.organisations.models import (
    Gemeinde,
    Kreis,
    Land,
    Mitgliedschaft,
    Traeger,
    User,
    Verbund,
    VerbundMitglied,
)


class MitgliedschaftInline(admin.TabularInline):
    model = Mitgliedschaft
    extra = 0
    autocomplete_fields = ["kreis", "gemeinde"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    """Users are deactivated, never deleted (viewflow tasks and audit events refer to them)."""

    inlines = [MitgliedschaftInline]
    list_display = ("username", "first_name", "last_name", "email", "is_active", "is_staff")
    actions = ["deaktivieren", "reaktivieren"]

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.action(description=_("Ausgewählte Benutzer deaktivieren"))
    def deaktivieren(self, request, queryset):
        for user in queryset:
            if user.pk == request.user.pk:
                continue
            services.benutzer_deaktivieren(user, request.user, str(_("Deaktiviert in der Verwaltung")))
        messages.success(request, _("Die ausgewählten Benutzer sind deaktiviert."))

    @admin.action(description=_("Ausgewählte Benutzer reaktivieren"))
    def reaktivieren(self, request, queryset):
        for user in queryset:
            services.benutzer_reaktivieren(user, request.user, str(_("Reaktiviert in der Verwaltung")))
        messages.success(request, _("Die ausgewählten Benutzer sind wieder aktiv."))


@admin.register(Land)
class LandAdmin(AuditedAdmin):
    search_fields = ["name"]


@admin.register(Kreis)
class KreisAdmin(AuditedAdmin):
    list_display = ("name", "art", "schluessel")
    search_fields = ["name", "schluessel"]


@admin.register(Gemeinde)
class GemeindeAdmin(AuditedAdmin):
    list_display = ("name", "ags", "kreis", "ags_generiert")
    list_filter = ("kreis",)
    search_fields = ["name", "ags"]


class VerbundMitgliedInline(admin.TabularInline):
    model = VerbundMitglied
    extra = 0
    autocomplete_fields = ["gemeinde"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Verbund)
class VerbundAdmin(AuditedAdmin):
    list_display = ("name", "kreis", "federfuehrend")
    inlines = [VerbundMitgliedInline]
    autocomplete_fields = ["federfuehrend"]


@admin.register(Traeger)
class TraegerAdmin(AuditedAdmin):
    list_display = ("name", "verband", "ort", "kreis")
    search_fields = ["name"]
