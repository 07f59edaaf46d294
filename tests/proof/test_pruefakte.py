"""The audit dossier (Prüfakte) of a Förderjahr: one ZIP with the records, their PDFs and the audit
events with the chain verification; only for the coordinating office and the Land."""

import csv
import io
import zipfile

import pytest
from django.urls import reverse

from portal.audit.models import AuditEvent
from tests.transfer.conftest import IBAN_NORDHEIM

pytestmark = pytest.mark.django_db


def test_coordinator_downloads_the_dossier(client, login, nachweis, user):
    fj = nachweis.foerderjahr
    login("hn-koordination")
    response = client.get(reverse("dossier:pruefakte", args=[fj.pk]))
    assert response["Content-Type"] == "application/zip"
    zf = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(zf.namelist())
    assert {
        "LIESMICH.txt",
        "entscheidungen.csv",
        "verteilung.csv",
        "weiterleitungen.csv",
        "nachweise.csv",
        "protokoll.csv",
    } <= names
    assert "gesamtverwendungsnachweis.pdf" in names
    assert any(n.startswith("weiterleitungen/") and n.endswith("auszahlungsanordnung.pdf") for n in names)
    assert any(n.startswith("beschluesse/08125074") for n in names)  # Nordheim's council resolution
    assert "Hash-Kette des Protokolls intakt" in zf.read("LIESMICH.txt").decode()
    transfers = list(
        csv.reader(io.StringIO(zf.read("weiterleitungen.csv").decode("utf-8-sig")), delimiter=";")
    )
    assert transfers[1][0] == "Nordheim" and IBAN_NORDHEIM not in zf.read("weiterleitungen.csv").decode()
    nachweise = list(csv.reader(io.StringIO(zf.read("nachweise.csv").decode("utf-8-sig")), delimiter=";"))
    # an open proof shows the funds received, but no expenditure and no surplus yet (#19)
    assert nachweise[1][:2] == ["Nordheim", "offen"] and nachweise[1][2] == nachweise[1][4] == ""
    assert nachweise[1][3] != ""
    protokoll = zf.read("protokoll.csv").decode("utf-8-sig")
    assert "weiterleitung.freigegeben" in protokoll and "Göppingen" not in protokoll
    assert AuditEvent.objects.filter(aktion="protokoll.exportiert").exists()


@pytest.mark.parametrize(
    ("username", "status"), [("gp-koordination", 404), ("nordheim", 404), ("hn-finanzen", 403)]
)
def test_dossier_is_for_the_coordinating_office(client, login, nachweis, username, status):
    login(username)
    assert client.get(reverse("dossier:pruefakte", args=[nachweis.foerderjahr.pk])).status_code == status
