from django.contrib import admin

from portal.core.admin_mixins import AuditedAdmin, ReadOnlyAdmin
from portal.funding.models import Foerderjahr, Foerderprogramm


@admin.register(Foerderprogramm)
class FoerderprogrammAdmin(AuditedAdmin):
    list_display = ("name", "kurzname", "gueltig_ab", "gueltig_bis", "referenzjahr")


@admin.register(Foerderjahr)
class FoerderjahrAdmin(ReadOnlyAdmin):
    """Read-only here: Förderjahre change only through the portal (with reason and audit event)."""

    list_display = ("kreis", "jahr", "planungsrahmen", "status")
    list_filter = ("status", "kreis", "jahr")
