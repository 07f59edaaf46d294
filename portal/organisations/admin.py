from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.db import models, transaction
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _

from portal.audit.services import diff, record_event
from portal.core.admin_mixins import AuditedAdmin, AuditedInlines, audit_werte
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
    fk_name = "user"
    extra = 0
    readonly_fields = ("wartet_auf_bestaetigung", "erteilt_von", "bestaetigt_von")
    audit_aktionen = ("mitgliedschaft.erteilt", "mitgliedschaft.geaendert")
    autocomplete_fields = ["kreis", "gemeinde"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(User)
class PortalUserAdmin(AuditedInlines, UserAdmin):
    """Users are deactivated, never deleted (viewflow tasks and audit events refer to them). Every save
    (the superuser and staff flags included), every role in the inline and every password set here
    writes its audit event in the admin's transaction."""

    inlines = [MitgliedschaftInline]
    list_display = ("username", "first_name", "last_name", "email", "is_active", "is_staff")
    actions = ["deaktivieren", "reaktivieren"]

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def save_model(self, request, obj, form, change):
        namen = [n for n in form.changed_data if n not in ("password1", "password2")]
        vorher = audit_werte(namen, form.initial) if change else {}
        if not change:
            obj.passwort_aendern = True  # the operator knows it: the user chooses their own at first login
        super().save_model(request, obj, form, change)
        nachher = audit_werte(namen, form.cleaned_data)
        if not change:
            nachher["password"] = "***"
            record_event("benutzer.angelegt", obj, actor=request.user, aenderungen=diff({}, nachher))
        elif namen:
            record_event("benutzer.geaendert", obj, actor=request.user, aenderungen=diff(vorher, nachher))

    @method_decorator(transaction.atomic)
    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            ziel = User.objects.get(pk=id)
            ziel.passwort_aendern = ziel.pk != request.user.pk
            ziel.save(update_fields=["passwort_aendern"])
            record_event("benutzer.passwort_gesetzt", ziel, actor=request.user)
        return response

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
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
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
    audit_aktionen = ("verbund.mitglied_geaendert", "verbund.mitglied_geaendert")
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
