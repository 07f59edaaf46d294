"""Sends a signed-in user who still owes the second factor to the code page (or, without an
authenticator yet, to its setup) before any other page of the portal."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from portal.konto import zwei_faktor

#: Reachable before the second factor: proving or setting it up, logging out, the language switch and
#: static files. Not the other account pages: a session with the password only must not change the
#: password or the backup codes (#18, finding 2).
FREI = (
    "/konto/zwei-faktor/pruefen/",
    "/konto/zwei-faktor/einrichten/",
    "/abmelden/",
    "/anmelden/",
    "/i18n/",
    "/static/",
    "/favicon",
)


class ZweiFaktorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and not request.path_info.startswith(FREI)
            and zwei_faktor.verlangt(user)
        ):
            ziel = "konto:pruefen" if zwei_faktor.totp_geraet(user) else "konto:einrichten"
            return redirect(f"{reverse(ziel)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


#: Reachable while the user still has to replace a password somebody else chose.
FREI_BEIM_PASSWORTWECHSEL = ("/konto/passwort/", "/abmelden/", "/i18n/", "/static/", "/favicon")


class PasswortAendernMiddleware:
    """A password the operator chose (a new account in the Django admin, a password set there) is known to
    two people: the user replaces it before any other page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and getattr(user, "passwort_aendern", False)
            and not request.path_info.startswith(FREI_BEIM_PASSWORTWECHSEL)
            and (user.is_verified() or not zwei_faktor.verlangt(user))
        ):
            return redirect(f"{reverse('konto:passwort')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
