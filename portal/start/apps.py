from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StartConfig(AppConfig):
    """Above the workflows: each role's start page (dashboard), the demo and the statewide scale data.

    It may import every process; nothing below imports it."""

    name = "portal.start"
    label = "start"
    verbose_name = _("Startseite")
