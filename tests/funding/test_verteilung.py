"""Counts and allocation through services and UI: deadlines, versions, import preview, publication."""

import datetime
import io
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from portal.audit.models import AuditEvent
from portal.core.darstellung import geld
from portal.funding import verteilung_services as services
from portal.funding.fristen import BERLIN
from portal.funding.models import Foerderjahr
from portal.funding.services import foerderjahr_fortschreiben, foerderjahr_veroeffentlichen
from portal.funding.verteilung import Mittelverteilung, Zielgruppenmeldung

pytestmark = pytest.mark.django_db


@pytest.fixture
def fj2029(demo, user):
    """A published 2029 for Heilbronn (the world ends with 2028): its count deadline is 31.10.2027."""
    coordinator = user("hn-koordination")
    fj = foerderjahr_fortschreiben(Foerderjahr.objects.get(kreis=demo["hn"], jahr=2028), coordinator)
    return foerderjahr_veroeffentlichen(fj, coordinator)


def at(*args):
    return time_machine.travel(datetime.datetime(*args, tzinfo=BERLIN), tick=False)


def test_gemeinde_reports_until_the_end_of_the_deadline_day(fj2029, demo, user):
    assert fj2029.frist_zielgruppen_meldung == datetime.date(2027, 10, 31)
    nordheim = user("nordheim")
    with at(2027, 10, 31, 23, 59, 59):
        meldung = services.meldung_erfassen(fj2029, demo["nordheim"], 54, nordheim)
    assert meldung.version == 1 and not meldung.verspaetet
    with at(2027, 11, 1, 0, 0), pytest.raises(PermissionDenied, match="Meldefrist ist abgelaufen"):
        services.meldung_erfassen(fj2029, demo["nordheim"], 55, nordheim)


def test_gemeinde_cannot_report_for_its_neighbour(fj2029, demo, user):
    with at(2027, 10, 1, 12, 0), pytest.raises(PermissionDenied):
        services.meldung_erfassen(fj2029, demo["brackenheim"], 3, user("nordheim"))


def test_correction_after_deadline_is_a_new_version_with_reason(fj2029, demo, user):
    with at(2027, 10, 1, 12, 0):
        services.meldung_erfassen(fj2029, demo["nordheim"], 54, user("nordheim"))
    coordinator = user("hn-koordination")
    with at(2027, 11, 5, 9, 0):
        with pytest.raises(ValidationError) as excinfo:
            services.meldung_erfassen(fj2029, demo["nordheim"], 56, coordinator)
        assert "begruendung" in excinfo.value.message_dict
        corrected = services.meldung_erfassen(
            fj2029, demo["nordheim"], 56, coordinator, begruendung="Nachmeldung"
        )
    assert corrected.version == 2 and corrected.verspaetet
    versions = list(
        Zielgruppenmeldung.objects.filter(foerderjahr=fj2029, gemeinde=demo["nordheim"]).values_list(
            "version", "anzahl"
        )
    )
    assert sorted(versions) == [(1, 54), (2, 56)]
    event = AuditEvent.objects.for_object(corrected).get()
    assert event.aktion == "meldung.korrigiert" and event.aenderungen["anzahl"] == {
        "vorher": 54,
        "nachher": 56,
    }


def test_history_of_versions_is_visible_to_the_gemeinde(fj2029, demo, user, login, client):
    with at(2027, 10, 1, 12, 0):
        services.meldung_erfassen(fj2029, demo["nordheim"], 54, user("nordheim"))
    with at(2027, 11, 5, 9, 0):
        services.meldung_erfassen(
            fj2029, demo["nordheim"], 56, user("hn-koordination"), begruendung="Nachmeldung"
        )
    with at(2027, 11, 6, 10, 0):
        login("nordheim")
        html = client.get(reverse("funding:meldung", args=[fj2029.pk, demo["nordheim"].pk])).content.decode()
        assert "Nachmeldung" in html and ">54<" in html and ">56<" in html
        assert "Meldefrist ist abgelaufen" in html  # the form is replaced by the reason
        url = reverse("funding:meldung", args=[fj2029.pk, demo["brackenheim"].pk])
        assert client.get(url).status_code == 404


def test_gemeinde_form_keeps_input_on_error(fj2029, demo, login, client):
    url = reverse("funding:meldung", args=[fj2029.pk, demo["nordheim"].pk])
    with at(2027, 10, 1, 12, 0):
        login("nordheim")
        response = client.post(url, {"anzahl": "-3", "begruendung": "Test"})
        html = response.content.decode()
        assert response.status_code == 200 and 'value="-3"' in html and "größer oder gleich 0" in html
        response = client.post(url, {"anzahl": "12"})
    assert response.status_code == 302
    assert Zielgruppenmeldung.objects.get(foerderjahr=fj2029, gemeinde=demo["nordheim"]).anzahl == 12


