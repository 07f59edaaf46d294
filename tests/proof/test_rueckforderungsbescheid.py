"""The Rückforderungsbescheid: a proper notice with amount, due date, Kassenzeichen, the Kreiskasse account,
the calculation and the Rechtsbehelfsbelehrung; for the Kreis and the recipient, not for others."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.artefakte import bild

pytestmark = pytest.mark.django_db


def test_the_recipient_downloads_its_notice_the_land_does_not(client, login, mit_ueberschuss):
    nachweis = mit_ueberschuss
    kreis = nachweis.foerderjahr.kreis  # the notice is rendered on download, with today's settings
    kreis.kontoinhaber, kreis.iban = "Kreiskasse Heilbronn", "DE02120300000000202051"
    kreis.save(update_fields=["kontoinhaber", "iban"])
    url = reverse("proof:rueckforderungsbescheid", args=[nachweis.pk])
    login("nordheim")
    assert url in client.get(nachweis.get_absolute_url()).content.decode()
    response = client.get(url)
    assert response.status_code == 200
    bild(response.content, "rueckforderungsbescheid")
    assert response["Content-Disposition"].endswith("''R%C3%BCckforderungsbescheid_2028_Nordheim.pdf")
    text = re.sub(
        r"\s+", " ", "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    )
    text = text.replace("\xa0", " ")
    assert "Der Gemeinde Nordheim wurden für das Förderjahr 2028 Mittel weitergeleitet" in text
    assert "Der nicht verbrauchte Betrag von 1.499,50 € ist zu erstatten." in text
    assert "IBAN DE02 1203 0000 0000 2020 51" in text and "Kassenzeichens IM-2028-08125074/R" in text
    assert "Rechtsbehelfsbelehrung" in text and "18.500,50 €" in text
    login("land")
    assert client.get(url).status_code == 404
    login("brackenheim")
    assert client.get(url).status_code == 404


def test_the_gemeinde_sees_its_open_repayment_on_its_start_page(client, login, mit_ueberschuss):
    """#19: the Rückforderung is the Gemeinde's to pay, so its dashboard names amount and due date;
    another Gemeinde's dashboard does not."""
    from django.urls import reverse

    r = mit_ueberschuss.rueckforderung
    login("nordheim")
    page = client.get(reverse("start:dashboard")).content.decode()
    assert "Offene Rückforderung" in page
    assert f"1.499,50\xa0€ aus dem Verwendungsnachweis 2028, fällig am {r.faellig_am:%d.%m.%Y}" in page
    login("brackenheim")
    assert "Offene Rückforderung" not in client.get(reverse("start:dashboard")).content.decode()
