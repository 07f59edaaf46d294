from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OptinConfig(AppConfig):
    name = "workflows.optin"
    label = "optin"
    verbose_name = _("Entscheidung der Gemeinden")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.cms.vorlagen import EIGENE_VORLAGEN
        from workflows.optin import beschlussvorlage, mails, regeln  # noqa: F401  (e-mail receiver; rules)

        if beschlussvorlage.fuer_bibliothek not in EIGENE_VORLAGEN:
            EIGENE_VORLAGEN.append(beschlussvorlage.fuer_bibliothek)  # the filled-in council paper
