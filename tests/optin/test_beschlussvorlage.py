"""The council paper filled in for the logged-in Gemeinde: its share, the VZÄ it funds, the cost and own
part of the minimum position, the options and the deadline, on A4; nobody else gets another's paper."""

import io
from decimal import Decimal

import docx
import pytest
from django.urls import reverse

from portal.core.darstellung import geld
from portal.funding.finanzierung import finanzierung
from portal.funding.verteilung_services import veroeffentlichte_verteilung
from workflows.optin.models import Entscheidung

pytestmark = pytest.mark.django_db


def text(document) -> str:
    teile = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            teile.append(" | ".join(c.text for c in row.cells))
    return "\n".join(teile)


def test_nordheim_gets_its_paper_with_its_figures(client, login, demo):
    e = Entscheidung.objects.get(gemeinde=demo["nordheim"], foerderjahr__jahr=2028)
    fj = e.foerderjahr
    login("nordheim")
    seite = client.get(e.get_absolute_url()).content.decode()
    url = reverse("optin:beschlussvorlage", args=[e.pk])
    assert url in seite
    response = client.get(url)
    assert response["Content-Disposition"] == 'attachment; filename="Beschlussvorlage_2028_Nordheim.docx"'
    document = docx.Document(io.BytesIO(response.content))
    inhalt = text(document)
    anteil = veroeffentlichte_verteilung(fj).anteile.get(gemeinde=demo["nordheim"]).anteil
    rechnung = finanzierung(anteil, fj.referenzkosten_pro_vzae, fj.min_vzae_pro_stelle or Decimal("0.5"))
    assert f"Förderbetrag (veröffentlichte Mittelverteilung) | {geld(anteil, sprache='de')}" in inhalt
    assert (
        f"Eigenanteil der Gemeinde bei der Mindeststelle | {geld(rechnung.eigenanteil, sprache='de')}"
        in inhalt
    )
    assert "Gemeinde Nordheim" in inhalt and "Landkreis Heilbronn" in inhalt
    assert fj.frist_entscheidung.strftime("%d.%m.%Y") in inhalt
    assert "a) beim Landkreis belassen" in inhalt and "c) im Verbund" in inhalt
    assert "[Jahr]" not in inhalt and "[Name der Gemeinde]" not in inhalt and "[Förderbetrag" not in inhalt
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert (
        document.core_properties.title == "Beschlussvorlage: Integrationsmanagement Nordheim, Förderjahr 2028"
    )
    # the templates library offers it to the Gemeinde
    from portal.cms.models import TemplateLibraryPage

    bibliothek = client.get(TemplateLibraryPage.objects.live().get().url)
    assert (
        url in bibliothek.content.decode()
        and "Für Ihre Gemeinde vorausgefüllt" in bibliothek.content.decode()
    )


def test_another_gemeinde_gets_nothing(client, login, demo):
    e = Entscheidung.objects.get(gemeinde=demo["nordheim"], foerderjahr__jahr=2028)
    login("brackenheim")
    assert client.get(reverse("optin:beschlussvorlage", args=[e.pk])).status_code == 404


def test_every_static_docx_template_is_a4():
    from portal.cms.vorlagen import VORLAGEN

    for vorlage in VORLAGEN:
        document = docx.Document(io.BytesIO(vorlage["erzeugen"]()))
        for section in document.sections:
            assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297), vorlage["key"]
