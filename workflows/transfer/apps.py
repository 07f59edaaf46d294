from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransferConfig(AppConfig):
    name = "workflows.transfer"
    label = "transfer"
    verbose_name = _("Weiterleitung der Mittel")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from workflows.transfer import mails, regeln  # noqa: F401  (e-mail receiver; permission rules)
