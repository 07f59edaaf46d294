from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class KontoConfig(AppConfig):
    name = "portal.konto"
    label = "konto"
    verbose_name = gettext_lazy("Anmeldung und Sicherheit")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from portal.konto import zwei_faktor

        def anmeldung_merken(sender, request, user, **kwargs):
            if request is not None and hasattr(request, "session"):
                zwei_faktor.passwort_bestaetigt(request)

        user_logged_in.connect(anmeldung_merken, dispatch_uid="konto.anmeldung_merken")
