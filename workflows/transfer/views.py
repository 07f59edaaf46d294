"""Pages of the Weiterleitung: the Kreis's year (Land's payouts, recipients, transfers, exports), one
transfer with the actions of the user's role, its PDFs, and the Gemeinde's list of its transfers."""

import datetime
from collections import defaultdict
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, TemplateView

from portal.audit.models import AuditEvent
from portal.audit.services import record_event
from portal.core.briefe import dateiname
from portal.core.darstellung import datum, geld
from portal.core.datenstand import DatenstandMixin, spaeter
from portal.core.formfehler import fehler_ins_formular
from portal.core.iban import iban_formatiert, iban_maskiert
from portal.core.tabellen import download
from portal.funding.models import Foerderjahr
from portal.konto import zwei_faktor
from portal.organisations.scope import kreis_rollen_erforderlich, scope_of
from portal.permissions import check, require
from workflows.transfer import dokumente, services, zahlungslauf
from workflows.transfer.forms import AuszahlungForm, BezahltForm, GrundForm, KorrekturForm, ZahlungsForm
from workflows.transfer.models import Landesauszahlung, Weiterleitung, Zahlungslauf
from workflows.transfer.sepa import liste_xlsx


def kreis_jahre(user):
    """Förderjahre whose transfers the user may see as a whole (Kreis roles, Land)."""
    return kreis_rollen_erforderlich(Foerderjahr.objects.visible_to(user).select_related("kreis"), user)


class UebersichtView(LoginRequiredMixin, TemplateView):
    template_name = "transfer/uebersicht.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx.update(
            jahre=kreis_jahre(user).order_by("kreis__name", "-jahr"),
            eigene=Weiterleitung.objects.visible_to(user)
            .filter(gemeinde__in=scope_of(user).gemeinde_ids)
            .select_related("foerderjahr", "gemeinde", "verbund")
            .order_by("-foerderjahr__jahr")
            | Weiterleitung.objects.visible_to(user)
            .filter(verbund__in=scope_of(user).verbund_ids())
            .select_related("foerderjahr", "gemeinde", "verbund"),
        )
        return ctx


