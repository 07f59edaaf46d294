"""The guidance site: page tree, content, templates library and editorial workflow (idempotent).

``seed_content`` is safe for production (it creates no users): ``manage.py seed_content`` builds the
site on a fresh installation; ``seed_demo`` calls it too. Pages that already exist are left as the
editors made them.
"""

import json

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction, Site

from portal.cms import content, vorlagen
from portal.cms.models import (
    FristenPage,
    GuidanceIndexPage,
    GuidancePage,
    HomePage,
    TemplateLibraryPage,
    Vorlage,
)

SITE_NAME = "Integrationsmanagement-Portal"


def _publish(page: Page) -> None:
    page.save_revision().publish()


def _child(parent: Page, model, slug: str, **fields):
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    _publish(page)
    return page, True


def seed_home() -> HomePage:
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(
            title="Integrationsmanagement in Baden-Württemberg", slug="start", intro=content.HOME_INTRO
        )
        root.add_child(instance=home)
        _publish(home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=SITE_NAME
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = SITE_NAME
        site.save()
    # Wagtail's placeholder "Welcome" page is not part of the portal.
    for page in root.get_children().exact_type(Page):
        page.delete()
    return home


def seed_documents() -> dict[str, object]:
    Document = get_document_model()
    docs = {}
    for spec in vorlagen.VORLAGEN:
        doc = Document.objects.filter(title=spec["titel"]).first()
        if doc is None:
            doc = Document(title=spec["titel"])
            doc.file.save(spec["dateiname"], ContentFile(spec["erzeugen"]()), save=False)
            doc.save()
        docs[spec["key"]] = doc
    return docs


def _resolve_documents(body: list, docs: dict) -> list:
    resolved = []
    for block in body:
        if block["type"] == "dokument":
            value = dict(block["value"])
            value["dokument"] = docs[value["dokument"].lstrip("@")].pk
            block = {"type": "dokument", "value": value}
        resolved.append(block)
    return resolved


def seed_guidance(home: HomePage, docs: dict) -> GuidanceIndexPage:
    index, _ = _child(
        home, GuidanceIndexPage, "hinweise", title="Hinweise zum Förderprogramm", intro=content.HINWEISE_INTRO
    )
    for spec in content.SEITEN:
        page, created = _child(
            index,
            GuidancePage,
            spec["slug"],
            title=spec["title"],
            zusammenfassung=spec["zusammenfassung"],
            regelwerk=content.REGELWERK,
            gueltig_ab=content.GUELTIG_AB,
            body=json.dumps(_resolve_documents(spec["body"], docs)),
        )
        if spec.get("intern") and not PageViewRestriction.objects.filter(page=page).exists():
            PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return index


def seed_library(home: HomePage, docs: dict) -> TemplateLibraryPage:
    library, created = _child(
        home, TemplateLibraryPage, "vorlagen", title="Vorlagen", intro=content.VORLAGEN_INTRO
    )
    if created:
        for order, spec in enumerate(vorlagen.VORLAGEN):
            Vorlage.objects.create(
                seite=library,
                dokument=docs[spec["key"]],
                titel=spec["titel"],
                kategorie=spec["kategorie"],
                gueltig_ab=content.GUELTIG_AB,
                beschreibung=spec["beschreibung"],
                sort_order=order,
            )
        _publish(library)
    return library


@transaction.atomic
def seed_content() -> HomePage:
    home = seed_home()
    docs = seed_documents()
    seed_guidance(home, docs)
    seed_library(home, docs)
    _child(home, FristenPage, "fristen", title="Fristen", intro=content.FRISTEN_INTRO)
    return home


def editor_groups() -> tuple[Group, Group]:
    """Wagtail's default groups. Editors may draft but not publish: the default workflow
    "Redaktionsfreigabe" (Wagtail's "Moderators approval", renamed by cms migration 0002; on the root
    page, so on every page) sends their changes to the
    Moderators, who approve or reject with a comment."""
    return Group.objects.get(name="Editors"), Group.objects.get(name="Moderators")
