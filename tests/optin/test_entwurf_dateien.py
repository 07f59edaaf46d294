"""Uploads into a draft (#18, finding 9): stored under a random name, a replaced upload removed, nothing
left in the draft folder after submission, and no CSRF token in the stored draft."""

import json
import re

import pytest
import time_machine
from django.conf import settings

from tests.optin.conftest import VOR_DER_FRIST, pdf

pytestmark = pytest.mark.django_db


def entwurfsdateien():
    ordner = settings.PRIVATE_ROOT / "entwuerfe"
    return sorted(p.name for p in ordner.rglob("*") if p.is_file()) if ordner.exists() else []


def test_draft_uploads_are_random_named_and_gone_after_submission(login, entscheidung, wizard):
    vorher = entwurfsdateien()
    e = entscheidung("Nordheim")
    with time_machine.travel(VOR_DER_FRIST):
        login("nordheim")
        w = wizard(e)
        w.allein(datei=pdf(name="Protokoll Gemeinderat Müller.pdf"))
        neu = [n for n in entwurfsdateien() if n not in vorher]
        assert len(neu) == 1 and re.fullmatch(r"[0-9a-f]{32}\.pdf", neu[0]), neu
        w.post(
            "beschluss",
            {
                "beschluss_datum": "2027-04-20",
                "ansprechperson": "Nico Neumann",
                "ansprechperson_email": "n@x.org",
            },
            files={"beschluss_datei": pdf(name="zweiter Versuch.pdf")},
            csrfmiddlewaretoken="token-der-sitzung-4711",  # as a browser sends it
        )
        assert len([n for n in entwurfsdateien() if n not in vorher]) == 1  # the replaced one is gone
        e.refresh_from_db()
        gespeichert = json.dumps(e.entwurf)
        assert "Nico Neumann" in gespeichert and "token-der-sitzung-4711" not in gespeichert
        w.einreichen()
    e.refresh_from_db()
    assert e.status == "eingereicht" and e.beschluss_datei
    assert [n for n in entwurfsdateien() if n not in vorher] == []