def csv_upload(text, name="meldungen.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_import_preview_reports_every_bad_line_and_saves_nothing(fj2029, demo, login, client):
    login("hn-koordination")
    url = reverse("funding:meldung_import", args=[fj2029.pk])
    content = "AGS;Name;Anzahl\n08125074;Nordheim;54\n08117019;Göppingen;10\n08125013;Brackenheim;x\n"
    html = client.post(url, {"datei": csv_upload(content)}).content.decode()
    assert "Zeile 3: AGS 08117019 gehört zu keiner Gemeinde im Landkreis Heilbronn." in html
    assert "Zeile 4: Anzahl „x“ ist keine ganze Zahl ≥ 0." in html
    assert 'name="bestaetigen"' not in html
    assert not Zielgruppenmeldung.objects.filter(foerderjahr=fj2029).exists()


def test_import_csv_with_preview_then_confirm(fj2029, demo, login, client):
    login("hn-koordination")
    url = reverse("funding:meldung_import", args=[fj2029.pk])
    html = client.post(
        url, {"datei": csv_upload("AGS,Name,Anzahl\n08125074,Nordheim,54\n08125013,Brackenheim,120\n")}
    ).content.decode()
    assert 'name="bestaetigen"' in html and "44 Gemeinden des Kreises fehlen" in html
    assert not Zielgruppenmeldung.objects.filter(foerderjahr=fj2029).exists()
    response = client.post(url, {"bestaetigen": "1", "begruendung": "Erhebung Oktober"})
    assert response.status_code == 302
    current = services.aktuelle_meldungen(fj2029)
    assert current[demo["nordheim"].pk].anzahl == 54 and current[demo["brackenheim"].pk].anzahl == 120
    assert current[demo["nordheim"].pk].quelle == "import"
    assert AuditEvent.objects.for_object(fj2029).filter(aktion="meldungen.importiert").exists()


def test_import_xlsx(fj2029, demo, login, client):
    wb = Workbook()
    wb.active.append(["AGS", "Name", "Anzahl"])
    wb.active.append(["08125074", "Nordheim", 7])
    buffer = io.BytesIO()
    wb.save(buffer)
    login("hn-koordination")
    url = reverse("funding:meldung_import", args=[fj2029.pk])
    upload = SimpleUploadedFile("m.xlsx", buffer.getvalue(), content_type="application/octet-stream")
    assert 'name="bestaetigen"' in client.post(url, {"datei": upload}).content.decode()
    client.post(url, {"bestaetigen": "1", "begruendung": "x"})
    assert services.aktuelle_meldungen(fj2029)[demo["nordheim"].pk].anzahl == 7


def test_import_refuses_other_file_types(fj2029, login, client):
    login("hn-koordination")
    url = reverse("funding:meldung_import", args=[fj2029.pk])
    html = client.post(url, {"datei": SimpleUploadedFile("a.pdf", b"%PDF-1.4")}).content.decode()
    assert "Bitte eine CSV- oder XLSX-Datei hochladen." in html
    # The content decides, not the name: a PDF called .csv is refused too.
    pdf = SimpleUploadedFile("zaehlung.csv", b"%PDF-1.4\n%%EOF")
    html = client.post(url, {"datei": pdf}).content.decode()
    assert "Bitte eine CSV- oder XLSX-Datei hochladen." in html


def test_gemeinde_cannot_import(fj2029, login, client):
    login("nordheim")
    assert client.get(reverse("funding:meldung_import", args=[fj2029.pk])).status_code == 403


# --- allocation ---------------------------------------------------------------------------------------
def test_demo_allocation_is_published_and_exact(demo):
    for kreis in (demo["hn"], demo["gp"]):
        fj = Foerderjahr.objects.get(kreis=kreis, jahr=2026)
        verteilung = services.veroeffentlichte_verteilung(fj)
        assert sum(a.anteil for a in verteilung.anteile.all()) == fj.planungsrahmen
        assert verteilung.anteile.count() == kreis.gemeinden.count()


def test_draft_hidden_from_gemeinden_until_published(fj2029, demo, user, login, client):
    coordinator = user("hn-koordination")
    with at(2027, 10, 1, 12, 0):
        services.meldung_erfassen(fj2029, demo["nordheim"], 30, coordinator)
        services.meldung_erfassen(fj2029, demo["brackenheim"], 90, coordinator)
    draft = services.verteilung_berechnen(fj2029, coordinator)
    anteile = {a.gemeinde_id: a for a in draft.anteile.all()}
    assert (
        anteile[demo["nordheim"].pk].anteil + anteile[demo["brackenheim"].pk].anteil == fj2029.planungsrahmen
    )
    assert anteile[demo["nordheim"].pk].erklaerung().startswith("30 von 120 Personen = 25,0000 %")
    login("nordheim")
    url = reverse("funding:verteilung", args=[fj2029.pk])
    assert "Noch keine Verteilung veröffentlicht" in client.get(url).content.decode()
    services.verteilung_veroeffentlichen(draft, coordinator)
    html = client.get(url).content.decode()
    assert "Ihre Gemeinde" in html and "30 von 120 Personen" in html
    fj2029.refresh_from_db()
    assert fj2029.in_verwendung_seit is not None  # parameters now change only with a reason


def test_verbund_shares_are_pooled(demo, login, client):
    fj = Foerderjahr.objects.get(kreis=demo["hn"], jahr=2026)
    verteilung = services.veroeffentlichte_verteilung(fj)
    members = ["Brackenheim", "Cleebronn", "Güglingen", "Pfaffenhofen", "Zaberfeld"]
    pooled = sum(a.anteil for a in verteilung.anteile.filter(gemeinde__name__in=members))
    login("brackenheim")
    html = client.get(reverse("funding:verteilung", args=[fj.pk])).content.decode()
    assert f"Integrationsmanagement Zabergäu: {geld(pooled)}" in html


def test_recalculation_after_publication_is_a_new_version_with_reason(demo, user, login, client):
    fj = Foerderjahr.objects.get(kreis=demo["hn"], jahr=2026)
    first = services.veroeffentlichte_verteilung(fj)
    coordinator = user("hn-koordination2")
    with pytest.raises(ValidationError):
        services.verteilung_berechnen(fj, coordinator)
    services.meldung_erfassen(fj, demo["nordheim"], 200, coordinator, begruendung="Korrektur der Zählung")
    second = services.verteilung_berechnen(fj, coordinator, begruendung="Korrektur Nordheim")
    services.verteilung_veroeffentlichen(second, coordinator)
    first.refresh_from_db()
    assert (first.status, second.version) == (Mittelverteilung.Status.ERSETZT, first.version + 1)
    login("brackenheim")
    html = client.get(first.get_absolute_url()).content.decode()
    assert "ersetzt" in html  # the earlier version stays readable
    assert sum(a.anteil for a in second.anteile.all()) == Decimal(fj.planungsrahmen)


def test_recalculate_form_shows_reason_error(demo, login, client):
    fj = Foerderjahr.objects.get(kreis=demo["gp"], jahr=2026)
    login("gp-koordination")
    html = client.post(
        reverse("funding:verteilung", args=[fj.pk]), {"berechnen": "1", "begruendung": ""}
    ).content.decode()
    assert "eine Neuberechnung braucht eine Begründung" in html


def test_other_kreis_and_land(demo, login, client):
    fj = Foerderjahr.objects.get(kreis=demo["hn"], jahr=2026)
    login("goeppingen")
    assert client.get(reverse("funding:verteilung", args=[fj.pk])).status_code == 404
    assert client.get(reverse("funding:meldungen", args=[fj.pk])).status_code == 404
    login("land")
    assert client.get(reverse("funding:verteilung", args=[fj.pk])).status_code == 200
    assert client.post(reverse("funding:verteilung", args=[fj.pk]), {"begruendung": "x"}).status_code == 403


def test_meldungen_list_for_coordinator_and_gemeinde(demo, login, client):
    fj = Foerderjahr.objects.get(kreis=demo["hn"], jahr=2026)
    login("hn-koordination")
    html = client.get(reverse("funding:meldungen", args=[fj.pk])).content.decode()
    assert "46 von 46 Gemeinden gemeldet" in html and "Aus Datei importieren" in html
    login("nordheim")
    html = client.get(reverse("funding:meldungen", args=[fj.pk])).content.decode()
    assert "Nordheim" in html and "Brackenheim" not in html and "Aus Datei importieren" not in html


def test_allocation_page_has_no_query_per_row(demo, login, client, django_assert_max_num_queries):
    """46 rows with explanations: a fixed number of queries, no query per row."""
    fj = Foerderjahr.objects.get(kreis=demo["hn"], jahr=2026)
    login("hn-koordination")
    with django_assert_max_num_queries(25):
        assert client.get(reverse("funding:verteilung", args=[fj.pk])).status_code == 200


def test_the_allocation_page_says_who_got_a_remainder_cent_and_why(demo, login, client):
    """#19: the left-over cents and the rule that gave them out, named on the page."""
    from portal.funding.models import Foerderjahr

    fj = Foerderjahr.objects.get(kreis=demo["hn"], jahr=2028)
    verteilung = services.veroeffentlichte_verteilung(fj)
    mit_cent = sorted(a.gemeinde.name for a in verteilung.anteile.select_related("gemeinde") if a.rest_cent)
    assert mit_cent, "the demo allocation leaves cents over"
    login("hn-koordination")
    html = client.get(reverse("funding:verteilung", args=[fj.pk])).content.decode()
    assert (
        "bei gleichem Rest entscheidet die größere Personenzahl, dann der kleinere Gemeindeschlüssel" in html
    )
    assert f"Je einen Rest-Cent erhielten ({len(mit_cent)}): {', '.join(mit_cent)}." in html
    assert html.count("Rundungsrest =") == len(mit_cent)
