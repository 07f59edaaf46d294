"""The download of the Prüfakte."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views import View

from portal.audit.services import record_event
from portal.core.briefe import dateiname
from portal.permissions import require
from workflows.dossier.pruefakte import pruefakte_zip
from workflows.transfer.views import kreis_jahre


class PruefakteView(LoginRequiredMixin, View):
    """The audit dossier of a Förderjahr (ZIP) for the coordinating office (and the Land)."""

    def get(self, request, pk):
        fj = get_object_or_404(kreis_jahre(request.user), pk=pk)
        require(request.user, "protokoll.exportieren", fj.kreis)
        response = HttpResponse(pruefakte_zip(fj, request.user), content_type="application/zip")
        response["Content-Disposition"] = content_disposition_header(
            True, dateiname(_("Pruefakte"), fj.jahr, fj.kreis, endung="zip")
        )
        record_event("protokoll.exportiert", fj, actor=request.user, aenderungen={"format": "pruefakte"})
        return response
