"""Fixtures for the decision process: the test world's open 2028 round (deadline 31.05.2027) and a wizard
driver for the test client."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal.funding.fristen import BERLIN
from portal.organisations.models import Gemeinde, Mitgliedschaft
from portal.start.demo import DEMO_PDF
from workflows.optin.models import Entscheidung

#: The deadline of the demo's 2028 round and the instants around its end.
FRIST = datetime.date(2027, 5, 31)
VOR_DER_FRIST = datetime.datetime(2027, 5, 1, 10, 0, tzinfo=BERLIN)
LETZTE_SEKUNDE = datetime.datetime(2027, 5, 31, 23, 59, 59, tzinfo=BERLIN)
NACH_DER_FRIST = datetime.datetime(2027, 6, 1, 0, 0, tzinfo=BERLIN)


def pdf(name="beschluss.pdf", content=DEMO_PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def allein(vzae="0.50"):
    """A complete submission "in eigener Verantwortung (allein)" for services.einreichen."""
    from workflows.optin import services

    return services.Einreichung(
        wahl="allein",
        stellen=[services.StellenAngabe(Decimal(vzae), datetime.date(2028, 1, 1), "studium")],
        beschluss_datum=datetime.date(2027, 4, 1),
        beschluss_datei=pdf(),
        ansprechperson="Ansprechperson",
        ansprechperson_email="kontakt@example.org",
    )


@pytest.fixture
def entscheidung(demo):
    """The 2028 decision of a Gemeinde: the demo's round is open, the Verbund Zabergäu has submitted."""

    def get(gemeinde_name, jahr=2028):
        return Entscheidung.objects.get(gemeinde__name=gemeinde_name, foerderjahr__jahr=jahr)

    return get


@pytest.fixture
def gemeinde_user(django_user_model):
    """A Gemeinde user for any Gemeinde (the demo has users only for a few)."""

    def make(name):
        gemeinde = Gemeinde.objects.get(name=name)
        username = f"test-{gemeinde.ags}"
        user, created = django_user_model.objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.org"}
        )
        if created:
            Mitgliedschaft.objects.create(user=user, rolle="gemeinde", gemeinde=gemeinde)
        return user

    return make


class Wizard:
    """Drives the decision wizard like a browser: one POST per step, with formtools' fields."""

    def __init__(self, client, entscheidung):
        self.client = client
        self.url = reverse("optin:bearbeiten", args=[entscheidung.pk])

    def open(self):
        return self.client.get(self.url)

    def post(self, step, data=None, files=None, **extra):
        payload = {"entscheidung-current_step": step}
        for key, value in (data or {}).items():
            payload[f"{step}-{key}"] = value
        for key, value in (files or {}).items():
            payload[f"{step}-{key}"] = value
        payload.update(extra)
        return self.client.post(self.url, payload)

    def stellen(self, *rows, total=None):
        data = {
            "TOTAL_FORMS": str(total or max(len(rows), 1)),
            "INITIAL_FORMS": "0",
            "MIN_NUM_FORMS": "0",
            "MAX_NUM_FORMS": "10",
        }
        for i, row in enumerate(rows):
            for key, value in row.items():
                data[f"{i}-{key}"] = value
        return self.post("stellen", data)

    def allein(self, vzae="0,5", datei=None):
        """The whole path for "alone" up to the summary; returns the last response."""
        self.post("wahl", {"wahl": "allein"})
        self.stellen(
            {"vzae": vzae, "arbeitgeber": "gemeinde", "beginn": "2028-01-01", "qualifikation": "studium"}
        )
        self.post("finanzierung")
        return self.post(
            "beschluss",
            {
                "beschluss_datum": "2027-04-20",
                "ansprechperson": "Nico Neumann",
                "ansprechperson_email": "n@example.org",
            },
            files={"beschluss_datei": datei or pdf()},
        )

    def einreichen(self):
        return self.post("zusammenfassung", {"bestaetigung": "on"})


@pytest.fixture
def wizard(client):
    return lambda entscheidung: Wizard(client, entscheidung)


__all__ = ["FRIST", "LETZTE_SEKUNDE", "NACH_DER_FRIST", "VOR_DER_FRIST", "allein", "pdf"]
