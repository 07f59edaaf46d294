"""Letters after DIN 5008 as PDF/A (portal.core.briefe and the transfer documents): what a Kreis employee
sends and files must open in every viewer, print names with Ş, Ł, ı and ß, and carry its metadata."""

import datetime
import io
import re
import zoneinfo
from decimal import Decimal

import pytest
from pypdf import PdfReader

from portal.core import briefe
from portal.funding.models import Foerderjahr
from portal.organisations.models import Gemeinde, Kreis, Land, User, Verbund
from tests.artefakte import bild
from workflows.transfer import dokumente
from workflows.transfer.models import Weiterleitung

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def weiterleitung(rechtsform="bescheid", verbund=False, **kreis):
    """Unsaved records, enough for the documents (no database needed)."""
    k = Kreis(
        land=Land(name="Baden-Württemberg"),
        name="Landkreis Heilbronn",
        schluessel="08125",
        dienststelle="Landratsamt Heilbronn, Amt für Migration",
        strasse="Lerchenstraße 40",
        plz="74072",
        ort="Heilbronn",
        telefon="07131 994-0",
        email="integration@landratsamt-heilbronn.de",
        kontoinhaber="Kreiskasse Heilbronn",
        iban="DE47620500000100008125",
        bic="HEISDE66XXX",
        haushaltsstelle="1.3130.7171.000",
        zahlungsziel_tage=14,
        **kreis,
    )
    g = Gemeinde(
        kreis=k, name="Nordheim", ags="08125074", strasse="Hauptstraße 26", plz="74226", ort="Nordheim"
    )
    fj = Foerderjahr(kreis=k, jahr=2028, frist_verwendungsnachweis=datetime.date(2029, 4, 30))
    vorbereitet = User(username="hn-koordination", first_name="Şule", last_name="Łukasiewicz")
    freigegeben = User(username="hn-koordination2", first_name="Yıldız", last_name="Groß")
    w = Weiterleitung(
        foerderjahr=fj,
        gemeinde=g,
        tranche=1,
        betrag=Decimal("33605.72"),
        rechtsform=rechtsform,
        kontoinhaber="Gemeindekasse Nordheim",
        iban="DE89370400440532013000",
        verwendungszweck="Integrationsmanagement 2028 Tranche 1",
        vorbereitet_von=vorbereitet,
        vorbereitet_am=datetime.datetime(2029, 3, 16, 9, 30, tzinfo=BERLIN),
        freigegeben_von=freigegeben,
        freigegeben_am=datetime.datetime(2029, 3, 17, 14, 5, tzinfo=BERLIN),
    )
    if verbund:
        w.verbund = Verbund(pk=7, kreis=k, name="Integrationsmanagement Zabergäu", federfuehrend=g)
    return w


def lesen(pdf: bytes):
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(p.extract_text() for p in reader.pages)
    return reader, text


def schriften(reader) -> dict[str, bool]:
    """Every font used on a page, and whether its program is embedded."""
    gefunden = {}
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            for f in [font, *[d.get_object() for d in font.get("/DescendantFonts", [])]]:
                desc = f.get("/FontDescriptor")
                if desc is not None:
                    desc = desc.get_object()
                    gefunden[str(f["/BaseFont"])] = any(
                        k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")
                    )
    return gefunden


def test_bescheid_after_din_5008_with_legal_remedy_and_correct_german():
    pdf = dokumente.schreiben(weiterleitung())
    bild(pdf, "weiterleitungsbescheid")
    reader, text = lesen(pdf)
    flach = re.sub(r"\s+", " ", text)
    assert "Landratsamt Heilbronn, Amt für Migration" in flach  # letterhead
    assert "Bürgermeisteramt Nordheim Hauptstraße 26 74226 Nordheim" in flach  # window address field
    assert "Aktenzeichen IM-2028-08125074" in flach and "Datum 17.03.2029" in flach
    assert "Der Gemeinde Nordheim werden für das Förderjahr 2028 Mittel" in flach  # grammar
    assert "33.605,72 €" in flach.replace("\xa0", " ")
    assert "Rechtsbehelfsbelehrung" in flach and "Widerspruch" in flach
    assert "Im Auftrag" in flach and "Yıldız Groß" in flach  # signature block
    assert "30.04.2029" in flach
    assert "Seite 1 von" in flach and "Telefon 07131 994-0" in flach  # footer with contact
    assert "DE89 **** **** 3000" in flach and "0532 0130" not in flach  # the Land reads it: masked
    assert "DE47" not in flach  # the Kreiskasse account only where a payment to the Kreis is asked


