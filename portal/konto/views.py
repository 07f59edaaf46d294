"""Account security pages: set up the authenticator, enter the code after the password, renew backup
codes, and confirm the login again before a sensitive step (approving a transfer)."""

from urllib.parse import urlencode

import segno
from django.contrib import messages
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import PasswordChangeView, PasswordResetConfirmView, PasswordResetView
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View

from portal.audit.services import record_event
from portal.konto import zwei_faktor
from portal.konto.forms import CodeForm, PasswortForm


def weiter(request, standard="start:dashboard") -> str:
    """The safe ``next`` target of the request (same host only)."""
    ziel = request.POST.get("next") or request.GET.get("next") or ""
    if ziel and url_has_allowed_host_and_scheme(ziel, {request.get_host()}, request.is_secure()):
        return ziel
    return reverse(standard)


class UebersichtView(LoginRequiredMixin, View):
    def get(self, request):
        return render(
            request,
            "konto/uebersicht.html",
            {
                "geraet": zwei_faktor.totp_geraet(request.user),
                "pflicht": zwei_faktor.pflicht(request.user),
                "backup_codes_uebrig": zwei_faktor.backup_codes_uebrig(request.user),
            },
        )


class EinrichtenView(LoginRequiredMixin, View):
    """Scan the QR code, enter the first code; shows the backup codes once."""

    def dispatch(self, request, *args, **kwargs):
        if (
            request.user.is_authenticated
            and zwei_faktor.totp_geraet(request.user)
            and not request.user.is_verified()
        ):
            # Replacing an authenticator needs the current one first: a password alone is not enough.
            return redirect(f"{reverse('konto:pruefen')}?next={reverse('konto:einrichten')}")
        return super().dispatch(request, *args, **kwargs)

    def render(self, request, form, geraet):
        qr = segno.make(geraet.config_url, error="m")
        return render(
            request,
            "konto/einrichten.html",
            {
                "form": form,
                "qr_svg": qr.svg_inline(scale=5, title=_("QR-Code für die Authenticator-App")),
                "schluessel": _gruppiert(_base32(geraet)),
                "pflicht": zwei_faktor.pflicht(request.user),
                "next": weiter(request),
            },
        )

    def get(self, request):
        geraet = zwei_faktor.neues_totp_geraet(request.user)
        return self.render(request, CodeForm(user=request.user, geraet=geraet), geraet)

    def post(self, request):
        geraet = zwei_faktor.neues_totp_geraet(request.user)
        form = CodeForm(request.POST, user=request.user, geraet=geraet)
        if not form.is_valid():
            return self.render(request, form, geraet)
        codes = zwei_faktor.einrichtung_abschliessen(request, geraet)
        record_event("konto.zwei_faktor_eingerichtet", request.user, actor=request.user)
        return render(request, "konto/backup_codes.html", {"codes": codes, "next": weiter(request)})


class PruefenView(LoginRequiredMixin, View):
    """The second step of the login."""

    def get(self, request):
        if request.user.is_verified():
            return redirect(weiter(request))
        if not zwei_faktor.totp_geraet(request.user) and zwei_faktor.backup_codes_uebrig(request.user) == 0:
            return redirect(f"{reverse('konto:einrichten')}?next={weiter(request)}")
        return render(
            request, "konto/pruefen.html", {"form": CodeForm(user=request.user), "next": weiter(request)}
        )

    def post(self, request):
        form = CodeForm(request.POST, user=request.user)
        if not form.is_valid():
            return render(request, "konto/pruefen.html", {"form": form, "next": weiter(request)})
        zwei_faktor.bestaetigt(request, form.treffer)
        if form.treffer.persistent_id.startswith("otp_static"):
            messages.warning(
                request,
                _("Sie haben einen Backup-Code verwendet; noch %(n)s übrig.")
                % {"n": zwei_faktor.backup_codes_uebrig(request.user)},
            )
        return redirect(weiter(request))


