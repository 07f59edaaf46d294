"""Pages of the people responsible for access: invitations (list, invite, resend, revoke), roles (grant,
confirm with four eyes, revoke) and the invitee's page that accepts a link."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from portal.core.formfehler import fehler_ins_formular
from portal.organisations import zugaenge
from portal.organisations.forms import BegruendungForm, EinladungForm, PasswortSetzenForm, RolleErteilenForm
from portal.organisations.models import Einladung, Mitgliedschaft, User
from portal.organisations.zugaenge import koordinierte_kreise


class KoordinationMixin(LoginRequiredMixin):
    """Only for a Kreis's coordination (and the operator)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.kreise = koordinierte_kreise(request.user)
        if not self.kreise.exists():
            raise PermissionDenied(_("Zugänge verwaltet die koordinierende Stelle des Kreises."))
        return super().dispatch(request, *args, **kwargs)

    def einladungen(self):
        return Einladung.objects.filter(kreis__in=self.kreise).select_related(
            "user", "mitgliedschaft", "mitgliedschaft__gemeinde", "mitgliedschaft__kreis", "eingeladen_von"
        )

    def rollen(self):
        return Mitgliedschaft.objects.filter(
            Q(kreis__in=self.kreise) | Q(gemeinde__kreis__in=self.kreise)
        ).select_related("user", "kreis", "gemeinde", "erteilt_von", "bestaetigt_von")


class EinladungenView(KoordinationMixin, View):
    template_name = "organisations/einladungen.html"

    def get(self, request):
        return self.seite(EinladungForm(kreise=self.kreise))

    def seite(self, form, status=200):
        jetzt = timezone.now()
        einladungen = [(e, e.status_text(jetzt), e.abgelaufen(jetzt)) for e in self.einladungen()]
        return render(
            request=self.request,
            template_name=self.template_name,
            status=status,
            context={"form": form, "einladungen": einladungen},
        )

    def post(self, request):
        form = EinladungForm(request.POST, kreise=self.kreise)
        if form.is_valid():
            d = form.cleaned_data
            try:
                einladung = zugaenge.einladen(
                    request.user,
                    email=d["email"],
                    vorname=d["vorname"],
                    nachname=d["nachname"],
                    rolle=d["rolle"],
                    kreis=d["kreis"],
                    gemeinde=d["gemeinde"] if d["rolle"] == "gemeinde" else None,
                )
            except ValidationError as e:
                fehler_ins_formular(form, e)
            else:
                text = _("Die Einladung an %(email)s ist gesendet; der Link gilt sieben Tage.") % {
                    "email": d["email"]
                }
                if einladung.mitgliedschaft.wartet_auf_bestaetigung:
                    text += " " + _(
                        "Die Rolle wird wirksam, sobald eine zweite Person der Koordination sie bestätigt."
                    )
                messages.success(request, text)
                return redirect("organisations:einladungen")
        return self.seite(form)


class EinladungAktionView(KoordinationMixin, View):
    aktion = "erneut"

    def post(self, request, pk):
        einladung = get_object_or_404(self.einladungen(), pk=pk)
        try:
            if self.aktion == "erneut":
                zugaenge.erneut_senden(einladung, request.user)
                messages.success(
                    request, _("Die Einladung ist erneut gesendet; der alte Link gilt nicht mehr.")
                )
            else:
                zugaenge.widerrufen(einladung, request.user)
                messages.success(request, _("Die Einladung ist widerrufen."))
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        return redirect("organisations:einladungen")


