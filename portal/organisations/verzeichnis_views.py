"""The operator loads the official municipality directory in the portal: upload → line-by-line preview →
confirm (all or nothing). The uploaded file waits in the private storage between preview and
confirmation, under a random name, so that what is confirmed is exactly what was previewed."""

import hashlib
import uuid

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from portal.core.storage import private_storage
from portal.organisations import stammdaten
from portal.organisations.forms import VerzeichnisForm
from portal.organisations.gemeindeverzeichnis import VerzeichnisFehler, lesen
from portal.permissions import check

ORDNER = "importe"


class VerzeichnisImportView(View):
    template_name = "organisations/verzeichnis_import.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        erlaubt = check(request.user, "stammdaten.importieren", None)
        if not erlaubt:
            raise PermissionDenied(erlaubt.grund)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return render(request, self.template_name, {"form": VerzeichnisForm()})

    def post(self, request):
        if "schluessel" in request.POST:
            return self.uebernehmen(request)
        form = VerzeichnisForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form})
        datei = form.cleaned_data["datei"]
        inhalt = datei.read()
        try:
            abgleich = stammdaten.abgleichen(lesen(inhalt))
        except VerzeichnisFehler as fehler:
            form.add_error("datei", str(fehler))
            return render(request, self.template_name, {"form": form})
        schluessel = uuid.uuid4().hex
        private_storage().save(f"{ORDNER}/{schluessel}", ContentFile(inhalt))
        request.session[f"verzeichnis-{schluessel}"] = {
            "name": datei.name,
            "sha256": hashlib.sha256(inhalt).hexdigest(),
        }
        return render(
            request,
            self.template_name,
            {
                "form": VerzeichnisForm(),
                "abgleich": abgleich,
                "schluessel": schluessel,
                "dateiname": datei.name,
            },
        )

    def uebernehmen(self, request):
        schluessel = request.POST["schluessel"]
        angaben = request.session.pop(f"verzeichnis-{schluessel}", None)
        pfad = f"{ORDNER}/{schluessel}"
        if angaben is None or not schluessel.isalnum() or not private_storage().exists(pfad):
            messages.error(
                request, _("Diese Vorschau ist nicht mehr gültig. Bitte laden Sie die Datei erneut hoch.")
            )
            return redirect("organisations:verzeichnis")
        with private_storage().open(pfad) as f:
            inhalt = f.read()
        private_storage().delete(pfad)
        if hashlib.sha256(inhalt).hexdigest() != angaben["sha256"]:
            raise PermissionDenied(_("Die Datei hat sich seit der Vorschau verändert."))
        try:
            abgleich = stammdaten.uebernehmen(lesen(inhalt), request.user, angaben["name"])
        except VerzeichnisFehler as fehler:
            form = VerzeichnisForm()
            form.add_error(None, str(fehler))
            return render(request, self.template_name, {"form": form})
        messages.success(request, _("Übernommen. %(ergebnis)s") % {"ergebnis": abgleich.zusammenfassung})
        return redirect("organisations:gemeinden")