def test_verbund_contract_has_signature_fields_for_both_parties():
    pdf = dokumente.schreiben(weiterleitung(rechtsform="vertrag", verbund=True, ohne_unterschrift=True))
    bild(pdf, "weiterleitungsvertrag")
    _reader, text = lesen(pdf)
    flach = re.sub(r"\s+", " ", text)
    assert "dem Verbund „Integrationsmanagement Zabergäu“ (federführend: Gemeinde Nordheim)" in flach
    assert "Für den Landkreis Heilbronn" in flach and "Für Integrationsmanagement Zabergäu" in flach
    assert flach.count("Ort, Datum") == 2
    assert "Rechtsbehelfsbelehrung" not in flach  # a contract is no administrative act


def test_machine_made_letter_says_so_instead_of_a_signature():
    _reader, text = lesen(dokumente.schreiben(weiterleitung(ohne_unterschrift=True)))
    flach = re.sub(r"\s+", " ", text)
    assert "Dieses Schreiben wurde maschinell erstellt und ist ohne Unterschrift gültig." in flach
    assert "Im Auftrag" not in flach


def test_payment_order_has_budget_line_reference_due_date_and_both_people():
    pdf = dokumente.auszahlungsanordnung(weiterleitung())
    bild(pdf, "auszahlungsanordnung")
    _reader, text = lesen(pdf)
    flach = re.sub(r"\s+", " ", text).replace("\xa0", " ")
    assert "Haushaltsstelle 1.3130.7171.000" in flach
    assert "Kassenzeichen IM-2028-08125074/1" in flach
    assert "Fälligkeit 31.03.2029" in flach  # approved 17.03. + 14 days
    assert "DE89 3704 0044 0532 0130 00" in flach  # the Kreiskasse needs the whole account
    assert "Şule Łukasiewicz, 16.03.2029, 09:30 Uhr" in flach
    assert "Yıldız Groß, 17.03.2029, 14:05 Uhr" in flach


def test_every_letter_is_pdf_a_with_embedded_fonts_and_metadata():
    pdf = dokumente.schreiben(weiterleitung())
    reader, text = lesen(pdf)
    assert "Şule Łukasiewicz" in text or "Yıldız Groß" in text  # Unicode names come out as text
    fonts = schriften(reader)
    assert fonts and all(fonts.values()), fonts  # no base-14 font, every font program embedded
    assert not any("Helvetica" in name for name in fonts)
    info = reader.metadata
    assert info.title == "Weiterleitungsbescheid 2028, Tranche 1, Nordheim"
    assert info.author == "Landratsamt Heilbronn, Amt für Migration"
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert re.search(r"pdfaid:part(>|=\")2", xmp) and re.search(r"pdfaid:conformance(>|=\")B", xmp)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "de" and "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert "/OutputIntents" in root  # sRGB output intent, as PDF/A requires


def test_typed_text_cannot_make_the_renderer_load_anything(tmp_path):
    w = weiterleitung()
    w.verwendungszweck = (
        '<img src="http://127.0.0.1:9/x.png"> <link rel=stylesheet href="file:///etc/passwd">'
    )
    _reader, text = lesen(dokumente.schreiben(w))
    assert '<img src="http://127.0.0.1:9/x.png">' in text.replace("\n", " ")  # shown as text, escaped
    for adresse in ("file:///etc/passwd", "http://127.0.0.1:9/x.png"):
        with pytest.raises(ValueError, match="disallowed protocol"):
            briefe.nur_eingebettetes().fetch(adresse)


def test_download_names_are_for_people():
    w = weiterleitung()
    assert dokumente.dateiname(w, "schreiben") == "Weiterleitungsbescheid_2028_Nordheim_Tranche-1.pdf"
    assert dokumente.dateiname(w, "anordnung") == "Auszahlungsanordnung_2028_Nordheim_Tranche-1.pdf"
    assert (
        briefe.dateiname("Gesamt/Nachweis", 2028, "Verbund: A|B", endung="xlsx")
        == "GesamtNachweis_2028_Verbund-AB.xlsx"
    )


def test_the_kreis_logo_is_embedded_and_the_page_count_is_right(monkeypatch):
    import base64

    from PIL import Image

    png = io.BytesIO()
    Image.new("RGBA", (120, 40), (11, 90, 138, 255)).save(png, "PNG")
    daten_url = "data:image/png;base64," + base64.b64encode(png.getvalue()).decode()
    monkeypatch.setattr(briefe, "logo_als_daten_url", lambda kreis: daten_url)
    reader, text = lesen(dokumente.schreiben(weiterleitung()))
    bilder = [
        x
        for page in reader.pages
        for x in (page["/Resources"].get("/XObject") or {}).values()
        if x.get_object().get("/Subtype") == "/Image"
    ]
    assert bilder  # the logo is in the letterhead
    seiten = len(reader.pages)
    assert f"Seite {seiten} von {seiten}" in text and (seiten == 1 or f"Seite 1 von {seiten}" in text)
