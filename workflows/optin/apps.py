from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OptinConfig(AppConfig):
    name = "workflows.optin"
    label = "optin"
    verbose_name = _("Entscheidung der Gemeinden")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from workflows.optin import mails, regeln  # noqa: F401  (e-mail receiver; permission rules)