class BackupCodesView(LoginRequiredMixin, View):
    """New backup codes (the old ones stop working); only after the second factor."""

    def post(self, request):
        if not request.user.is_verified():
            return redirect(f"{reverse('konto:pruefen')}?next={reverse('konto:uebersicht')}")
        codes = zwei_faktor.backup_codes_erzeugen(request.user)
        record_event("konto.backup_codes_erneuert", request.user, actor=request.user)
        return render(
            request, "konto/backup_codes.html", {"codes": codes, "next": reverse("konto:uebersicht")}
        )


class BestaetigenView(LoginRequiredMixin, View):
    """Confirm the login again (code, or password for users without a second factor) before a step
    that must not be done from an unattended, long-open session."""

    def formular(self, request, data=None):
        if zwei_faktor.totp_geraet(request.user):
            return CodeForm(data, user=request.user)
        return PasswortForm(data, request=request)

    def get(self, request):
        return render(
            request, "konto/bestaetigen.html", {"form": self.formular(request), "next": weiter(request)}
        )

    def post(self, request):
        form = self.formular(request, request.POST)
        if not form.is_valid():
            return render(request, "konto/bestaetigen.html", {"form": form, "next": weiter(request)})
        if isinstance(form, CodeForm):
            zwei_faktor.bestaetigt(request, form.treffer)
        else:
            zwei_faktor.passwort_bestaetigt(request)
        messages.success(request, _("Anmeldung bestätigt. Sie können jetzt fortfahren."))
        return redirect(weiter(request))


class PasswortAendernView(PasswordChangeView):
    """Django's password change with the portal's validators (length 10, not common, not numeric, not like
    the user name); the session stays logged in. A password the operator chose must be changed here
    before any other page (``passwort_aendern``)."""

    template_name = "konto/passwort.html"
    success_url = reverse_lazy("konto:uebersicht")

    def dispatch(self, request, *args, **kwargs):
        # With a second factor, a password change needs that factor confirmed in the last minutes: a
        # stolen password alone must not lock out the real user.
        if (
            request.user.is_authenticated
            and zwei_faktor.totp_geraet(request.user)
            and not zwei_faktor.frisch_bestaetigt(request)
        ):
            messages.info(request, _("Bitte bestätigen Sie vor der Änderung des Passworts Ihre Anmeldung."))
            return redirect(f"{reverse('konto:bestaetigen')}?{urlencode({'next': request.get_full_path()})}")
        return super().dispatch(request, *args, **kwargs)

    @method_decorator(transaction.atomic)
    def form_valid(self, form):
        response = super().form_valid(form)
        user = self.request.user
        if user.passwort_aendern:
            user.passwort_aendern = False
            user.save(update_fields=["passwort_aendern"])
        record_event("konto.passwort_geaendert", user, actor=user)
        messages.success(self.request, _("Ihr Passwort ist geändert."))
        return response


class PasswortVergessenForm(PasswordResetForm):
    """The reset mail goes through the outbox like every mail: the request never fails because the mail
    server is down (#18)."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kw):
        from django.template import loader

        from portal.core.postausgang import einreihen

        betreff = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        einreihen([to_email], betreff, loader.render_to_string(email_template_name, context))


class PasswortVergessenView(PasswordResetView):
    """Django's reset by e-mail, in German. The page says the same whether or not the address is known
    (no user enumeration); the request is in the user's audit trail, its token is not."""

    template_name = "konto/passwort_vergessen.html"
    form_class = PasswortVergessenForm
    email_template_name = "konto/mail_passwort_vergessen.txt"
    subject_template_name = "konto/mail_passwort_vergessen_betreff.txt"

    @method_decorator(transaction.atomic)
    def form_valid(self, form):
        for user in form.get_users(form.cleaned_data["email"]):
            record_event("konto.passwort_vergessen", user, actor=None)
        with translation.override("de"):
            return super().form_valid(form)


class PasswortNeuView(PasswordResetConfirmView):
    template_name = "konto/passwort_neu.html"

    @method_decorator(transaction.atomic)
    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.user
        if user.passwort_aendern:
            user.passwort_aendern = False
            user.save(update_fields=["passwort_aendern"])
        record_event("konto.passwort_zurueckgesetzt", user, actor=user)
        return response


def _base32(geraet) -> str:
    from base64 import b32encode

    return b32encode(geraet.bin_key).decode()


def _gruppiert(text: str) -> str:
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))