class JahrView(DatenstandMixin, LoginRequiredMixin, DetailView):
    """The Kreis's transfers of one Förderjahr. The tables are cached under the Datenstand."""

    template_name = "transfer/jahr.html"
    context_object_name = "foerderjahr"

    def get_queryset(self):
        return kreis_jahre(self.request.user)

    def zeilen(self) -> list[dict]:
        """One row per recipient with its share and its transfers (by tranche)."""
        fj = self.object
        je_entscheidung = defaultdict(list)
        for w in fj.weiterleitungen.order_by("tranche").only(
            "pk", "foerderjahr_id", "entscheidung_id", "tranche", "betrag", "status"
        ):
            je_entscheidung[w.entscheidung_id].append(w)
        empfaenger = list(services.empfaenger(fj).prefetch_related("partner"))
        anteile = services.anteile(fj, empfaenger)
        return [
            {
                "entscheidung": e,
                "anteil": anteile[e.pk],
                "empfaenger": services.empfangende_gemeinde(e),
                "weiterleitungen": je_entscheidung[e.pk],
                "naechste_tranche": services.naechste_tranche(je_entscheidung[e.pk]),
                "rest": services.rest_des_anteils(anteile[e.pk], je_entscheidung[e.pk]),
            }
            for e in empfaenger
        ]

    def summen(self) -> dict:
        fj = self.object
        land, gebunden = services.ausgezahlt_vom_land(fj), services.gebunden(fj)
        return {"land": land, "gebunden": gebunden, "verfuegbar": land - gebunden}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        fj, user = self.object, self.request.user
        ctx.update(
            zeilen=spaeter(self.zeilen),
            summen=spaeter(self.summen),
            auszahlungen=fj.landesauszahlungen.select_related("erfasst_von", "bestaetigt_von", "korrigiert"),
            korrektur_form=kwargs.get("korrektur_form") or KorrekturForm(foerderjahr=fj),
            offene_korrekturen=fj.landesauszahlungen.filter(
                art=Landesauszahlung.Art.KORREKTUR, bestaetigt_am__isnull=True
            ).select_related("erfasst_von", "korrigiert"),
            darf_vorbereiten=check(user, "weiterleitung.vorbereiten", fj),
            darf_exportieren=check(user, "weiterleitung.exportieren", fj),
            auszahlung_form=kwargs.get("auszahlung_form")
            or AuszahlungForm(
                initial={
                    "datum": timezone.localdate(),
                    # the next tranche not yet recorded (the first one is 1)
                    "tranche": 1
                    + max(
                        fj.landesauszahlungen.filter(art=Landesauszahlung.Art.AUSZAHLUNG).values_list(
                            "tranche", flat=True
                        ),
                        default=0,
                    ),
                }
            ),
            offen_zu_zahlen=spaeter(fj.weiterleitungen.filter(status=Weiterleitung.Status.FREIGEGEBEN).count),
        )
        if ctx["darf_exportieren"]:
            heute = timezone.localdate()
            ctx.update(
                # a run with a payment marked paid cannot be cancelled: its status says how far it is
                zahlungslaeufe=fj.zahlungslaeufe.select_related("erstellt_von", "storniert_von").annotate(
                    bezahlt=Count(
                        "weiterleitungen",
                        filter=~Q(weiterleitungen__status=Weiterleitung.Status.FREIGEGEBEN),
                    )
                ),
                ohne_lauf=len(zahlungslauf.offene(fj)),
                sepa_datum=self.request.GET.get("sepa_datum", ""),
                heute=heute,
                spaetestens=heute + datetime.timedelta(days=zahlungslauf.horizont()),
            )
        return ctx

    def post(self, request, pk):
        """Record the Land's payout, propose a correction of one, or confirm a colleague's correction."""
        self.object = self.get_object()
        aktion = request.POST.get("aktion", "erfassen")
        if aktion == "korrigieren":
            return self._korrigieren(request)
        if aktion == "bestaetigen":
            korrektur = get_object_or_404(
                self.object.landesauszahlungen, pk=request.POST.get("korrektur"), art="korrektur"
            )
            try:
                services.korrektur_bestaetigen(korrektur, request.user, request.POST.get("begruendung", ""))
            except (PermissionDenied, ValidationError) as e:
                messages.error(request, " ".join(getattr(e, "messages", [str(e)])))
            else:
                messages.success(request, _("Die Korrektur ist bestätigt und zählt jetzt."))
            return redirect("transfer:jahr", pk=self.object.pk)
        form = AuszahlungForm(request.POST)
        if form.is_valid():
            try:
                services.auszahlung_erfassen(
                    self.object,
                    form.cleaned_data["datum"],
                    form.cleaned_data["betrag"],
                    form.cleaned_data["referenz"],
                    request.user,
                    tranche=form.cleaned_data["tranche"],
                    begruendung=form.cleaned_data["begruendung"],
                )
            except PermissionDenied as e:
                messages.error(request, str(e))
            except ValidationError as e:
                fehler_ins_formular(form, e)
            else:
                messages.success(request, _("Die Auszahlung des Landes ist erfasst."))
                return redirect("transfer:jahr", pk=self.object.pk)
        return self.render_to_response(self.get_context_data(auszahlung_form=form))

    def _korrigieren(self, request):
        form = KorrekturForm(request.POST, foerderjahr=self.object)
        if form.is_valid():
            try:
                services.auszahlung_korrigieren(
                    form.cleaned_data["auszahlung"],
                    form.cleaned_data["richtiger_betrag"],
                    form.cleaned_data["begruendung"],
                    request.user,
                )
            except PermissionDenied as e:
                messages.error(request, str(e))
            except ValidationError as e:
                fehler_ins_formular(form, e)
            else:
                messages.success(
                    request,
                    _("Die Korrektur ist erfasst. Sie zählt, sobald eine zweite Person sie bestätigt hat."),
                )
                return redirect("transfer:jahr", pk=self.object.pk)
        return self.render_to_response(self.get_context_data(korrektur_form=form))


class VorbereitenView(LoginRequiredMixin, View):
    template_name = "transfer/vorbereiten.html"

    def dispatch(self, request, pk, entscheidung):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.fj = get_object_or_404(kreis_jahre(request.user), pk=pk)
        self.entscheidung = get_object_or_404(services.empfaenger(self.fj), pk=entscheidung)
        erlaubt = check(request.user, "weiterleitung.vorbereiten", self.fj)
        if not erlaubt:
            raise PermissionDenied(erlaubt.grund)
        self.bisher = list(self.entscheidung.weiterleitungen.order_by("tranche"))
        self.tranche = services.naechste_tranche(self.bisher)
        self.anteil = services.anteil(self.entscheidung)
        return super().dispatch(request, pk, entscheidung)

    def render(self, form):
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "foerderjahr": self.fj,
                "entscheidung": self.entscheidung,
                "anteil": self.anteil,
                "bisher": self.bisher,
                "tranche": self.tranche,
            },
        )

    def get(self, request, pk, entscheidung):
        empfaenger = services.empfangende_gemeinde(self.entscheidung)
        letzte = self.bisher[-1] if self.bisher else None
        return self.render(
            ZahlungsForm(
                initial={
                    "betrag": services.rest_des_anteils(self.anteil, self.bisher),
                    # a further tranche goes where the last one went
                    "rechtsform": letzte.rechtsform if letzte else Weiterleitung.Rechtsform.BESCHEID,
                    "kontoinhaber": letzte.kontoinhaber if letzte else str(empfaenger),
                    "iban": letzte.iban if letzte else "",
                    "bic": letzte.bic if letzte else "",
                    "verwendungszweck": services.standard_verwendungszweck(self.entscheidung, self.tranche),
                }
            )
        )

    def post(self, request, pk, entscheidung):
        form = ZahlungsForm(request.POST)
        if form.is_valid():
            try:
                w = services.vorbereiten(
                    self.entscheidung,
                    services.Zahlungsdaten(**form.cleaned_data),
                    request.user,
                    tranche=self.tranche,
                )
            except ValidationError as e:
                fehler_ins_formular(form, e)
            else:
                messages.success(
                    request,
                    _(
                        "Die Weiterleitung ist vorbereitet und wartet auf die Freigabe "
                        "durch eine zweite Person."
                    ),
                )
                return redirect(w.get_absolute_url())
        return self.render(form)


