"""Pages of the decision process: the coordinator's register (with CSV/XLSX), one decision with its
history and the actions the user may take, the partner's confirmation, the Land's overview, and the
council resolution download. Every lookup goes through ``visible_to``; every change through
``services``."""

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q, Sum
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, TemplateView

from portal.audit.models import AuditEvent
from portal.core.briefe import dateiname
from portal.core.datenstand import DatenstandMixin, spaeter
from portal.core.formfehler import fehler_ins_formular
from portal.core.tabellen import download, tabelle_csv, tabelle_xlsx
from portal.funding.fristen import ist_verspaetet, tage_bis
from portal.funding.models import Foerderjahr
from portal.funding.verteilung_services import veroeffentlichte_verteilung
from portal.organisations.models import Kreis
from portal.organisations.scope import eigene_gemeinde, ist_beteiligt, kreis_rollen_erforderlich, scope_of
from portal.organisations.zugaenge import gemeinden_ohne_zugang, koordinierte_kreise
from portal.permissions import check
from workflows.optin import beschlussvorlage, services
from workflows.optin.models import Entscheidung, Partnerbestaetigung, Status, Stelle, Wahl
from workflows.optin.regeln import als_partner_angefragt
from workflows.optin.register import register_tabelle, register_zeilen


class BegruendungForm(forms.Form):
    begruendung = forms.CharField(
        label=gettext_lazy("Begründung / Hinweis an die Gemeinde"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class AntwortForm(forms.Form):
    begruendung = forms.CharField(
        label=gettext_lazy("Begründung (bei Ablehnung erforderlich)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


# --- register ----------------------------------------------------------------------------------------
class RegisterView(DatenstandMixin, LoginRequiredMixin, DetailView):
    """Every Gemeinde of the Kreis with the status of its decision; for the Kreis and the Land. The
    counts and the table are cached under the Datenstand (per filter)."""

    template_name = "optin/register.html"
    context_object_name = "foerderjahr"

    def get_queryset(self):
        # Gemeinden never see the register
        return kreis_rollen_erforderlich(
            Foerderjahr.objects.visible_to(self.request.user).select_related("kreis"), self.request.user
        )

    def filtered(self):
        qs = self.object.entscheidungen.select_related(
            "gemeinde", "federfuehrend", "verbund", "teil_von__federfuehrend"
        ).order_by("gemeinde__name")
        status = self.request.GET.get("status", "")
        if status in Status.values:
            qs = qs.filter(status=status)
        wahl = self.request.GET.get("wahl", "")
        if wahl in Wahl.values:
            qs = qs.filter(wahl=wahl)
        elif wahl == "keine":
            qs = qs.filter(wahl="")
        if self.request.GET.get("verspaetet") == "1":
            qs = qs.filter(verspaetet=True)
        q = (self.request.GET.get("q") or "").strip()
        if q:
            qs = qs.filter(Q(gemeinde__name__icontains=q) | Q(gemeinde__ags__startswith=q))
        return qs

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        fmt = request.GET.get("format")
        if fmt in ("csv", "xlsx"):
            table = register_tabelle(register_zeilen(self.object, self.filtered()))
            name = dateiname(_("Entscheidungen"), self.object.jahr, self.object.kreis, endung=fmt)
            content = (
                tabelle_csv(table)
                if fmt == "csv"
                else tabelle_xlsx(
                    _("Entscheidungen"),
                    table,
                    betreff=_("%(kreis)s – Förderjahr %(jahr)s")
                    % {"kreis": self.object.kreis, "jahr": self.object.jahr},
                    autor=request.user.get_full_name() or request.user.get_username(),
                )
            )
            return download(content, name)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        fj = self.object
        alle = fj.entscheidungen.all()
        ctx.update(
            rows=spaeter(register_zeilen, fj, self.filtered()),
            status_choices=Status.choices,
            zaehler_choices=[*Status.choices, (IM_VERBUND_ANGEFRAGT, _("im Verbund angefragt"))],
            wahl_choices=Wahl.choices,
            filter=self.request.GET,
            zaehler=spaeter(lambda: _zaehler(fj)),
            gesamt=spaeter(alle.count),
            runde=getattr(fj, "entscheidungsrunde", None),
            darf_eroeffnen=check(self.request.user, "entscheidung.runde_eroeffnen", fj),
            ohne_zugang=spaeter(lambda: list(gemeinden_ohne_zugang(fj.kreis))),
            darf_einladen=koordinierte_kreise(self.request.user).filter(pk=fj.kreis_id).exists(),
            frist_vorbei=ist_verspaetet(timezone.now(), fj.frist_entscheidung),
            tage=tage_bis(timezone.now(), fj.frist_entscheidung),
            export_query=self.request.GET.urlencode(),
        )
        return ctx


def _zaehler(fj) -> dict:
    """Decisions per status, as on the overview: partners named in a Verbund's submission (asked or
    confirmed) decide through it – they count as "im Verbund angefragt", not as "offen"."""
    zaehler = dict(fj.entscheidungen.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    angefragt = (
        Partnerbestaetigung.objects.angefragt()
        .filter(entscheidung__foerderjahr=fj)
        .values_list("gemeinde_id", flat=True)
    )
    partner = dict(
        fj.entscheidungen.filter(gemeinde_id__in=angefragt)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    for status, n in partner.items():
        zaehler[status] -= n
    zaehler = {s: n for s, n in zaehler.items() if n}
    if sum(partner.values()):
        zaehler[IM_VERBUND_ANGEFRAGT] = sum(partner.values())
    return zaehler


#: The pseudo-status of the counters for partners of a Verbund under way.
IM_VERBUND_ANGEFRAGT = "im_verbund_angefragt"


class RundeEroeffnenView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        fj = get_object_or_404(Foerderjahr.objects.visible_to(request.user), pk=pk)
        try:
            services.runde_eroeffnen(fj, request.user)
        except PermissionDenied as e:
            messages.error(request, str(e))
        else:
            messages.success(
                request,
                _("Die Entscheidungsrunde ist eröffnet. Jede Gemeinde hat jetzt eine offene Aufgabe."),
            )
        return redirect("optin:register", pk=fj.pk)


# --- one decision -----------------------------------------------------------------------------------------
class EntscheidungDetailView(LoginRequiredMixin, DetailView):
    template_name = "optin/entscheidung_detail.html"
    context_object_name = "entscheidung"

    def get_queryset(self):
        return Entscheidung.objects.visible_to(self.request.user).select_related(
            "foerderjahr__kreis", "gemeinde", "federfuehrend", "teil_von", "verbund"
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        e, user = self.object, self.request.user
        scope = scope_of(user)
        eigene = ist_beteiligt(user, e.gemeinde_id, e.foerderjahr.kreis_id)
        ctx.update(
            eigene=eigene,
            darf_bearbeiten=check(user, "entscheidung.bearbeiten", e),
            darf_pruefen=check(user, "entscheidung.pruefen", e),
            darf_wieder_oeffnen=check(user, "entscheidung.wieder_oeffnen", e),
            wartet_auf_partner=e.status in ("eingereicht", "verspaetet")
            and e.bestaetigungen.filter(einreichung=e.einreichungen, antwort="offen").exists(),
            stellen=e.stellen.select_related("traeger") if eigene else [],
            bestaetigungen=e.bestaetigungen.select_related("gemeinde", "beantwortet_von"),
            meine_bestaetigungen=[
                b for b in e.bestaetigungen.filter(antwort="offen") if b.gemeinde_id in scope.gemeinde_ids
            ],
            pruef_form=BegruendungForm(),
            frist_vorbei=ist_verspaetet(timezone.now(), e.foerderjahr.frist_entscheidung),
            tage=tage_bis(timezone.now(), e.foerderjahr.frist_entscheidung),
            verlauf=AuditEvent.objects.verlauf(e, *e.bestaetigungen.all()) if eigene else [],
            hat_entwurf=bool(e.entwurf),
            # addressed to the Gemeinde itself, not to the Kreis or the Land reading along
            als_partner=als_partner_angefragt(e)
            if e.gemeinde_id in scope.gemeinde_ids and e.bearbeitbar
            else None,
        )
        if eigene and e.opt_in:
            ctx["finanzierung"] = _finanzierung(e)
        return ctx


def _finanzierung(e: Entscheidung):
    from portal.funding.finanzierung import finanzierung

    verteilung = veroeffentlichte_verteilung(e.foerderjahr)
    if verteilung is None:
        return None
    mitglieder = [e.gemeinde_id, *e.partner.values_list("pk", flat=True)]
    summe = sum((a.anteil for a in verteilung.anteile.filter(gemeinde__in=mitglieder)), Decimal("0.00"))
    return finanzierung(summe, e.foerderjahr.referenzkosten_pro_vzae, e.gesamt_vzae())


class PruefenView(EntscheidungDetailView):
    """Accept or return; on an error the page is shown again with the reason as typed."""

    http_method_names = ["post"]

    def post(self, request, pk):
        self.object = self.get_object()
        annehmen = request.POST.get("aktion") == "annehmen"
        form = BegruendungForm(request.POST)
        form.is_valid()
        try:
            services.pruefen(self.object, annehmen, form.cleaned_data.get("begruendung", ""), request.user)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        except ValidationError as exc:
            fehler_ins_formular(form, exc)
            ctx = self.get_context_data(object=self.object)
            ctx["pruef_form"] = form
            return self.render_to_response(ctx)
        else:
            messages.success(
                request,
                _("Die Entscheidung ist angenommen.")
                if annehmen
                else _("Die Entscheidung ist an die Gemeinde zurückgegeben."),
            )
        return redirect(self.object.get_absolute_url())


class WiederOeffnenView(EntscheidungDetailView):
    http_method_names = ["post"]

    def post(self, request, pk):
        self.object = self.get_object()
        form = BegruendungForm(request.POST)
        form.is_valid()
        try:
            services.wieder_oeffnen(self.object, form.cleaned_data.get("begruendung", ""), request.user)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error("begruendung", message)
            ctx = self.get_context_data(object=self.object)
            ctx["pruef_form"] = form
            return self.render_to_response(ctx)
        else:
            messages.success(
                request, _("Die Entscheidung ist wieder geöffnet; die Gemeinde hat ihre Aufgabe zurück.")
            )
        return redirect(self.object.get_absolute_url())


class BeschlussView(LoginRequiredMixin, View):
    """The council resolution, only for those who may see the decision (private storage)."""

    def get(self, request, pk):
        e = get_object_or_404(Entscheidung.objects.visible_to(request.user), pk=pk)
        if not ist_beteiligt(request.user, e.gemeinde_id, e.foerderjahr.kreis_id):
            raise Http404
        if not e.beschluss_datei:
            raise Http404
        return FileResponse(
            e.beschluss_datei.open("rb"),
            as_attachment=True,
            filename=dateiname("Gemeinderatsbeschluss", e.foerderjahr.jahr, e.gemeinde.name, endung="pdf"),
            content_type="application/pdf",
        )


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class BeschlussvorlageView(LoginRequiredMixin, View):
    """The council paper filled in for the Gemeinde and Förderjahr of this decision (DOCX, A4)."""

    def get(self, request, pk):
        e = get_object_or_404(
            Entscheidung.objects.visible_to(request.user).select_related("gemeinde", "foerderjahr__kreis"),
            pk=pk,
        )
        if not ist_beteiligt(request.user, e.gemeinde_id, e.foerderjahr.kreis_id):
            raise Http404
        response = HttpResponse(beschlussvorlage.docx(e), content_type=DOCX_TYPE)
        response["Content-Disposition"] = content_disposition_header(True, beschlussvorlage.dateiname(e))
        return response


# --- partner confirmation ---------------------------------------------------------------------------------
class BestaetigungView(LoginRequiredMixin, DetailView):
    template_name = "optin/bestaetigung.html"
    context_object_name = "bestaetigung"

    def get_queryset(self):
        return Partnerbestaetigung.objects.visible_to(self.request.user).select_related(
            "entscheidung__foerderjahr__kreis", "entscheidung__gemeinde", "gemeinde"
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        b = self.object
        ctx.update(
            entscheidung=b.entscheidung,
            stellen=b.entscheidung.stellen.select_related("traeger"),
            darf_antworten=check(self.request.user, "bestaetigung.beantworten", b),
            form=kwargs.get("form") or AntwortForm(),
        )
        return ctx

    def post(self, request, pk):
        self.object = self.get_object()
        form = AntwortForm(request.POST)
        form.is_valid()
        zustimmung = request.POST.get("aktion") == "bestaetigen"
        try:
            services.partner_antworten(
                self.object, zustimmung, form.cleaned_data.get("begruendung", ""), request.user
            )
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        except ValidationError as exc:
            fehler_ins_formular(form, exc)
            return self.render_to_response(self.get_context_data(form=form))
        else:
            messages.success(
                request,
                _("Sie haben die Teilnahme am Verbund bestätigt.")
                if zustimmung
                else _("Sie haben die Teilnahme abgelehnt."),
            )
        return redirect(self.object.get_absolute_url())


# --- overview ----------------------------------------------------------------------------------------------
class UebersichtView(LoginRequiredMixin, TemplateView):
    """Per Förderjahr and Kreis: how many Gemeinden opted in, with their VZÄ (the Land's view; Kreis users
    see their own Kreis; Gemeinde users are sent to their own decisions)."""

    template_name = "optin/uebersicht.html"

    def get(self, request, *args, **kwargs):
        scope = scope_of(request.user)
        if not scope.alles and not scope.kreis_ids:
            eigene = (
                eigene_gemeinde(Entscheidung.objects, request.user).order_by("-foerderjahr__jahr").first()
            )
            if eigene is not None:
                return redirect(eigene.get_absolute_url())
            raise PermissionDenied(_("Für Ihre Gemeinde ist noch keine Entscheidungsrunde eröffnet."))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        jahre = (
            Foerderjahr.objects.visible_to(self.request.user)
            .filter(entscheidungsrunde__isnull=False)
            .values_list("jahr", flat=True)
            .distinct()
            .order_by("-jahr")
        )
        jahre = list(jahre)
        jahr = self.request.GET.get("jahr")
        jahr = int(jahr) if jahr and jahr.isdigit() and int(jahr) in jahre else (jahre[0] if jahre else None)
        kreise = kreis_rollen_erforderlich(
            Kreis.objects.visible_to(self.request.user), self.request.user, "pk"
        )
        kreise = list(kreise.order_by("name"))
        # two queries for all Kreise: the counts per Förderjahr, and the accepted VZÄ per Förderjahr
        angenommen = Q(entscheidungen__status=Status.ANGENOMMEN)
        foerderjahre = {
            fj.kreis_id: fj
            for fj in Foerderjahr.objects.filter(kreis__in=kreise, jahr=jahr)
            .select_related("entscheidungsrunde")
            .order_by()
            .annotate(
                anzahl_gemeinden=Count("entscheidungen"),
                anzahl_opt_in=Count(
                    "entscheidungen",
                    filter=angenommen & Q(entscheidungen__wahl__in=[Wahl.ALLEIN, Wahl.VERBUND]),
                ),
                anzahl_allein=Count(
                    "entscheidungen", filter=angenommen & Q(entscheidungen__wahl=Wahl.ALLEIN)
                ),
                anzahl_im_verbund=Count(
                    "entscheidungen", filter=angenommen & Q(entscheidungen__wahl=Wahl.VERBUND)
                ),
                anzahl_landkreis=Count(
                    "entscheidungen",
                    filter=Q(entscheidungen__status=Status.BLEIBT_BEIM_LANDKREIS)
                    | (angenommen & Q(entscheidungen__wahl=Wahl.LANDKREIS)),
                ),
                # submitted decisions are with the Kreis, not "open" (#19)
                anzahl_in_pruefung=Count(
                    "entscheidungen",
                    filter=Q(entscheidungen__status__in=[Status.EINGEREICHT, Status.VERSPAETET]),
                ),
                anzahl_offen=Count(
                    "entscheidungen",
                    filter=Q(
                        entscheidungen__status__in=[Status.OFFEN, Status.ENTWURF, Status.ZURUECKGEGEBEN]
                    ),
                ),
            )
        }
        vzae = dict(
            Stelle.objects.filter(
                entscheidung__foerderjahr__in=list(foerderjahre.values()),
                entscheidung__status=Status.ANGENOMMEN,
            )
            .values_list("entscheidung__foerderjahr")
            .order_by()
            .annotate(s=Sum("vzae"))
        )
        # partners named in a Verbund's submission decide through it: "in Prüfung", not "noch offen"
        im_verbund_eingereicht = dict(
            Partnerbestaetigung.objects.angefragt()
            .filter(entscheidung__foerderjahr__in=list(foerderjahre.values()))
            .values_list("entscheidung__foerderjahr")
            .order_by()
            .annotate(n=Count("pk"))
        )
        rows = []
        for kreis in kreise:
            fj = foerderjahre.get(kreis.pk)
            if fj is None:
                rows.append({"kreis": kreis, "foerderjahr": None})
                continue
            rows.append(
                {
                    "kreis": kreis,
                    "foerderjahr": fj,
                    "gemeinden": fj.anzahl_gemeinden,
                    "opt_in": fj.anzahl_opt_in,
                    "allein": fj.anzahl_allein,
                    "im_verbund": fj.anzahl_im_verbund,
                    "landkreis": fj.anzahl_landkreis,
                    "in_pruefung": fj.anzahl_in_pruefung + im_verbund_eingereicht.get(fj.pk, 0),
                    "offen": fj.anzahl_offen - im_verbund_eingereicht.get(fj.pk, 0),
                    "vzae": vzae.get(fj.pk) or Decimal("0.00"),
                }
            )
        ctx.update(jahre=jahre, jahr=jahr, rows=rows)
        return ctx