class RollenView(KoordinationMixin, View):
    template_name = "organisations/rollen.html"

    def benutzer(self):
        return (
            User.objects.visible_to(self.request.user)
            .filter(is_active=True)
            .order_by("last_name", "first_name")
        )

    def get(self, request):
        return self.seite(RolleErteilenForm(kreise=self.kreise, benutzer=self.benutzer()))

    def seite(self, form):
        rollen = list(self.rollen().order_by("-wartet_auf_bestaetigung", "-aktiv", "user__last_name"))
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "wartend": [m for m in rollen if m.wartet_auf_bestaetigung],
                "aktiv": [m for m in rollen if m.aktiv],
            },
        )

    def post(self, request):
        form = RolleErteilenForm(request.POST, kreise=self.kreise, benutzer=self.benutzer())
        if form.is_valid():
            d = form.cleaned_data
            try:
                m = zugaenge.rolle_erteilen(
                    request.user,
                    d["benutzer"],
                    d["rolle"],
                    kreis=d["kreis"],
                    gemeinde=d["gemeinde"] if d["rolle"] == "gemeinde" else None,
                )
            except ValidationError as e:
                fehler_ins_formular(form, e)
            else:
                if m.wartet_auf_bestaetigung:
                    messages.success(
                        request,
                        _(
                            "Die Rolle ist erteilt und wartet auf die Bestätigung einer zweiten Person "
                            "der Koordination."
                        ),
                    )
                else:
                    messages.success(request, _("Die Rolle ist erteilt."))
                return redirect("organisations:rollen")
        return self.seite(form)


class RolleAktionView(KoordinationMixin, View):
    aktion = "bestaetigen"
    template_name = "organisations/rolle_entziehen.html"

    def ziel(self, pk):
        return get_object_or_404(self.rollen(), pk=pk)

    def get(self, request, pk):
        if self.aktion != "entziehen":
            return redirect("organisations:rollen")
        return render(request, self.template_name, {"form": BegruendungForm(), "rolle": self.ziel(pk)})

    def post(self, request, pk):
        m = self.ziel(pk)
        try:
            if self.aktion == "bestaetigen":
                zugaenge.rolle_bestaetigen(request.user, m)
                messages.success(
                    request, _("Die Rolle von %(name)s ist bestätigt und wirksam.") % {"name": m.user}
                )
            elif self.aktion == "ablehnen":
                zugaenge.rolle_ablehnen(request.user, m)
                messages.success(request, _("Die Rolle von %(name)s ist nicht bestätigt.") % {"name": m.user})
            else:
                form = BegruendungForm(request.POST)
                if not form.is_valid():
                    return render(request, self.template_name, {"form": form, "rolle": m})
                zugaenge.rolle_entziehen(request.user, m, form.cleaned_data["begruendung"])
                messages.success(request, _("Die Rolle von %(name)s ist entzogen.") % {"name": m.user})
        except PermissionDenied as e:
            messages.error(request, str(e))
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        return redirect("organisations:rollen")


class EinladungAnnehmenView(View):
    """The invitee's page: no login, the link is the key. Sets the password, logs the person in; the
    second-factor middleware then sends a money role to its setup before any other page."""

    template_name = "organisations/einladung_annehmen.html"

    def get(self, request, token):
        try:
            einladung = zugaenge.einladung_zum_link(token)
        except zugaenge.EinladungUngueltig as e:
            return render(request, self.template_name, {"fehler": str(e)}, status=410)
        return render(request, self.template_name, {"einladung": einladung, "form": PasswortSetzenForm()})

    def post(self, request, token):
        try:
            einladung = zugaenge.einladung_zum_link(token)
        except zugaenge.EinladungUngueltig as e:
            return render(request, self.template_name, {"fehler": str(e)}, status=410)
        form = PasswortSetzenForm(request.POST)
        if form.is_valid():
            try:
                user = zugaenge.annehmen(token, form.cleaned_data["passwort1"])
            except zugaenge.EinladungUngueltig as e:
                return render(request, self.template_name, {"fehler": str(e)}, status=410)
            except ValidationError as e:
                form.add_error("passwort1", e.messages)
            else:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                messages.success(request, _("Willkommen! Ihr Zugang ist eingerichtet."))
                return redirect("start:dashboard")
        return render(request, self.template_name, {"einladung": einladung, "form": form})
