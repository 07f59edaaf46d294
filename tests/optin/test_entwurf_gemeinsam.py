"""Two colleagues of one Gemeinde on one draft (#18, finding 5): what a form posts is filed under the
step the form came from, and a step a colleague changed in the meantime is not overwritten silently."""

import pytest
import time_machine
from django.test import Client

from tests.conftest import anmelden
from tests.optin.conftest import VOR_DER_FRIST, Wizard

pytestmark = pytest.mark.django_db

KONTAKT = {
    "beschluss_datum": "2027-04-20",
    "ansprechperson": "Nico Neumann",
    "ansprechperson_email": "n@x.org",
}


def entwurf(e):
    e.refresh_from_db()
    return e.entwurf["wizard_entscheidung"]


def test_colleagues_on_one_draft_neither_loses_anything(client, user, entscheidung, gemeinde_user):
    e = entscheidung("Nordheim")
    with time_machine.travel(VOR_DER_FRIST):
        anmelden(client, user("nordheim"))
        kollegin = Client()
        anmelden(kollegin, gemeinde_user("Nordheim"))
        a, b = Wizard(client, e), Wizard(kollegin, e)

        # A chooses and goes on to the council resolution
        a.post("wahl", {"wahl": "allein"}, entwurf_version="0")
        a.stellen(
            {"vzae": "0,5", "arbeitgeber": "gemeinde", "beginn": "2028-01-01", "qualifikation": "studium"}
        )
        a.post("finanzierung")
        assert entwurf(e)["step"] == "beschluss"

        # B opens the shared draft there and goes back to the financing step
        assert "Gemeinderatsbeschluss" in b.open().content.decode()
        b.post("beschluss", {}, wizard_goto_step="finanzierung", entwurf_version="0")
        assert entwurf(e)["step"] == "finanzierung"

        # A, still on the resolution page, saves the contact data: B's step back stored B's (empty)
        # resolution page in between, so A is told who changed it, and nothing A typed is lost
        antwort = a.post("beschluss", KONTAKT, entwurf_speichern="1", entwurf_version="0")
        html = antwort.content.decode()
        assert "test-08125074 hat diesen Schritt inzwischen geändert" in html
        assert 'value="Nico Neumann"' in html and 'name="entwurf_version" value="1"' in html
        assert "beschluss-ansprechperson" not in entwurf(e)["step_data"]["beschluss"]

        # A saves again, deliberately: filed under the step the form came from, although the draft's
        # stored step is B's "finanzierung"
        a.post("beschluss", KONTAKT, entwurf_speichern="1", entwurf_version="1")
        daten = entwurf(e)["step_data"]
        assert daten["beschluss"]["beschluss-ansprechperson"] == ["Nico Neumann"]
        assert not any("ansprechperson" in k for k in daten["finanzierung"])
        assert daten["wahl"]["wahl-wahl"] == ["allein"]
