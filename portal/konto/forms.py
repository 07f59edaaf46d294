import math

from django import forms
from django.contrib.auth import authenticate
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice


class CodeForm(forms.Form):
    """A six-digit code from the authenticator app, or one of the backup codes."""

    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        help_text=gettext_lazy(
            "Sechsstelliger Code aus der Authenticator-App oder einer Ihrer Backup-Codes."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        error_messages={"required": gettext_lazy("Bitte geben Sie den Code ein.")},
    )

    def __init__(self, *args, user, geraet=None, **kwargs):
        """``geraet``: check against this (new, unconfirmed) authenticator only; else any of the user's."""
        super().__init__(*args, **kwargs)
        self.user, self.geraet = user, geraet

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if self.geraet is not None:
            geraete = [self.geraet]
        elif code.isdigit() and len(code) == 6:  # the app's code
            geraete = list(TOTPDevice.objects.filter(user=self.user, confirmed=True))
        else:  # a backup code
            geraete = list(StaticDevice.objects.filter(user=self.user, confirmed=True))
        treffer = None
        for geraet in geraete:
            erlaubt, info = geraet.verify_is_allowed()
            if not erlaubt and info and info.get("locked_until"):
                sekunden = max(1, math.ceil((info["locked_until"] - timezone.now()).total_seconds()))
                raise forms.ValidationError(
                    gettext("Zu viele falsche Codes. Bitte versuchen Sie es in %(s)s s erneut.")
                    % {"s": sekunden}
                )
            if geraet.verify_token(code):
                treffer = geraet
                break
        if treffer is None:
            raise forms.ValidationError(
                gettext_lazy(
                    "Der Code stimmt nicht oder ist abgelaufen. Bitte geben Sie den aktuellen Code ein."
                )
            )
        self.treffer = treffer
        return code


class PasswortForm(forms.Form):
    """Re-entering the password (for users without a second factor)."""

    passwort = forms.CharField(
        label=gettext_lazy("Passwort"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
        error_messages={"required": gettext_lazy("Bitte geben Sie Ihr Passwort ein.")},
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_passwort(self):
        user = self.request.user
        passwort = self.cleaned_data["passwort"]
        if authenticate(self.request, username=user.get_username(), password=passwort) is None:
            raise forms.ValidationError(gettext_lazy("Das Passwort stimmt nicht."))
        return passwort
