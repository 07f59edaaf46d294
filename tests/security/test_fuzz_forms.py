"""Fuzzing the wizards with hypothesis: every step of the decision and the proof-of-use wizard receives
arbitrary values in every field it renders (formset management fields included), through the real view
as the Gemeinde would send them. No input leads to a server error, and a step that refuses the input
shows it again with the error next to the field."""

import html
import re

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.conftest import anmelden
from tests.proof.conftest import nachweis  # noqa: F401 - fixture
from tests.transfer.conftest import fj, nordheim  # noqa: F401 - fixtures
from workflows.optin.models import Entscheidung

pytestmark = pytest.mark.django_db

BOESE = [
    "",
    " ",
    "0",
    "-1",
    "0,5",
    "0,50",
    "1.000.000,00",
    "1e309",
    "NaN",
    "-Infinity",
    "9" * 40,
    "2028-02-30",
    "31.05.2027",
    "0000-00-00",
    "\x00",
    "a\x00b",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "١٢٣٫٤",
    "\u202e\u0645",
    "\ud7ff" * 3,
    "x" * 5000,
]
WERT = st.one_of(
    st.sampled_from(BOESE),
    st.text(max_size=40),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)
FELD = re.compile(r'<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"', re.S)


TEXTFELD = re.compile(
    r'<textarea\b[^>]*\bname="([^"]+)"|<input\b(?=[^>]*\btype="(?:text|email|tel|date|number)")[^>]*\bname="([^"]+)"',
    re.S,
)


def textfelder(page: str) -> set[str]:
    """Fields that show what was typed (not file inputs, choices or hidden fields)."""
    return {html.unescape(a or b) for a, b in TEXTFELD.findall(page)}


def felder(page: str, schritt: str) -> list[str]:
    """The names of the fields the step renders (formtools prefixes them with the step's name)."""
    return sorted(n for n in {html.unescape(n) for n in FELD.findall(page)} if n.startswith(f"{schritt}-"))


def aktueller_schritt(page: str, prefix: str) -> str:
    m = re.search(rf'name="{prefix}-current_step"[^>]*value="(\w+)"', page) or re.search(
        rf'value="(\w+)"[^>]*name="{prefix}-current_step"', page
    )
    assert m, "the wizard page names its step"
    return m.group(1)


def fuzz(client, url: str, prefix: str, schritte: list[str], beispiele: int):
    for schritt in schritte:
        seite = client.get(url).content.decode()
        jetzt = aktueller_schritt(seite, prefix)
        if jetzt != schritt:
            antwort = client.post(url, {f"{prefix}-current_step": jetzt, "wizard_goto_step": schritt})
            seite = antwort.content.decode()
        namen = felder(seite, schritt)
        if not namen:  # a step that only shows something (the financing)
            assert client.post(url, {f"{prefix}-current_step": schritt}).status_code < 500
            continue
        beispiel(client, url, prefix, schritt, namen, textfelder(seite), beispiele)()


def beispiel(client, url, prefix, schritt, namen, text, beispiele):
    @settings(
        max_examples=beispiele,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
        phases=[Phase.explicit, Phase.generate],  # report the failing input as found, no shrinking
    )
    @given(werte=st.fixed_dictionaries(dict.fromkeys(namen, WERT)), speichern=st.booleans())
    def post(werte, speichern):
        daten = {f"{prefix}-current_step": schritt, **werte}
        if speichern:
            daten["entwurf_speichern"] = "1"
        response = client.post(url, daten)
        assert response.status_code < 500
        if response.status_code != 200:
            return
        page = response.content.decode()
        jetzt = aktueller_schritt(page, prefix)
        if "field-error" in page and jetzt == schritt:
            # the refused input is still there to correct
            for name, wert in werte.items():
                sichtbar = wert.strip()
                if name not in text:
                    continue
                if re.fullmatch(r"[\w,.\- ]{1,40}", sichtbar):
                    assert html.escape(sichtbar) in page or sichtbar in page, (schritt, name, wert)
        if jetzt != schritt:  # back to the step for the next example
            client.post(url, {f"{prefix}-current_step": jetzt, "wizard_goto_step": schritt})

    return post


@pytest.fixture
def offene_entscheidung(demo, user):
    from portal.core.demo import seed_folgejahre

    seed_folgejahre()
    return Entscheidung.objects.get(gemeinde=demo["nordheim"], foerderjahr__jahr=2028)


def test_decision_wizard_survives_any_input(client, user, offene_entscheidung):
    anmelden(client, user("nordheim"))
    url = reverse("optin:bearbeiten", args=[offene_entscheidung.pk])
    # with "alone" chosen, every step of the wizard is reachable
    client.post(url, {"entscheidung-current_step": "wahl", "wahl-wahl": "allein"})
    fuzz(
        client,
        url,
        "entscheidung",
        ["stellen", "finanzierung", "beschluss", "zusammenfassung", "wahl"],
        beispiele=40,
    )
    offene_entscheidung.refresh_from_db()
    assert offene_entscheidung.status in ("offen", "entwurf")


def test_proof_wizard_survives_any_input(client, user, nachweis):  # noqa: F811
    anmelden(client, user("nordheim"))
    url = reverse("proof:bearbeiten", args=[nachweis.pk])
    fuzz(
        client, url, "nachweis", ["sachbericht", "stellen", "einnahmen", "anlagen", "pruefung"], beispiele=40
    )
    nachweis.refresh_from_db()
    assert nachweis.status in ("offen", "entwurf")
