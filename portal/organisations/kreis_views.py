"""The Kreis's settings page (letterhead, texts, address; the Kreiskasse account with four eyes) and the
address of a Gemeinde. The services in ``kreiseinstellungen`` decide who may and write the audit events."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from portal.core.formfehler import fehler_ins_formular
from portal.core.iban import iban_formatiert
from portal.organisations import kreiseinstellungen as dienst
from portal.organisations.forms import AnschriftForm, KontoForm, KreisEinstellungenForm
from portal.organisations.models import Gemeinde, Kontoaenderung, Kreis
from portal.organisations.scope import scope_of
from portal.permissions import check


class KreisEinstellungenView(LoginRequiredMixin, View):
    template_name = "organisations/kreis_einstellungen.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        scope = scope_of(request.user)
        kreise = (
            Kreis.objects.all() if request.user.is_superuser else Kreis.objects.filter(pk__in=scope.kreis_ids)
        )
        self.kreis = get_object_or_404(kreise, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def seite(self, form=None, konto_form=None):
        kreis = self.kreis
        darf = check(self.request.user, "kreis.einstellungen", kreis)
        if form is None:
            initial = {}
            if not kreis.rechtsbehelfsbelehrung:
                stelle = kreis.dienststelle or kreis.name
                initial["rechtsbehelfsbelehrung"] = dienst.RECHTSBEHELFSBELEHRUNG_VORSCHLAG % {
                    "stelle": stelle
                }
            form = KreisEinstellungenForm(instance=kreis, initial=initial)
        offen = (
            kreis.kontoaenderungen.filter(status=Kontoaenderung.Status.OFFEN)
            .select_related("vorgeschlagen_von")
            .first()
        )
        return render(
            self.request,
            self.template_name,
            {
                "kreis": kreis,
                "form": form if darf else None,
                "konto_form": konto_form or KontoForm(),
                "iban": iban_formatiert(kreis.iban),
                "offen": offen,
                "offen_iban": iban_formatiert(offen.iban) if offen else "",
                "darf_bestaetigen": check(self.request.user, "kreis.konto_bestaetigen", offen)
                if offen
                else None,
                "verlauf": kreis.kontoaenderungen.exclude(status=Kontoaenderung.Status.OFFEN)[:5],
            },
        )

    def get(self, request, pk):
        return self.seite()

    def post(self, request, pk):
        aktion = request.POST.get("aktion", "einstellungen")
        try:
            if aktion == "einstellungen":
                form = KreisEinstellungenForm(request.POST, request.FILES, instance=Kreis.objects.get(pk=pk))
                if not form.is_valid():
                    return self.seite(form=form)
                try:
                    dienst.einstellungen_speichern(self.kreis, request.user, form.cleaned_data)
                except ValidationError as e:
                    fehler_ins_formular(form, e)
                    return self.seite(form=form)
                messages.success(request, _("Die Einstellungen des Kreises sind gespeichert."))
            elif aktion == "konto":
                konto_form = KontoForm(request.POST)
                if not konto_form.is_valid():
                    return self.seite(konto_form=konto_form)
                try:
                    dienst.konto_vorschlagen(self.kreis, request.user, **konto_form.cleaned_data)
                except ValidationError as e:
                    fehler_ins_formular(konto_form, e)
                    return self.seite(konto_form=konto_form)
                messages.success(
                    request,
                    _(
                        "Die neue Bankverbindung ist vorgeschlagen. Sie gilt, sobald eine zweite Person "
                        "sie bestätigt."
                    ),
                )
            elif aktion in ("bestaetigen", "ablehnen"):
                offen = get_object_or_404(self.kreis.kontoaenderungen, pk=request.POST.get("aenderung"))
                if aktion == "bestaetigen":
                    dienst.konto_bestaetigen(offen, request.user)
                    messages.success(request, _("Die neue Bankverbindung der Kreiskasse gilt ab sofort."))
                else:
                    dienst.konto_ablehnen(offen, request.user)
                    messages.success(
                        request, _("Der Vorschlag ist abgelehnt; die bisherige Bankverbindung gilt weiter.")
                    )
        except PermissionDenied as e:
            messages.error(request, str(e))
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        return redirect("organisations:kreis_einstellungen", pk=self.kreis.pk)


class AnschriftView(LoginRequiredMixin, View):
    template_name = "organisations/anschrift.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.gemeinde = get_object_or_404(Gemeinde.objects.visible_to(request.user), pk=kwargs["pk"])
        erlaubt = check(request.user, "gemeinde.anschrift", self.gemeinde)
        if not erlaubt:
            raise PermissionDenied(erlaubt.grund)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        return render(
            request,
            self.template_name,
            {"form": AnschriftForm(instance=self.gemeinde), "gemeinde": self.gemeinde},
        )

    def post(self, request, pk):
        form = AnschriftForm(request.POST, instance=Gemeinde.objects.get(pk=pk))
        if form.is_valid():
            try:
                dienst.anschrift_speichern(self.gemeinde, request.user, form.cleaned_data)
            except ValidationError as e:
                fehler_ins_formular(form, e)
            else:
                messages.success(request, _("Die Anschrift ist gespeichert."))
                return redirect(self.gemeinde.get_absolute_url())
        return render(request, self.template_name, {"form": form, "gemeinde": self.gemeinde})
