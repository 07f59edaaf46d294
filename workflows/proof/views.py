"""Pages of the proof of use: the Kreis's list per Förderjahr (create the tasks), one proof with its
checks, the coordinator's review (checklist, Prüfvermerk) and the Rückforderung, the finance list of
Rückforderungen, and the recipient's own proofs."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, TemplateView

from portal.audit.models import AuditEvent
from portal.audit.services import record_event
from portal.core.briefe import dateiname
from portal.core.felder import DatumsFeld
from portal.core.formfehler import fehler_ins_formular
from portal.core.tabellen import download
from portal.funding.fristen import berliner_datum
from portal.organisations.scope import eigene_gemeinde, scope_of
from portal.permissions import check
from workflows.proof import dokumente, gesamt, services
from workflows.proof.models import CHECKLISTE, Rueckforderung, Verwendungsnachweis
from workflows.transfer.views import kreis_jahre


class PruefForm(forms.Form):
    checkliste = forms.MultipleChoiceField(
        label=gettext_lazy("Prüfliste"),
        choices=CHECKLISTE,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    pruefvermerk = forms.CharField(
        label=gettext_lazy("Prüfvermerk bzw. Grund der Rückgabe"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )


class BeglichenForm(forms.Form):
    datum = DatumsFeld(
        label=gettext_lazy("beglichen am"),
        error_messages={
            "required": gettext_lazy("Bitte das Datum angeben."),
        },
    )
    buchungsreferenz = forms.CharField(label=gettext_lazy("Buchungsreferenz"), max_length=100, required=False)


class UebersichtView(LoginRequiredMixin, TemplateView):
    template_name = "proof/uebersicht.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx.update(
            jahre=kreis_jahre(user).order_by("kreis__name", "-jahr"),
            eigene=eigene_gemeinde(Verwendungsnachweis.objects.visible_to(user), user).select_related(
                "foerderjahr", "gemeinde", "verbund"
            ),
            rueckforderungen=Rueckforderung.objects.visible_to(user)
            .select_related("nachweis__foerderjahr__kreis", "nachweis__gemeinde", "nachweis__verbund")
            .order_by("status", "faellig_am"),
        )
        return ctx


class JahrView(LoginRequiredMixin, DetailView):
    template_name = "proof/jahr.html"
    context_object_name = "foerderjahr"

    def get_queryset(self):
        return kreis_jahre(self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        fj = self.object
        ctx.update(
            nachweise=fj.nachweise.select_related("gemeinde", "verbund").prefetch_related("stellen"),
            # offered only once the year has ended and while a recipient has no proof yet (#19)
            darf_anlegen=check(self.request.user, "nachweis.anlegen", fj)
            and berliner_datum(timezone.now()) >= fj.beginn_verwendungsnachweis
            and services.noch_ohne_nachweis(fj).exists(),
            beginn=fj.beginn_verwendungsnachweis,
            frist=fj.frist_verwendungsnachweis,
        )
        return ctx

    def post(self, request, pk):
        fj = self.get_object()
        try:
            neu = services.nachweise_anlegen(fj, request.user)
        except (PermissionDenied, ValidationError) as e:
            for message in getattr(e, "messages", [str(e)]):
                messages.error(request, message)
        else:
            messages.success(request, _("%(n)s Verwendungsnachweise angelegt.") % {"n": len(neu)})
        return redirect("proof:jahr", pk=fj.pk)


class NachweisDetailView(LoginRequiredMixin, DetailView):
    template_name = "proof/detail.html"
    context_object_name = "nachweis"

    def get_queryset(self):
        return Verwendungsnachweis.objects.visible_to(self.request.user).select_related(
            "foerderjahr__kreis", "gemeinde", "verbund", "geprueft_von"
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        n, user = self.object, self.request.user
        r = getattr(n, "rueckforderung", None)
        ctx.update(
            ergebnis=n.ergebnis(),
            stellen=n.stellen.all(),
            darf_bearbeiten=check(user, "nachweis.bearbeiten", n),
            darf_pruefen=check(user, "nachweis.pruefen", n),
            pruef_form=kwargs.get("pruef_form")
            or PruefForm(initial={"checkliste": [k for k, v in n.checkliste.items() if v]}),
            checkliste=[(label, n.checkliste.get(key)) for key, label in CHECKLISTE],
            rueckforderung=r,
            rueckforderung_brief=r is not None
            and (
                n.gemeinde_id in scope_of(user).gemeinde_ids
                or n.foerderjahr.kreis_id in scope_of(user).kreis_ids
            ),
            darf_begleichen=r is not None and check(user, "rueckforderung.begleichen", r),
            beglichen_form=kwargs.get("beglichen_form")
            or BeglichenForm(initial={"datum": timezone.localdate()}),
            verlauf=AuditEvent.objects.verlauf(n, *([r] if r else [])),
        )
        return ctx

    def post(self, request, pk):
        self.object = n = self.get_object()
        aktion = request.POST.get("aktion")
        if aktion in ("annehmen", "zurueckgeben"):
            form = PruefForm(request.POST)
            form.is_valid()
            try:
                services.pruefen(
                    n,
                    aktion == "annehmen",
                    dict.fromkeys(form.cleaned_data.get("checkliste", []), True),
                    form.cleaned_data.get("pruefvermerk", ""),
                    request.user,
                )
            except PermissionDenied as e:
                messages.error(request, str(e))
            except ValidationError as e:
                fehler_ins_formular(form, e)
                return self.render_to_response(self.get_context_data(pruef_form=form))
            else:
                messages.success(
                    request,
                    _("Der Verwendungsnachweis ist geprüft.")
                    if aktion == "annehmen"
                    else _("Zur Überarbeitung zurückgegeben."),
                )
        elif aktion == "beglichen":
            form = BeglichenForm(request.POST)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(beglichen_form=form))
            try:
                services.rueckforderung_begleichen(
                    n.rueckforderung,
                    form.cleaned_data["datum"],
                    form.cleaned_data["buchungsreferenz"],
                    request.user,
                )
            except (PermissionDenied, Rueckforderung.DoesNotExist) as e:
                messages.error(request, str(e))
            except ValidationError as e:
                fehler_ins_formular(form, e)
                return self.render_to_response(self.get_context_data(beglichen_form=form))
            else:
                messages.success(request, _("Die Rückforderung ist als beglichen verbucht."))
        else:
            raise Http404
        return redirect(n.get_absolute_url())


class RueckforderungsbescheidView(LoginRequiredMixin, View):
    """The Rückforderungsbescheid as PDF, for the Kreis and the recipient (it carries the Kreiskasse's
    account, which the Land does not see)."""

    def get(self, request, pk):
        n = get_object_or_404(
            Verwendungsnachweis.objects.visible_to(request.user).select_related(
                "foerderjahr__kreis", "gemeinde", "verbund", "geprueft_von", "rueckforderung"
            ),
            pk=pk,
        )
        scope = scope_of(request.user)
        if not (n.gemeinde_id in scope.gemeinde_ids or n.foerderjahr.kreis_id in scope.kreis_ids):
            raise Http404
        r = getattr(n, "rueckforderung", None)
        if r is None:
            raise Http404
        return HttpResponse(
            dokumente.rueckforderungsbescheid(r),
            content_type="application/pdf",
            headers={"Content-Disposition": content_disposition_header(True, dokumente.dateiname(r))},
        )


class DateiView(LoginRequiredMixin, View):
    def get(self, request, pk, art):
        n = get_object_or_404(Verwendungsnachweis.objects.visible_to(request.user), pk=pk)
        datei = {"sachbericht": n.sachbericht_datei, "anlage": n.anlage}.get(art)
        if not datei:
            raise Http404
        return FileResponse(
            datei.open("rb"),
            as_attachment=True,
            filename=dateiname(
                _("Sachbericht") if art == "sachbericht" else _("Anlage"),
                n.foerderjahr.jahr,
                n.empfaenger,
                endung="pdf",
            ),
        )


class GesamtView(LoginRequiredMixin, View):
    """The Kreis's Gesamtverwendungsnachweis as XLSX or PDF; every download is in the audit trail."""

    def get(self, request, pk, format):
        fj = get_object_or_404(kreis_jahre(request.user), pk=pk)
        scope = scope_of(request.user)
        if not (scope.alles or fj.kreis_id in scope.koordination_kreis_ids):
            raise PermissionDenied(_("Den Gesamtverwendungsnachweis erstellt die koordinierende Stelle."))
        name = dateiname(_("Gesamtverwendungsnachweis"), fj.jahr, fj.kreis, endung=format)
        if format == "xlsx":
            response = download(
                gesamt.als_xlsx(fj, autor=request.user.get_full_name() or request.user.username), name
            )
        elif format == "pdf":
            response = HttpResponse(gesamt.als_pdf(fj), content_type="application/pdf")
            response["Content-Disposition"] = content_disposition_header(True, name)
        else:
            raise Http404
        record_event(
            "gesamtverwendungsnachweis.erstellt", fj, actor=request.user, aenderungen={"format": format}
        )
        return response
