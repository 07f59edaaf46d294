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
    body = DEMO_PDF.replace(b"%%EOF", b"")
    filler = b"%" + b"x" * (size - len(body) - len(b"\n%%EOF\n") - 2) + b"\n"
    data = body + filler + b"\n%%EOF\n"
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
    assert f"gemeinderatsbeschluss-{nordheim.gemeinde.ags}-2028.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
