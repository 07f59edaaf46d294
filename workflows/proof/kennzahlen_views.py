"""Kennzahlen pages: the Kreis's table per Förderjahr (with the XLSX in the template's layout), one
Gemeinde's figures (entered by whoever runs Integrationsmanagement there), and the Land's view of all
Kreise."""

from collections import defaultdict

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from portal.core.briefe import dateiname
from portal.core.datenstand import DatenstandMixin, zwischengespeichert
from portal.core.felder import AnzahlField
from portal.core.formfehler import fehler_ins_formular
from portal.core.tabellen import download
from portal.funding.models import Foerderjahr
from portal.organisations.models import Gemeinde, Kreis
from portal.organisations.scope import scope_of
from portal.permissions import check
from workflows.proof.kennzahlen import KennzahlDefinition, Kennzahlmeldung
from workflows.proof.kennzahlen_services import auswertung_xlsx, kennzahlen_erfassen, summen, zu_hoch
from workflows.transfer.views import kreis_jahre


def kennzahlen_form(definitionen, hoechstwert: int, *args, **kwargs):
    form = forms.Form(*args, **kwargs)
    for d in definitionen:
        form.fields[d.schluessel] = AnzahlField(
            label=d.bezeichnung,
            required=False,
            min_value=0,
            max_value=hoechstwert,
            error_messages={
                "invalid": _("Bitte eine ganze Zahl angeben."),
                "min_value": _("Die Zahl darf nicht negativ sein."),
                "max_value": zu_hoch(hoechstwert),
            },
        )
    return form


class UebersichtView(LoginRequiredMixin, TemplateView):
    template_name = "proof/kennzahlen_uebersicht.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        scope = scope_of(user)
        ctx.update(
            jahre=kreis_jahre(user).order_by("kreis__name", "-jahr"),
            eigene=[
                (g, Foerderjahr.objects.visible_to(user).filter(kreis=g.kreis).order_by("-jahr"))
                for g in Gemeinde.objects.filter(pk__in=scope.gemeinde_ids)
            ],
            land=scope.alles,
        )
        return ctx


class JahrView(LoginRequiredMixin, View):
    def get(self, request, pk):
        fj = get_object_or_404(kreis_jahre(request.user), pk=pk)
        definitionen = list(KennzahlDefinition.fuer_jahr(fj.jahr))
        meldungen = {m.gemeinde_id: m for m in fj.kennzahlen.select_related("gemeinde")}
        gemeinden = list(Gemeinde.objects.filter(kreis=fj.kreis).order_by("name"))
        if request.GET.get("format") == "xlsx":
            spalten = [(g.name, meldungen[g.pk].werte if g.pk in meldungen else {}) for g in gemeinden]
            content = auswertung_xlsx(
                str(fj.kreis),
                f"01.01.{fj.jahr} – 31.12.{fj.jahr}",
                spalten,
                definitionen,
                autor=request.user.get_full_name() or request.user.get_username(),
            )
            return download(content, dateiname(_("Kennzahlen"), fj.jahr, fj.kreis, endung="xlsx"))
        return render(
            request,
            "proof/kennzahlen_jahr.html",
            {
                "foerderjahr": fj,
                "definitionen": definitionen,
                "zeilen": [(g, meldungen.get(g.pk)) for g in gemeinden],
                "summen": summen(meldungen.values(), definitionen),
                "gemeldet": len(meldungen),
            },
        )