class WeiterleitungDetailView(LoginRequiredMixin, DetailView):
    template_name = "transfer/detail.html"
    context_object_name = "weiterleitung"

    def get_queryset(self):
        return Weiterleitung.objects.visible_to(self.request.user).select_related(
            "foerderjahr__kreis", "gemeinde", "verbund", "vorbereitet_von", "freigegeben_von", "bezahlt_von"
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        w, user = self.object, self.request.user
        bankdaten = check(user, "weiterleitung.bankdaten_sehen", w)
        ctx.update(
            bankdaten=bankdaten,
            iban=iban_formatiert(w.iban) if bankdaten else iban_maskiert(w.iban),
            darf_freigeben=check(user, "weiterleitung.freigeben", w),
            darf_auszahlen=check(user, "weiterleitung.auszahlen", w),
            darf_empfang=check(user, "weiterleitung.empfang_bestaetigen", w),
            darf_ueberarbeiten=w.status == Weiterleitung.Status.ZURUECKGEGEBEN
            and check(user, "weiterleitung.vorbereiten", w.foerderjahr),
            grund_form=kwargs.get("grund_form") or GrundForm(),
            bezahlt_form=kwargs.get("bezahlt_form") or BezahltForm(initial={"datum": timezone.localdate()}),
            ueberarbeiten_form=kwargs.get("ueberarbeiten_form")
            or ZahlungsForm(
                initial={
                    "betrag": w.betrag,
                    "rechtsform": w.rechtsform,
                    "kontoinhaber": w.kontoinhaber,
                    "iban": iban_formatiert(w.iban) if bankdaten else "",
                    "bic": w.bic,
                    "verwendungszweck": w.verwendungszweck,
                }
            ),
            verlauf=AuditEvent.objects.verlauf(w),
        )
        return ctx

    def post(self, request, pk):
        self.object = w = self.get_object()
        aktion = request.POST.get("aktion")
        extra = {}
        try:
            if aktion == "freigeben":
                if check(request.user, "weiterleitung.freigeben", w) and not zwei_faktor.frisch_bestaetigt(
                    request
                ):
                    # Four eyes only help if the second pair belongs to the person at the keyboard now.
                    messages.info(request, _("Bitte bestätigen Sie vor der Freigabe Ihre Anmeldung."))
                    return redirect(f"{reverse('konto:bestaetigen')}?next={w.get_absolute_url()}")
                services.freigeben(w, request.user)
                messages.success(
                    request, _("Freigegeben. Auszahlungsanordnung und Schreiben liegen als PDF bereit.")
                )
            elif aktion == "zurueckgeben":
                form = extra["grund_form"] = GrundForm(request.POST)
                form.is_valid()
                services.zurueckgeben(w, form.cleaned_data.get("begruendung", ""), request.user)
                messages.success(request, _("Die Weiterleitung ist zur Überarbeitung zurückgegeben."))
            elif aktion == "bezahlt":
                form = extra["bezahlt_form"] = BezahltForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(**extra))
                services.bezahlt(
                    w, form.cleaned_data["datum"], form.cleaned_data["buchungsreferenz"], request.user
                )
                messages.success(request, _("Als bezahlt markiert."))
            elif aktion == "empfang":
                services.empfang_bestaetigen(w, request.user)
                messages.success(request, _("Vielen Dank: der Empfang ist bestätigt."))
            elif aktion == "ueberarbeiten":
                form = extra["ueberarbeiten_form"] = ZahlungsForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(**extra))
                services.ueberarbeiten(w, services.Zahlungsdaten(**form.cleaned_data), request.user)
                messages.success(
                    request, _("Überarbeitet; die Weiterleitung wartet erneut auf die Freigabe.")
                )
            else:
                raise Http404
        except PermissionDenied as e:
            messages.error(request, str(e))
        except ValidationError as e:
            form = next(iter(extra.values()), None)
            if form is None:
                for message in e.messages:
                    messages.error(request, message)
            else:
                fehler_ins_formular(form, e)
                return self.render_to_response(self.get_context_data(**extra))
        return redirect(w.get_absolute_url())


