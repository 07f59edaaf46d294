"""Navigation data every page needs: the user's roles (for the menu) and the portal's name."""

from django.conf import settings
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from portal.core import datenstand
from portal.organisations.scope import scope_of


def public_sections():
    """The guidance index, templates library and Fristen page for the public menu: (url, title)."""
    from wagtail.models import Page

    from portal.cms.models import FristenPage, GuidanceIndexPage, TemplateLibraryPage

    order = [GuidanceIndexPage, TemplateLibraryPage, FristenPage]
    # the pages are written in German; in another language the menu names them in that language (#19)
    uebersetzt = {
        GuidanceIndexPage: _("Hinweise zum Förderprogramm"),
        TemplateLibraryPage: _("Vorlagen"),
        FristenPage: _("Fristen"),
    }
    deutsch = (translation.get_language() or "de").startswith("de")
    found = {}
    for page in Page.objects.live().public().filter(depth=3).type(*order).select_related("content_type"):
        found.setdefault(page.specific_class, page)
    return [
        {"url": found[model].url, "title": found[model].title if deutsch else str(uebersetzt[model])}
        for model in order
        if model in found
    ]


def portal(request):
    scope = scope_of(getattr(request, "user", None))
    return {
        "portal_name": settings.WAGTAIL_SITE_NAME,
        # Cached under the Datenstand: publishing or moving a page writes a Wagtail log entry.
        "public_sections": SimpleLazyObject(
            lambda: datenstand.zwischengespeichert(request, "public_sections", [], public_sections)
        ),
        "rollen": scope.rollen,
        "ist_koordination": bool(scope.koordination_kreis_ids),
        "ist_finanzen": bool(scope.finanzen_kreis_ids),
        "ist_land": "land" in scope.rollen,
        "ist_gemeinde": bool(scope.gemeinde_ids),
        "ist_redaktion": "redaktion" in scope.rollen,
    }
