from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProofConfig(AppConfig):
    name = "workflows.proof"
    label = "proof"
    verbose_name = _("Verwendungsnachweis")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from workflows.proof import regeln  # noqa: F401  (registers the permission rules)
