"""Wagtail pages: home, guidance (with versions of the rules), templates library, deadlines.

Page types name their parents and children explicitly, so editors can only build the intended tree:
Home → Hinweise (index) → Hinweisseite; Home → Vorlagen; Home → Fristen.
"""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.cms import vorlagen
from portal.cms.blocks import RICH_FEATURES, GuidanceStreamBlock
from portal.cms.kreiswahl import besucher_kreis
from portal.funding import termine
from portal.funding.fristen import um_jahre_verschoben
from portal.funding.models import Frist
from portal.organisations.models import Kreis


def heute() -> datetime.date:
    return timezone.localdate()


class HomePage(Page):
    intro = RichTextField(_("Einleitung"), features=RICH_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.GuidanceIndexPage", "cms.TemplateLibraryPage", "cms.FristenPage"]
    max_count = 1

    class Meta:
        verbose_name = _("Startseite")

    def get_context(self, request, *args, **kwargs):
        ctx = super().get_context(request, *args, **kwargs)
        kreis = besucher_kreis(request)
        ctx.update(
            kreis=kreis,
            termine=termine.naechste_fristen(kreis, heute()),
            hinweise=GuidancePage.objects.live().public().filter(ersetzt_durch__isnull=True).specific()[:9],
            fristen_seite=FristenPage.objects.live().first(),
            vorlagen_seite=TemplateLibraryPage.objects.live().first(),
        )
        return ctx


class GuidanceIndexPage(Page):
    intro = RichTextField(_("Einleitung"), features=RICH_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.GuidancePage"]

    class Meta:
        verbose_name = _("Hinweise (Übersicht)")

    def get_context(self, request, *args, **kwargs):
        ctx = super().get_context(request, *args, **kwargs)
        pages = GuidancePage.objects.child_of(self).live().specific()
        if not request.user.is_authenticated:
            pages = pages.public()
        ctx["aktuelle"] = [p for p in pages if p.ersetzt_durch_id is None]
        ctx["ueberholte"] = [p for p in pages if p.ersetzt_durch_id is not None]
        return ctx


class GuidancePage(Page):
    """A guidance page on one topic for one version of the rules.

    A revision for new rules is a new page (copy it in the admin, set "gültig ab"); the old one stays
    readable and points to its successor via ``ersetzt_durch``, which marks it as superseded."""

    zusammenfassung = models.TextField(
        _("Zusammenfassung"), blank=True, help_text=_("Ein bis zwei Sätze für Übersichten und Suche.")
    )
    regelwerk = models.CharField(
        _("Regelwerk"),
        max_length=200,
        default="VwV Integrationsmanagement 2023",
        help_text=_("Welche Fassung der Regeln diese Seite beschreibt."),
    )
    gueltig_ab = models.DateField(_("gültig ab"))
    ersetzt_durch = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="vorgaenger",
        verbose_name=_("ersetzt durch"),
        help_text=_("Gesetzt, sobald eine neuere Fassung dieser Seite gilt."),
    )
    body = StreamField(GuidanceStreamBlock(), verbose_name=_("Inhalt"), use_json_field=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("zusammenfassung"),
        MultiFieldPanel(
            [FieldPanel("regelwerk"), FieldPanel("gueltig_ab"), FieldPanel("ersetzt_durch")],
            heading=_("Fassung"),
        ),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("zusammenfassung"),
        index.SearchField("body"),
        index.SearchField("regelwerk"),
        index.FilterField("ersetzt_durch"),
    ]
    parent_page_types = ["cms.GuidanceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Hinweisseite")
        verbose_name_plural = _("Hinweisseiten")

    @property
    def ueberholt(self) -> bool:
        return self.ersetzt_durch_id is not None


class Vorlage(Orderable):
    class Kategorie(models.TextChoices):
        BESCHLUSS = "beschluss", _("Gemeinderatsbeschluss")
        VERTRAG = "vertrag", _("Weiterleitung und Kooperation")
        NACHWEIS = "nachweis", _("Verwendungsnachweis")
        SONSTIGES = "sonstiges", _("Sonstiges")

    seite = ParentalKey("cms.TemplateLibraryPage", on_delete=models.CASCADE, related_name="vorlagen")
    dokument = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.PROTECT, related_name="+", verbose_name=_("Dokument")
    )
    titel = models.CharField(_("Titel"), max_length=200)
    kategorie = models.CharField(_("Kategorie"), max_length=20, choices=Kategorie.choices)
    gueltig_ab = models.DateField(_("gültig ab"))
    beschreibung = models.TextField(_("Beschreibung"), blank=True)

    panels = [
        FieldPanel("titel"),
        FieldPanel("dokument"),
        FieldPanel("kategorie"),
        FieldPanel("gueltig_ab"),
        FieldPanel("beschreibung"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Vorlage")
        verbose_name_plural = _("Vorlagen")

    @property
    def format(self) -> str:
        return self.dokument.file_extension.upper()


class TemplateLibraryPage(Page):
    intro = RichTextField(_("Einleitung"), features=RICH_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), InlinePanel("vorlagen", label=_("Vorlagen"))]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.RelatedFields("vorlagen", [index.SearchField("titel"), index.SearchField("beschreibung")]),
    ]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("Vorlagen (Bibliothek)")

    def get_context(self, request, *args, **kwargs):
        ctx = super().get_context(request, *args, **kwargs)
        kategorie = request.GET.get("kategorie", "")
        vorlagen = self.vorlagen.select_related("dokument").all()
        if kategorie in Vorlage.Kategorie.values:
            vorlagen = vorlagen.filter(kategorie=kategorie)
        ctx.update(
            vorlagen=vorlagen,
            kategorien=Vorlage.Kategorie.choices,
            kategorie=kategorie,
            eigene_vorlagen=_eigene_beschlussvorlagen(request.user),
        )
        return ctx


def _eigene_beschlussvorlagen(user) -> list:
    """Documents filled in for the visitor (e.g. the council paper of the own Gemeinde): the processes
    register their sources in ``vorlagen.EIGENE_VORLAGEN`` at start, so the library needs no import of
    them."""
    if not user.is_authenticated:
        return []
    return [eintrag for quelle in vorlagen.EIGENE_VORLAGEN for eintrag in quelle(user)]


class FristenPage(Page):
    """The deadlines of the current and next Förderjahr for the visitor's Kreis, with a calendar feed."""

    intro = RichTextField(_("Einleitung"), features=RICH_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("Fristen")

    def get_context(self, request, *args, **kwargs):
        ctx = super().get_context(request, *args, **kwargs)
        today = heute()
        kreis = besucher_kreis(request)
        # the running and the next year, and the year after whose decision round is open (its decision
        # deadline within a year: from June, the round of the year after next)
        years = range(today.year, today.year + 3)
        published, defaults = termine.inputs(kreis, years, today=today)

        def gezeigt(jahr):
            if jahr <= today.year + 1:
                return True
            entscheidung = (published.get(jahr) or defaults[jahr])[Frist.ENTSCHEIDUNG]
            return today <= entscheidung < um_jahre_verschoben(today, 1)

        ctx.update(
            kreis=kreis,
            kreise=Kreis.objects.order_by("name"),
            jahre=[
                (jahr, termine.termine_im_jahr(jahr, published, defaults)) for jahr in years if gezeigt(jahr)
            ]
            if defaults
            else [],
            naechste=termine.naechste_fristen(kreis, today),
            heute=today,
        )
        return ctx