class GemeindeView(LoginRequiredMixin, View):
    """One Gemeinde's figures for one Förderjahr: readable by the Gemeinde and its Kreis, editable by
    whoever runs Integrationsmanagement there."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:  # to the login page before anything is looked up
            return self.handle_no_permission()
        self.fj = get_object_or_404(Foerderjahr.objects.visible_to(request.user), pk=kwargs["pk"])
        self.gemeinde = get_object_or_404(
            Gemeinde.objects.visible_to(request.user).filter(kreis=self.fj.kreis), pk=kwargs["gemeinde"]
        )
        return super().dispatch(request, *args, **kwargs)

    def render(self, form):
        meldung = Kennzahlmeldung.objects.filter(foerderjahr=self.fj, gemeinde=self.gemeinde).first()
        return render(
            self.request,
            "proof/kennzahlen_gemeinde.html",
            {
                "foerderjahr": self.fj,
                "gemeinde": self.gemeinde,
                "form": form,
                "meldung": meldung,
                "darf": check(self.request.user, "kennzahlen.erfassen", (self.fj, self.gemeinde)),
            },
        )

    def get(self, request, pk, gemeinde):
        meldung = Kennzahlmeldung.objects.filter(foerderjahr=self.fj, gemeinde=self.gemeinde).first()
        return self.render(
            kennzahlen_form(
                KennzahlDefinition.fuer_jahr(self.fj.jahr),
                self.fj.kennzahl_hoechstwert,
                initial=meldung.werte if meldung else {},
            )
        )

    def post(self, request, pk, gemeinde):
        form = kennzahlen_form(
            KennzahlDefinition.fuer_jahr(self.fj.jahr), self.fj.kennzahl_hoechstwert, request.POST
        )
        if form.is_valid():
            try:
                kennzahlen_erfassen(
                    self.fj,
                    self.gemeinde,
                    {k: v for k, v in form.cleaned_data.items() if v is not None},
                    request.user,
                )
            except PermissionDenied as e:
                messages.error(request, str(e))
            except ValidationError as e:
                fehler_ins_formular(form, e)
                return self.render(form)
            else:
                messages.success(request, _("Die Kennzahlen sind gespeichert."))
                return redirect("kennzahlen:gemeinde", pk=self.fj.pk, gemeinde=self.gemeinde.pk)
        return self.render(form)


class LandView(DatenstandMixin, LoginRequiredMixin, View):
    """The Land's view of all Kreise for a year (and the Kreise's own for theirs). The XLSX is cached
    under the Datenstand."""

    def get(self, request):
        jahre = sorted(set(kreis_jahre(request.user).values_list("jahr", flat=True)), reverse=True)
        if not jahre:
            raise PermissionDenied(_("Diese Übersicht ist für Kreise und das Land."))
        if request.GET.get("jahr", "").isdigit():
            jahr = int(request.GET["jahr"])
        else:  # the newest year with figures, not an empty table of zeros (#19)
            jahr = (
                Kennzahlmeldung.objects.filter(foerderjahr__in=kreis_jahre(request.user))
                .order_by("-foerderjahr__jahr")
                .values_list("foerderjahr__jahr", flat=True)
                .first()
            ) or jahre[0]
        # named for what it shows: all Kreise for the Land, the own Kreis for a coordinator (#19)
        land = scope_of(request.user).alles
        if request.GET.get("format") == "xlsx":
            content = zwischengespeichert(
                request,
                "kennzahlen-land-xlsx",
                [jahr],
                lambda: auswertung_xlsx(
                    _("Land Baden-Württemberg") if land else ", ".join(self.kreisnamen(request.user)),
                    f"01.01.{jahr} – 31.12.{jahr}",
                    *self.tabelle(jahr),
                ),
            )
            wer = _("alle Kreise") if land else "_".join(self.kreisnamen(request.user))
            return download(content, dateiname(_("Kennzahlen"), jahr, wer, endung="xlsx"))
        spalten, definitionen = self.tabelle(jahr)
        return render(
            request,
            "proof/kennzahlen_land.html",
            {
                "jahre": jahre,
                "jahr": jahr,
                "definitionen": definitionen,
                # a Kreis without any report reads "keine Daten", not a column of zeros
                "spalten": [
                    (name, werte if name not in self.ohne_meldung else None) for name, werte in spalten
                ],
                "land": land,
            },
        )

    def kreisnamen(self, user) -> list[str]:
        return sorted(set(kreis_jahre(user).values_list("kreis__name", flat=True)))

    def tabelle(self, jahr):
        """(Kreis name, sums per Kennzahl) for every Kreis the user sees, and the year's Kennzahlen."""
        definitionen = list(KennzahlDefinition.fuer_jahr(jahr))
        jahre_qs = kreis_jahre(self.request.user).filter(jahr=jahr)
        je_kreis = defaultdict(list)  # one query for all Kreise, not one per Kreis
        for kreis_id, werte in Kennzahlmeldung.objects.filter(foerderjahr__in=jahre_qs).values_list(
            "foerderjahr__kreis_id", "werte"
        ):
            je_kreis[kreis_id].append(Kennzahlmeldung(werte=werte))
        kreise = list(Kreis.objects.filter(foerderjahre__in=jahre_qs).order_by("name"))
        self.ohne_meldung = {kreis.name for kreis in kreise if not je_kreis[kreis.pk]}
        spalten = [(kreis.name, summen(je_kreis[kreis.pk], definitionen)) for kreis in kreise]
        return spalten, definitionen
