"""Counts (Zielgruppen-Meldung), their import with preview, and the Mittelverteilung, per Förderjahr."""

import base64
from collections import defaultdict

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from portal.core.felder import AnzahlField
from portal.core.formfehler import fehler_ins_formular
from portal.core.mixins import VisibleMixin
from portal.core.uploads import pruefe_tabelle
from portal.funding import verteilung_services as services
from portal.funding.fristen import ist_verspaetet
from portal.funding.models import Foerderjahr
from portal.funding.verteilung import Mittelverteilung, Zielgruppenmeldung
from portal.organisations.models import Gemeinde, VerbundMitglied
from portal.permissions import check

MAX_IMPORT_BYTES = 2 * 1024 * 1024


class MeldungForm(forms.Form):
    anzahl = AnzahlField(label=_("Anzahl Personen der Zielgruppe"), min_value=0, max_value=1_000_000)
    begruendung = forms.CharField(
        label=_("Begründung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Nach der Meldefrist Pflicht."),
    )


class ImportForm(forms.Form):
    datei = forms.FileField(label=_("Datei (CSV oder XLSX mit den Spalten AGS, Name, Anzahl)"))

    def clean_datei(self):
        datei = self.cleaned_data["datei"]
        pruefe_tabelle(datei, MAX_IMPORT_BYTES)
        return datei


