"""Uploads: judged by content, limited in size, stored under random names in the private storage outside
the web root, and served only through views that check who asks."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from portal.core.uploads import pruefe_pdf, pruefe_tabelle
from portal.start.demo import DEMO_PDF
from tests.conftest import anmelden
from tests.transfer.conftest import fj, nordheim  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


def pdf_of_size(size: int) -> SimpleUploadedFile:
    from portal.start.demo import kleines_pdf

    laenge = size - len(DEMO_PDF) - 2
    data = kleines_pdf(b"%" + b"x" * laenge + b"\n")
    data = kleines_pdf(b"%" + b"x" * (laenge - (len(data) - size)) + b"\n")  # startxref got longer
    assert len(data) == size
    return SimpleUploadedFile("beschluss.pdf", data, content_type="application/pdf")


def fehler(datei) -> str:
    with pytest.raises(ValidationError) as e:
        pruefe_pdf(datei)
    return " ".join(e.value.messages)


def test_pdf_size_limit_is_exactly_10_mb():
    pruefe_pdf(pdf_of_size(settings.MAX_UPLOAD_BYTES))
    assert "erlaubt sind höchstens 10 MB" in fehler(pdf_of_size(settings.MAX_UPLOAD_BYTES + 1))


@pytest.mark.parametrize(
    ("name", "inhalt"),
    [
        ("beschluss.pdf", b"MZ\x90\x00 not a pdf at all"),
        ("beschluss.pdf", b"<html><script>alert(1)</script></html>"),
        ("beschluss.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n"),  # truncated: no end marker
    ],
)
def test_a_pdf_is_judged_by_content_not_by_name(name, inhalt):
    assert "kein PDF-Dokument" in fehler(SimpleUploadedFile(name, inhalt, content_type="application/pdf"))


@pytest.mark.parametrize("aktiv", [b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile"])
def test_pdfs_with_active_content_are_refused(aktiv):
    data = DEMO_PDF.replace(b"/Type/Catalog", b"/Type/Catalog/OpenAction<<" + aktiv + b"(x)>>")
    assert "aktive Inhalte" in fehler(SimpleUploadedFile("b.pdf", data))


def test_count_tables_are_told_apart_by_content():
    assert pruefe_tabelle(SimpleUploadedFile("z.xlsx", b"AGS;Name;Anzahl\n"), 2_000_000) == "csv"
    with pytest.raises(ValidationError):
        pruefe_tabelle(SimpleUploadedFile("z.csv", b"%PDF-1.7\n%%EOF"), 2_000_000)
    with pytest.raises(ValidationError):
        pruefe_tabelle(SimpleUploadedFile("z.csv", b"AGS\x00Name"), 2_000_000)


def test_uploads_are_stored_under_random_names_outside_the_web_root(nordheim):  # noqa: F811
    datei = nordheim.beschluss_datei
    assert re.fullmatch(r"beschluesse/\d{4}/[0-9a-f]{32}\.pdf", datei.name), datei.name
    pfad = Path(datei.path).resolve()
    assert pfad.is_relative_to(Path(settings.PRIVATE_ROOT).resolve())
    for public in (settings.MEDIA_ROOT, settings.STATIC_ROOT):
        assert not pfad.is_relative_to(Path(public).resolve())


@override_settings(DEBUG=False)
def test_private_files_have_no_public_url(client, nordheim):  # noqa: F811
    name = nordheim.beschluss_datei.name
    for url in (f"/media/{name}", f"/static/{name}", f"/{name}", f"/private/{name}"):
        assert client.get(url).status_code == 404, url


def test_files_are_served_only_to_those_who_may_see_them(client, user, nordheim):  # noqa: F811
    url = reverse("optin:beschluss", args=[nordheim.pk])
    assert client.get(url).status_code == 302  # anonymous: to the login
    anmelden(client, user("goeppingen"))
    assert client.get(url).status_code == 404
    anmelden(client, user("brackenheim"))
    assert client.get(url).status_code == 404
    anmelden(client, user("nordheim"))
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Gemeinderatsbeschluss_2028_Nordheim.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def pdf_mit_objektstrom(versteckt: bytes) -> bytes:
    """A valid PDF 1.5 whose object 5 lies compressed in an object stream (with a cross-reference
    stream), referenced from the catalogue under a harmless key: no active name is in the raw bytes."""
    import struct
    import zlib

    kopf = b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n"
    objekte = {
        1: b"<< /Type /Catalog /Pages 2 0 R /Extra 5 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>",
    }
    im_strom = b"5 0 " + versteckt
    daten = zlib.compress(im_strom)
    objekte[4] = (
        b"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n" % len(daten)
        + daten
        + b"\nendstream"
    )
    inhalt, offsets = bytearray(kopf), {}
    for nr in sorted(objekte):
        offsets[nr] = len(inhalt)
        inhalt += b"%d 0 obj\n" % nr + objekte[nr] + b"\nendobj\n"
    xref_offset = len(inhalt)
    eintraege = b"".join(
        [struct.pack(">BIH", 0, 0, 65535)]
        + [struct.pack(">BIH", 1, offsets[nr], 0) for nr in (1, 2, 3, 4)]
        + [struct.pack(">BIH", 2, 4, 0)]  # object 5: in object stream 4, index 0
        + [struct.pack(">BIH", 1, xref_offset, 0)]  # object 6: the xref stream itself
    )
    inhalt += (
        b"6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n" % len(eintraege)
        + eintraege
        + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_offset
    )
    return bytes(inhalt)


@pytest.mark.parametrize(
    "aktiv",
    [
        b"/S/J#61vaScript/JS(app.alert(1))",  # hex-escaped name
        b"/S/L#61unch/F(cmd.exe)",
    ],
)
def test_hex_escaped_active_names_are_found(aktiv):
    """The probe's bypass: names written with #xx escapes passed a search over the raw bytes."""
    data = DEMO_PDF.replace(b"/Type/Catalog", b"/Type/Catalog/Extra<<" + aktiv + b">>")
    assert b"JavaScript" not in data and b"Launch" not in data
    assert "aktive Inhalte" in fehler(SimpleUploadedFile("b.pdf", data))


def test_active_content_in_a_compressed_object_stream_is_found():
    harmlos = pdf_mit_objektstrom(b"<< /Info (nur Text) >>")
    pruefe_pdf(SimpleUploadedFile("ok.pdf", harmlos))  # the construction itself is a valid PDF
    boese = pdf_mit_objektstrom(b"<< /S /JavaScript /JS (app.alert(1)) >>")
    assert b"JavaScript" not in boese
    assert "aktive Inhalte" in fehler(SimpleUploadedFile("b.pdf", boese))


@pytest.mark.parametrize(
    ("uri", "aktiv"),
    [(b"(https://www.landkreis-heilbronn.de)", False), (b"(http://angreifer.example)", True)],
)
def test_links_only_to_https(uri, aktiv):
    data = DEMO_PDF.replace(b"/Type/Catalog", b"/Type/Catalog/Extra<</S/URI/URI" + uri + b">>")
    datei = SimpleUploadedFile("b.pdf", data)
    if aktiv:
        assert "aktive Inhalte" in fehler(datei)
    else:
        pruefe_pdf(datei)


def test_a_pdf_that_cannot_be_parsed_is_refused():
    kaputt = (
        b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n"
        + b"\x00" * 50
    )
    kaputt += b"\n%%EOF\n"
    with pytest.raises(ValidationError):
        pruefe_pdf(SimpleUploadedFile("k.pdf", kaputt))
