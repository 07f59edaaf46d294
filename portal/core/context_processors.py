"""Navigation data every page needs: the user's roles (for the menu) and the portal's name."""

from django.conf import settings

from portal.organisations.scope import scope_of


def portal(request):
    scope = scope_of(getattr(request, "user", None))
    return {
        "portal_name": settings.WAGTAIL_SITE_NAME,
        "rollen": scope.rollen,
        "ist_koordination": bool(scope.koordination_kreis_ids),
        "ist_finanzen": bool(scope.finanzen_kreis_ids),
        "ist_land": "land" in scope.rollen,
        "ist_gemeinde": bool(scope.gemeinde_ids),
        "ist_redaktion": "redaktion" in scope.rollen,
    }