class DokumentView(LoginRequiredMixin, View):
    """The PDFs from private storage: the payment order (with bank data) for the Kreis only, the
    notice or contract also for the recipient."""

    def get(self, request, pk, art):
        w = get_object_or_404(Weiterleitung.objects.visible_to(request.user), pk=pk)
        if art == "anordnung":
            require(request.user, "weiterleitung.bankdaten_sehen", w)
            datei = w.auszahlungsanordnung
        elif art == "schreiben":
            datei = w.schreiben
        else:
            raise Http404
        if not datei:
            raise Http404
        return FileResponse(
            datei.open("rb"),
            as_attachment=True,
            filename=dokumente.dateiname(w, "anordnung" if art == "anordnung" else "schreiben"),
            content_type="application/pdf",
        )


class ExportView(LoginRequiredMixin, View):
    """The approved, unpaid transfers of the year as an XLSX list (finance and coordination); the SEPA file
    is made as a Zahlungslauf (``ZahlungslaufAnlegenView``)."""

    def get(self, request, pk, format):
        fj = get_object_or_404(kreis_jahre(request.user), pk=pk)
        require(request.user, "weiterleitung.exportieren", fj)
        if format != "xlsx":
            raise Http404
        offen = fj.weiterleitungen.filter(status=Weiterleitung.Status.FREIGEGEBEN).select_related(
            "foerderjahr", "gemeinde", "verbund", "freigegeben_von"
        )
        name = dateiname(_("Weiterleitungen"), fj.jahr, fj.kreis, endung="xlsx")
        response = download(liste_xlsx(offen), name)
        record_event(
            "weiterleitung.exportiert",
            fj,
            actor=request.user,
            aenderungen={"format": format, "anzahl": len(offen), "weiterleitungen": [w.pk for w in offen]},
        )
        return response


class ZahlungslaufAnlegenView(LoginRequiredMixin, View):
    """Finance makes the SEPA file of every approved transfer that is in no run yet."""

    def post(self, request, pk):
        fj = get_object_or_404(kreis_jahre(request.user), pk=pk)
        eingabe = request.POST.get("datum", "")
        ziel = reverse("transfer:jahr", args=[fj.pk])
        try:  # a refused permission answers 403
            lauf = zahlungslauf.anlegen(fj, zahlungslauf.ausfuehrungstag(eingabe), request.user)
        except ValidationError as e:
            messages.error(request, "; ".join(e.messages))
            return redirect(f"{ziel}?{urlencode({'sepa_datum': eingabe})}#zahlungslaeufe")
        else:
            messages.success(
                request,
                _("Zahlungslauf angelegt: %(anzahl)s Zahlungen, %(summe)s, Ausführung am %(datum)s.")
                % {"anzahl": lauf.anzahl, "summe": geld(lauf.summe), "datum": datum(lauf.ausfuehrung)},
            )
        return redirect(f"{ziel}#zahlungslaeufe")


class ZahlungslaufDateiView(LoginRequiredMixin, View):
    """The recorded SEPA file of a run: the same bytes on every download."""

    def get(self, request, pk):
        lauf = get_object_or_404(
            Zahlungslauf.objects.visible_to(request.user).select_related("foerderjahr__kreis"), pk=pk
        )
        require(request.user, "weiterleitung.exportieren", lauf.foerderjahr)
        record_event("zahlungslauf.heruntergeladen", lauf, actor=request.user)
        response = HttpResponse(bytes(lauf.inhalt), content_type="application/xml")
        name = dateiname(
            _("SEPA-Zahlungslauf"),
            lauf.foerderjahr.jahr,
            lauf.foerderjahr.kreis,
            lauf.ausfuehrung.isoformat(),
            endung="xml",
        )
        response["Content-Disposition"] = content_disposition_header(True, name)
        return response


class ZahlungslaufStornierenView(LoginRequiredMixin, View):
    def post(self, request, pk):
        lauf = get_object_or_404(Zahlungslauf.objects.visible_to(request.user), pk=pk)
        try:  # a refused permission answers 403
            zahlungslauf.stornieren(lauf, request.POST.get("grund", ""), request.user)
        except ValidationError as e:
            messages.error(request, "; ".join(e.messages))
        else:
            messages.success(
                request, _("Der Zahlungslauf ist storniert; seine Weiterleitungen sind wieder offen.")
            )
        return redirect(reverse("transfer:jahr", args=[lauf.foerderjahr_id]) + "#zahlungslaeufe")
