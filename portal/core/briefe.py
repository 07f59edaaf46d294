"""Letters and documents as PDF: Django templates (``templates/briefe/``) laid out after DIN 5008, form B,
rendered by WeasyPrint.

Why this shape: the wording of a Bescheid is text that lawyers and coordinators read and change, so it
lives in templates with gettext, not in drawing code; the layout (letterhead, window-envelope address
field, information block with Aktenzeichen and date, fold marks, "Seite 1 von 2", footer with the bank
account) is one base template every document extends.

Every PDF is PDF/A-2b (ISO 19005-2, level B) with tags for assistive technology, embeds subsets of its
fonts (DejaVu, which has Ş, Ł, ı and ß), and carries title, author and language. The renderer fetches
nothing: the Kreis's logo is handed in as a ``data:`` URL, and every other URL is refused, so a text a
user typed can never make the server load a resource."""

import base64
import datetime
import mimetypes
import re

import weasyprint
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from weasyprint.urls import URLFetcher

from portal.core.iban import iban_formatiert

#: ISO 19005-2, conformance level B; ``pdf_tags`` adds the structure tree (headings, paragraphs, tables).
PDF_VARIANTE = "pdf/a-2b"


def nur_eingebettetes():
    """The URL fetcher of every letter: only inline ``data:`` URLs, never a file or a host."""
    return URLFetcher(allowed_protocols=("data",), allow_redirects=False)


def pdf(vorlage: str, kontext: dict, *, titel: str, autor: str, sprache: str = "de") -> bytes:
    """Render ``vorlage`` to a PDF/A-2b document; ``titel`` and ``autor`` go into its metadata."""
    with override(sprache):
        html = render_to_string(
            vorlage, {**kontext, "titel": titel, "autor": autor, "sprache": sprache, "pdf": True}
        )
    dokument = weasyprint.HTML(string=html, url_fetcher=nur_eingebettetes(), base_url="data:,")
    return dokument.write_pdf(pdf_variant=PDF_VARIANTE, pdf_tags=True, srgb=True)


def logo_als_daten_url(kreis) -> str | None:
    """The Kreis's logo inlined, so the renderer needs no file access (see ``nur_eingebettetes``)."""
    if not kreis.logo:
        return None
    try:
        with kreis.logo.open("rb") as f:
            inhalt = f.read()
    except OSError:
        return None
    typ = mimetypes.guess_type(kreis.logo.name)[0] or "image/png"
    return f"data:{typ};base64,{base64.b64encode(inhalt).decode()}"


def briefkopf(kreis, mit_bank: bool = False) -> dict:
    """What the letterhead, the return-address line and the footer show, from the Kreis's settings. The
    Kreiskasse's account is printed only where the letter asks for a payment to the Kreis (``mit_bank``):
    the Land reads the other letters and sees no bank data in the portal."""
    stelle = kreis.dienststelle or str(kreis)
    anschrift = kreis.anschrift_zeilen
    return {
        "kreis": kreis,
        "stelle": stelle,
        "anschrift": anschrift,
        "ruecksendezeile": " · ".join([stelle, *anschrift]),
        "telefon": kreis.telefon,
        "email": kreis.email,
        "webseite": kreis.webseite,
        "logo": logo_als_daten_url(kreis),
        "bank": {
            "inhaber": kreis.kontoinhaber,
            "iban": iban_formatiert(kreis.iban),
            "bic": kreis.bic,
        }
        if kreis.iban and mit_bank
        else None,
        "ohne_unterschrift": kreis.ohne_unterschrift,
    }


def anschrift_gemeinde(gemeinde) -> list[str]:
    """The postal address of a Gemeinde's administration for the window envelope."""
    return [_("Bürgermeisteramt %(name)s") % {"name": gemeinde.name}, *gemeinde.anschrift_zeilen]


def aktenzeichen(kreis, jahr: int, gemeinde, nr: int = 1) -> str:
    """The file number after the Kreis's pattern (``IM-{jahr}-{ags}`` unless it set its own)."""
    try:
        return kreis.aktenzeichen_muster.format(jahr=jahr, ags=gemeinde.ags, gemeinde=gemeinde.name, nr=nr)
    except (KeyError, IndexError, ValueError):
        return f"IM-{jahr}-{gemeinde.ags}"


def rechtsbehelfsbelehrung(kreis) -> str:
    """The Kreis's text (data, edited by its coordination), or the usual wording for Baden-Württemberg."""
    from portal.organisations.kreiseinstellungen import RECHTSBEHELFSBELEHRUNG_VORSCHLAG

    text = kreis.rechtsbehelfsbelehrung or str(RECHTSBEHELFSBELEHRUNG_VORSCHLAG) % {
        "stelle": kreis.dienststelle or str(kreis)
    }
    # the letter sets its own heading; a text that starts with it would say it twice
    return re.sub(r"^\s*Rechtsbehelfsbelehrung\s*:?\s*", "", text)


def heute() -> datetime.date:
    return timezone.localdate()


_UNERLAUBT = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def dateiname(*teile, endung: str) -> str:
    """A download name for people: ``Weiterleitungsbescheid_2028_Nordheim_Tranche-1.pdf`` (spaces become
    hyphens, characters that file systems refuse are dropped)."""
    woerter = []
    for teil in teile:
        text = _UNERLAUBT.sub("", str(teil)).strip()
        if text:
            woerter.append(re.sub(r"\s+", "-", text))
    return "_".join(woerter) + "." + endung
