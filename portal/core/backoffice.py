"""viewflow's generic back office (``/portal/ablauf/…``) is for the operator only (#19): it looks like
another product, names processes by number and offers actions the portal handles on its own pages.
Every task a person works on is reached from the portal's own pages (the task list on the start page,
the registers and the detail pages); the operator keeps the back office for support (a stuck process,
a task to reassign)."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

PREFIX = "/portal/ablauf/"


class AblaufNurFuerBetrieb:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(PREFIX) and not request.user.is_superuser:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied(
                _(
                    "Die technische Ablaufverwaltung ist dem Betrieb vorbehalten. Ihre Aufgaben finden Sie "
                    "in der Übersicht unter „Offene Aufgaben“."
                )
            )
        return self.get_response(request)
