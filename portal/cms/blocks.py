"""StreamField blocks shared by the guidance pages.

Deadlines are never typed into a page: the ``FristBlock`` names a deadline field of the Förderjahr
and the page shows the date that applies to the reader (their Kreis, else the programme default).
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from portal.funding.models import Frist

RICH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Überschrift"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Ebene"),
        choices=[("h2", _("Abschnitt (H2)")), ("h3", _("Unterabschnitt (H3)"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Überschrift")
        template = "cms/blocks/heading.html"


class RechtsgrundlageBlock(blocks.StructBlock):
    bezeichnung = blocks.CharBlock(
        label=_("Fundstelle"), max_length=200, help_text=_("z. B. „Nr. 9.1.9 VwV Integrationsmanagement“")
    )
    link = blocks.URLBlock(label=_("Link"), required=False)
    erlaeuterung = blocks.TextBlock(label=_("Erläuterung"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Rechtsgrundlage")
        template = "cms/blocks/rechtsgrundlage.html"


class HinweisBlock(blocks.StructBlock):
    art = blocks.ChoiceBlock(
        label=_("Art"), choices=[("hinweis", _("Hinweis")), ("warnung", _("Warnung"))], default="hinweis"
    )
    titel = blocks.CharBlock(label=_("Titel"), max_length=200, required=False)
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Hinweiskasten")
        template = "cms/blocks/hinweis.html"


class FristBlock(blocks.StructBlock):
    frist = blocks.ChoiceBlock(label=_("Frist"), choices=Frist.choices)
    erlaeuterung = blocks.TextBlock(label=_("Erläuterung"), required=False)

    class Meta:
        icon = "date"
        label = _("Frist aus dem Förderjahr")
        template = "cms/blocks/frist.html"


class VergleichSpalte(blocks.StructBlock):
    ueberschrift = blocks.CharBlock(label=_("Option"), max_length=200)
    vorteile = blocks.ListBlock(blocks.CharBlock(label=_("Vorteil")), label=_("Vorteile"))
    nachteile = blocks.ListBlock(blocks.CharBlock(label=_("Nachteil")), label=_("Nachteile"))


class VergleichBlock(blocks.StructBlock):
    titel = blocks.CharBlock(label=_("Titel"), max_length=200)
    optionen = blocks.ListBlock(VergleichSpalte(), label=_("Optionen"), min_num=2, max_num=4)

    class Meta:
        icon = "table"
        label = _("Vergleich (Vor- und Nachteile)")
        template = "cms/blocks/vergleich.html"


class FrageAntwort(blocks.StructBlock):
    frage = blocks.CharBlock(label=_("Frage"), max_length=300)
    antwort = blocks.RichTextBlock(label=_("Antwort"), features=RICH_FEATURES)


class FAQBlock(blocks.StructBlock):
    titel = blocks.CharBlock(label=_("Titel"), max_length=200, required=False)
    fragen = blocks.ListBlock(FrageAntwort(), label=_("Fragen"))

    class Meta:
        icon = "help"
        label = _("Häufige Fragen")
        template = "cms/blocks/faq.html"


class DokumentBlock(blocks.StructBlock):
    dokument = DocumentChooserBlock(label=_("Dokument"))
    titel = blocks.CharBlock(label=_("Linktext"), max_length=200, required=False)
    beschreibung = blocks.TextBlock(label=_("Beschreibung"), required=False)

    class Meta:
        icon = "doc-full-inverse"
        label = _("Dokument")
        template = "cms/blocks/dokument.html"


class GuidanceStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_FEATURES, icon="pilcrow")
    rechtsgrundlage = RechtsgrundlageBlock()
    hinweis = HinweisBlock()
    frist = FristBlock()
    vergleich = VergleichBlock()
    faq = FAQBlock()
    dokument = DokumentBlock()
