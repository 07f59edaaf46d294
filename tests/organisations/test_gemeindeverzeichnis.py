"""The Land's Kreise and Gemeinden from the official directory (GV100AD or CSV), by the operator on the
command line and in the portal: created or updated, never deleted, all or nothing, every change audited."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from portal.audit.models import AuditEvent
from portal.organisations.models import Gemeinde, Kreis

pytestmark = pytest.mark.django_db

BEISPIEL = Path(__file__).parent / "daten" / "gv100ad_beispiel.txt"


def importieren(pfad, *args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("gemeinden_importieren", str(pfad), *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as e:
        code = e.code
    return code, out.getvalue(), err.getvalue()


def stand():
    return (
        list(Kreis.objects.order_by("pk").values_list("schluessel", "name", "art")),
        list(
            Gemeinde.objects.order_by("pk").values_list("ags", "name", "kreis_id", "aktiv", "nachfolger_id")
        ),
        AuditEvent.objects.count(),
    )


def test_the_official_layout_creates_two_new_kreise_and_skips_other_laender(demo):
    code, out, _err = importieren(BEISPIEL)
    assert code == 0
    assert "10 angelegt, 0 geändert, 0 als inaktiv markiert" in out
    assert "3 Sätze anderer Länder übersprungen" in out
    hohenlohe = Kreis.objects.get(schluessel="08126")
    assert hohenlohe.name == "Hohenlohekreis" and hohenlohe.art == Kreis.Art.LANDKREIS
    assert Kreis.objects.get(schluessel="08121").name == "Stadtkreis Heilbronn"
    assert Kreis.objects.get(schluessel="08121").art == Kreis.Art.STADTKREIS
    # the name as people use it, without the official suffix ", Stadt"
    assert Gemeinde.objects.get(ags="08126066").name == "Öhringen"
    assert Gemeinde.objects.get(ags="08136088").kreis.name == "Ostalbkreis"
    assert not Kreis.objects.filter(schluessel__startswith="09").exists()
    # the demo's Kreise are in the file without Gemeinden: unchanged, none of theirs inactive
    assert Kreis.objects.get(schluessel="08125").name == "Landkreis Heilbronn"
    assert not Gemeinde.objects.filter(aktiv=False).exists()
    events = AuditEvent.objects.filter(begruendung="Gemeindeverzeichnis gv100ad_beispiel.txt")
    assert events.filter(aktion="organisation.angelegt").count() == 10
    assert events.filter(aktion="stammdaten.importiert").count() == 1
    call_command("verify_audit", stdout=io.StringIO())
    # a second run changes nothing
    vorher = stand()
    code, out, _err = importieren(BEISPIEL)
    assert code == 0 and "0 angelegt, 0 geändert, 0 als inaktiv markiert, 12 unverändert" in out
    assert stand()[:2] == vorher[:2]


def test_dry_run_writes_nothing(demo):
    vorher = stand()
    code, out, _err = importieren(BEISPIEL, "--dry-run")
    assert code == 0 and "neu        Kreis     08126     Hohenlohekreis" in out
    assert "es wurde nichts geschrieben" in out
    assert stand() == vorher


def test_csv_with_bom_merger_and_successor(demo, tmp_path):
    """A merger: Nordheim (still in the file) takes in Abstatt (named with its successor); Beilstein,
    missing from the file of its Kreis, is marked inactive. Nothing is deleted."""
    rows = [
        (g.ags, g.name)
        for g in Gemeinde.objects.filter(kreis__schluessel="08125").exclude(name__in=["Abstatt", "Beilstein"])
    ]
    abstatt = Gemeinde.objects.get(name="Abstatt")
    text = "ags;name;nachfolger\r\n08125;Landkreis Heilbronn;\r\n"
    text += "".join(f"{ags};{name};\r\n" for ags, name in rows)
    text += f"{abstatt.ags};Abstatt;08125074\r\n"
    text += "08136;Ostalbkreis;\r\n08136099;Şahinli-Testgemeinde;\r\n"
    datei = tmp_path / "gemeinden.csv"
    datei.write_bytes("\ufeff".encode() + text.encode("utf-8"))
    code, out, err = importieren(datei)
    assert code == 0, err
    assert ", 2 als inaktiv markiert" in out
    abstatt.refresh_from_db()
    assert not abstatt.aktiv and abstatt.nachfolger.name == "Nordheim"
    beilstein = Gemeinde.objects.get(name="Beilstein")
    assert not beilstein.aktiv and beilstein.nachfolger is None
    assert Gemeinde.objects.get(ags="08136099").name == "Şahinli-Testgemeinde"
    event = AuditEvent.objects.for_object(abstatt).filter(aktion="organisation.geaendert").latest("pk")
    assert event.aenderungen["aktiv"] == {"vorher": True, "nachher": False}


@pytest.mark.parametrize(
    ("inhalt", "meldung"),
    [
        ("Gemeinde,Einwohner\nA,1\n", "Unbekanntes Dateiformat"),
        ("ags;name\n08125;Landkreis Heilbronn\n0812501;Kurzgemeinde\n", "Zeile 3: „0812501“ ist kein AGS"),
        ("ags;name\n08999001;Nirgendwo\n", "Zeile 2: Der Kreis 08999 der Gemeinde 08999001 steht weder"),
        (
            "ags;name\n08136;Ostalbkreis\n08136088;Aalen\n08136088;Ahlen\n",
            "Zeile 4: Der AGS 08136088 steht schon in Zeile 3",
        ),
        (
            "ags;name;nachfolger\n08125099;Alt;08125999\n",
            "Zeile 2: Die Nachfolgegemeinde 08125999 steht weder",
        ),
    ],
    ids=["format", "ags", "kreis-unbekannt", "doppelt", "nachfolger-unbekannt"],
)
def test_bad_input_names_the_line_exits_2_and_writes_nothing(demo, tmp_path, inhalt, meldung):
    datei = tmp_path / "verzeichnis.csv"
    datei.write_text(inhalt, encoding="utf-8")
    vorher = stand()
    code, _out, err = importieren(datei)
    assert code == 2
    assert meldung in err and "Es wurde nichts geschrieben." in err
    assert stand() == vorher


def test_a_broken_gv100ad_record_is_named_by_its_line(demo, tmp_path):
    zeilen = BEISPIEL.read_bytes().decode("cp1252").splitlines()
    zeilen[9] = zeilen[9][:19] + "4x6" + zeilen[9][22:]  # the Gemeinde part of Künzelsau's AGS
    datei = tmp_path / "GV100AD_311226.txt"
    datei.write_bytes("\r\n".join(zeilen).encode("cp1252"))
    vorher = stand()
    code, _out, err = importieren(datei)
    assert (
        code == 2
        and "Zeile 10: Der Gemeindeschlüssel (Stellen 11–15 und 20–22) hat nicht acht Ziffern." in err
    )
    assert stand() == vorher


def test_the_operator_previews_and_confirms_in_the_portal(client, login, demo):
    login("betrieb")
    url = reverse("organisations:verzeichnis")
    assert "Gemeindeverzeichnis übernehmen" in client.get(reverse("organisations:gemeinden")).content.decode()
    with BEISPIEL.open("rb") as f:
        vorschau = client.post(url, {"datei": f})
    body = vorschau.content.decode()
    assert vorschau.status_code == 200 and "Noch ist nichts geändert" in body
    assert "Hohenlohekreis" in body and "Öhringen" in body and "Gebietsstand 31.12.2026" in body
    assert not Kreis.objects.filter(schluessel="08126").exists()
    schluessel = vorschau.context["schluessel"]
    response = client.post(url, {"schluessel": schluessel})
    assert response.status_code == 302 and response.url == reverse("organisations:gemeinden")
    assert Kreis.objects.filter(schluessel="08126").exists()
    event = AuditEvent.objects.filter(aktion="stammdaten.importiert").latest("pk")
    assert event.actor.username == "betrieb"
    # the same preview cannot be confirmed twice
    again = client.post(url, {"schluessel": schluessel}, follow=True)
    assert "Diese Vorschau ist nicht mehr gültig" in again.content.decode()


def test_a_bad_file_in_the_portal_gets_the_error_next_to_the_field(client, login, demo):
    login("betrieb")
    datei = io.BytesIO(b"ags;name\n08999001;Nirgendwo\n")
    datei.name = "kaputt.csv"
    response = client.post(reverse("organisations:verzeichnis"), {"datei": datei})
    assert response.status_code == 200
    assert "Zeile 2: Der Kreis 08999 der Gemeinde 08999001 steht weder" in response.content.decode()
    assert response.context["form"].errors["datei"]


@pytest.mark.parametrize("viewer", ["hn-koordination", "land", "nordheim"])
def test_only_the_operator_loads_the_directory(client, login, viewer):
    login(viewer)
    assert client.get(reverse("organisations:verzeichnis")).status_code == 403