class BerechnenForm(forms.Form):
    begruendung = forms.CharField(
        label=_("Begründung der Neuberechnung"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class FoerderjahrMixin(VisibleMixin):
    """Resolves the Förderjahr from the URL through ``visible_to`` (404 for other tenants)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.fj = get_object_or_404(
            Foerderjahr.objects.visible_to(request.user).select_related("kreis"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(foerderjahr=self.fj, **kwargs)


class MeldungenView(FoerderjahrMixin, TemplateView):
    """Coordination: every Gemeinde of the Kreis with its current count. Gemeinde: its own."""

    template_name = "funding/meldungen.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        gemeinden = (
            Gemeinde.objects.visible_to(self.request.user).filter(kreis=self.fj.kreis).order_by("name")
        )
        current = services.aktuelle_meldungen(self.fj)
        # each row offers what the rule allows: report or correct, else only read (query-free rule)
        rows = [
            {
                "gemeinde": g,
                "meldung": current.get(g.pk),
                "darf": check(self.request.user, "meldung.erfassen", (self.fj, g)),
            }
            for g in gemeinden
        ]
        ctx.update(
            rows=rows,
            summe=sum(r["meldung"].anzahl for r in rows if r["meldung"]),
            gemeldet=sum(1 for r in rows if r["meldung"]),
            frist_vorbei=ist_verspaetet(timezone.now(), self.fj.frist_zielgruppen_meldung),
            darf_importieren=check(self.request.user, "verteilung.bearbeiten", self.fj),
        )
        return ctx


class MeldungView(FoerderjahrMixin, TemplateView):
    """One Gemeinde's count: the form and every earlier version."""

    template_name = "funding/meldung_form.html"

    def setup_gemeinde(self):
        self.gemeinde = get_object_or_404(
            Gemeinde.objects.visible_to(self.request.user).filter(kreis=self.fj.kreis),
            pk=self.kwargs["gemeinde"],
        )
        self.erlaubt = check(self.request.user, "meldung.erfassen", (self.fj, self.gemeinde))

    def get(self, request, *args, **kwargs):
        self.setup_gemeinde()
        last = (
            Zielgruppenmeldung.objects.filter(foerderjahr=self.fj, gemeinde=self.gemeinde)
            .order_by("-version")
            .first()
        )
        form = MeldungForm(initial={"anzahl": last.anzahl if last else None})
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        self.setup_gemeinde()
        if not self.erlaubt:
            raise PermissionDenied(self.erlaubt.grund)
        form = MeldungForm(request.POST)
        if form.is_valid():
            try:
                services.meldung_erfassen(
                    self.fj,
                    self.gemeinde,
                    form.cleaned_data["anzahl"],
                    request.user,
                    begruendung=form.cleaned_data["begruendung"],
                )
            except ValidationError as e:
                fehler_ins_formular(form, e)
            else:
                messages.success(
                    request, _("Die Meldung für %(gemeinde)s ist gespeichert.") % {"gemeinde": self.gemeinde}
                )
                return redirect("funding:meldungen", pk=self.fj.pk)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            gemeinde=self.gemeinde,
            erlaubt=self.erlaubt,
            versionen=Zielgruppenmeldung.objects.filter(foerderjahr=self.fj, gemeinde=self.gemeinde)
            .select_related("erfasst_von")
            .order_by("-version"),
            frist_vorbei=ist_verspaetet(timezone.now(), self.fj.frist_zielgruppen_meldung),
            **kwargs,
        )


class MeldungImportView(FoerderjahrMixin, TemplateView):
    """Upload → preview with a line-by-line report → confirm. Nothing is saved before the confirmation."""

    template_name = "funding/meldung_import.html"
    SESSION_KEY = "meldung_import"

    def check_allowed(self):
        allowed = check(self.request.user, "verteilung.bearbeiten", self.fj)
        if not allowed:
            raise PermissionDenied(allowed.grund)

    def get(self, request, *args, **kwargs):
        self.check_allowed()
        return self.render_to_response(self.get_context_data(form=ImportForm()))

    def post(self, request, *args, **kwargs):
        self.check_allowed()
        if "bestaetigen" in request.POST:
            stored = request.session.get(self.SESSION_KEY, {})
            if stored.get("fj") != self.fj.pk:
                messages.error(request, _("Bitte laden Sie die Datei erneut hoch."))
                return redirect("funding:meldung_import", pk=self.fj.pk)
            raw = base64.b64decode(stored["raw"])
            try:
                changed = services.meldungen_importieren(
                    self.fj,
                    raw,
                    stored["name"],
                    request.user,
                    begruendung=request.POST.get("begruendung", ""),
                )
            except ValidationError as e:
                for message in e.messages:
                    messages.error(request, message)
                return redirect("funding:meldung_import", pk=self.fj.pk)
            del request.session[self.SESSION_KEY]
            messages.success(request, _("%(n)s Meldungen übernommen.") % {"n": changed})
            return redirect("funding:meldungen", pk=self.fj.pk)
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        datei = form.cleaned_data["datei"]
        raw = datei.read()
        rows, errors, warnings = services.import_vorschau(self.fj, raw, datei.name)
        request.session[self.SESSION_KEY] = {
            "fj": self.fj.pk,
            "name": datei.name,
            "raw": base64.b64encode(raw).decode("ascii"),
        }
        return self.render_to_response(
            self.get_context_data(
                form=ImportForm(),
                vorschau=rows,
                fehler=errors,
                warnungen=warnings,
                dateiname=datei.name,
                braucht_begruendung=ist_verspaetet(timezone.now(), self.fj.frist_zielgruppen_meldung),
            )
        )


class VerteilungView(FoerderjahrMixin, TemplateView):
    """The allocation: versions, shares with their explanation, Verbund sums; calculate and publish."""

    template_name = "funding/verteilung.html"

    def versions(self):
        return (
            Mittelverteilung.objects.visible_to(self.request.user)
            .filter(foerderjahr=self.fj)
            .order_by("-version")
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        versions = list(self.versions())
        wanted = self.request.GET.get("version", "")
        shown = (
            next((v for v in versions if str(v.version) == wanted), None)
            or next((v for v in versions if v.status == Mittelverteilung.Status.VEROEFFENTLICHT), None)
            or (versions[0] if versions else None)
        )
        anteile = list(shown.anteile.select_related("gemeinde", "verteilung")) if shown else []
        verbund_summen = defaultdict(lambda: {"anteil": 0, "gemeinden": []})
        if shown:
            members = VerbundMitglied.objects.filter(
                jahr=self.fj.jahr, verbund__kreis=self.fj.kreis
            ).select_related("verbund")
            by_gemeinde = {m.gemeinde_id: m.verbund for m in members}
            for a in anteile:
                verbund = by_gemeinde.get(a.gemeinde_id)
                if verbund is not None:
                    verbund_summen[verbund]["anteil"] += a.anteil
                    verbund_summen[verbund]["gemeinden"].append(a.gemeinde.name)
        darf = check(self.request.user, "verteilung.bearbeiten", self.fj)
        ctx.update(
            versionen=versions,
            verteilung=shown,
            anteile=anteile,
            rest_cent=[a.gemeinde.name for a in anteile if a.rest_cent],
            verbuende=dict(verbund_summen),
            eigene=set(
                Gemeinde.objects.visible_to(self.request.user)
                .filter(kreis=self.fj.kreis)
                .values_list("pk", flat=True)
            )
            if not darf
            else set(),
            darf_bearbeiten=darf,
            form=kwargs.get("form") or BerechnenForm(),
            hat_veroeffentlichte=any(v.status == Mittelverteilung.Status.VEROEFFENTLICHT for v in versions),
        )
        return ctx

    def post(self, request, *args, **kwargs):
        allowed = check(request.user, "verteilung.bearbeiten", self.fj)
        if not allowed:
            raise PermissionDenied(allowed.grund)
        if "veroeffentlichen" in request.POST:
            verteilung = get_object_or_404(self.versions(), pk=request.POST.get("verteilung"))
            try:
                services.verteilung_veroeffentlichen(verteilung, request.user)
            except ValidationError as e:
                for message in e.messages:
                    messages.error(request, message)
            else:
                messages.success(
                    request,
                    _("Die Verteilung ist veröffentlicht und für alle Gemeinden des Kreises sichtbar."),
                )
            return redirect(verteilung.get_absolute_url())
        form = BerechnenForm(request.POST)
        if form.is_valid():
            try:
                verteilung = services.verteilung_berechnen(
                    self.fj, request.user, form.cleaned_data["begruendung"]
                )
            except ValidationError as e:
                fehler_ins_formular(form, e)
            else:
                messages.success(
                    request,
                    _("Version %(v)s ist berechnet. Prüfen Sie sie und veröffentlichen Sie sie dann.")
                    % {"v": verteilung.version},
                )
                return redirect(verteilung.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form))
