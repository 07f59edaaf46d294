"""The outbox in the Django admin: the operator sees every mail, its attempts and last error, and
queues a failed one again (audited). Nothing here is edited or deleted by hand."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.core import postausgang
from portal.core.admin_mixins import NoDeleteAdmin
from portal.core.models import Mail


@admin.register(Mail)
class MailAdmin(NoDeleteAdmin):
    list_display = ("erstellt_am", "betreff", "empfaenger_text", "status", "versuche", "naechster_versuch")
    list_filter = ("status",)
    search_fields = ("betreff",)
    readonly_fields = [f.name for f in Mail._meta.fields]
    actions = ["erneut_senden"]

    @admin.display(description=_("Empfänger"))
    def empfaenger_text(self, mail):
        return ", ".join(mail.empfaenger)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return request.method in ("GET", "HEAD") and super().has_change_permission(request, obj)

    def changelist_view(self, request, extra_context=None):
        offen, gescheitert = postausgang.offen(), postausgang.fehlgeschlagen()
        if gescheitert:
            self.message_user(
                request,
                ngettext(
                    "%(n)s E-Mail konnte nicht zugestellt werden; bitte prüfen und erneut senden.",
                    "%(n)s E-Mails konnten nicht zugestellt werden; bitte prüfen und erneut senden.",
                    gescheitert,
                )
                % {"n": gescheitert},
                messages.WARNING,
            )
        if offen:
            self.message_user(
                request,
                ngettext(
                    "%(n)s E-Mail wartet auf den Versand.", "%(n)s E-Mails warten auf den Versand.", offen
                )
                % {"n": offen},
                messages.INFO,
            )
        return super().changelist_view(request, extra_context)

    @admin.action(description=_("Ausgewählte E-Mails erneut senden"), permissions=["view"])
    def erneut_senden(self, request, queryset):
        for mail in queryset:
            postausgang.erneut_einreihen(mail, request.user)
        self.message_user(
            request,
            ngettext("%(n)s E-Mail erneut eingereiht.", "%(n)s E-Mails erneut eingereiht.", queryset.count())
            % {"n": queryset.count()},
        )
