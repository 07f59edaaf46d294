"""Zahlungsläufe: finance makes one SEPA file of the approved transfers; the run keeps its file (same bytes,
same MsgId on every download), its transfers are not offered again until the run is cancelled with a
reason, and the execution day lies between today and the horizon."""

import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest
import sepaxml
import xmlschema
from django.urls import reverse
from django.utils import timezone

from portal.audit.models import AuditEvent
from tests.transfer.conftest import IBAN_NORDHEIM
from workflows.transfer import services
from workflows.transfer.models import Zahlungslauf

PAIN001 = Path(sepaxml.__file__).parent / "schemas" / "pain.001.001.03.xsd"

pytestmark = pytest.mark.django_db


@pytest.fixture
def freigegeben(fj, nordheim, user):
    kreis = fj.kreis
    kreis.kontoinhaber, kreis.iban = "Kreiskasse Heilbronn", "DE02120300000000202051"
    kreis.save(update_fields=["kontoinhaber", "iban"])
    services.auszahlung_erfassen(fj, fj.frist_uebersicht, Decimal("50000"), "RP", user("hn-koordination"))
    ergebnis = []
    for tranche, betrag in ((1, Decimal("1000.00")), (2, Decimal("234.56"))):
        w = services.vorbereiten(
            nordheim,
            services.Zahlungsdaten(betrag, "bescheid", "Gemeindekasse Nordheim", IBAN_NORDHEIM),
            user("hn-koordination"),
            tranche=tranche,
        )
        services.freigeben(w, user("hn-koordination2"))
        ergebnis.append(w)
    return ergebnis


def test_a_run_keeps_its_file_and_holds_its_transfers_until_cancelled(client, login, fj, freigegeben):
    jahr = reverse("transfer:jahr", args=[fj.pk])
    anlegen = reverse("transfer:zahlungslauf_anlegen", args=[fj.pk])
    login("hn-finanzen")
    seite = client.get(jahr).content.decode()
    assert "Zahlungslauf mit 2 Weiterleitungen anlegen" in seite

    # a day beyond the horizon is refused with the reason, and the typed day is still in the field
    zu_spaet = (timezone.localdate() + datetime.timedelta(days=31)).strftime("%d.%m.%Y")
    seite = client.post(anlegen, {"datum": zu_spaet}, follow=True).content.decode()
    assert "höchstens 30 Tage in der Zukunft" in seite and f'value="{zu_spaet}"' in seite
    assert not Zahlungslauf.objects.exists()

    tag = timezone.localdate() + datetime.timedelta(days=3)
    seite = client.post(anlegen, {"datum": tag.strftime("%d.%m.%Y")}, follow=True).content.decode()
    assert "Zahlungslauf angelegt: 2 Zahlungen, 1.234,56\xa0€" in seite
    lauf = Zahlungslauf.objects.get()
    assert lauf.ausfuehrung == tag and lauf.anzahl == 2 and lauf.summe == Decimal("1234.56")

    # every download is the same file: same bytes, same MsgId; valid, with matching control sums
    datei = reverse("transfer:zahlungslauf", args=[lauf.pk])
    erste, zweite = client.get(datei), client.get(datei)
    assert erste.content == zweite.content
    assert erste["Content-Disposition"] == (
        f'attachment; filename="SEPA-Zahlungslauf_2028_Landkreis-Heilbronn_{tag.isoformat()}.xml"'
    )
    xml = erste.content.decode()
    xmlschema.XMLSchema(str(PAIN001)).validate(xml)
    assert re.search(r"<MsgId>([^<]+)</MsgId>", xml).group(1) == lauf.nachrichten_id
    assert xml.count("<NbOfTxs>2</NbOfTxs>") >= 1 and "<CtrlSum>1234.56</CtrlSum>" in xml
    assert f"<ReqdExctnDt>{tag.isoformat()}</ReqdExctnDt>" in xml

    # its transfers are not offered for another run
    seite = client.get(jahr).content.decode()
    assert "Zahlungslauf mit" not in seite and lauf.nachrichten_id in seite
    seite = client.post(anlegen, {"datum": ""}, follow=True).content.decode()
    assert "noch in keinem Zahlungslauf stehen" in seite and Zahlungslauf.objects.count() == 1

    # cancelling needs a reason; then the transfers are open again, and a new run gets a new id
    stornieren = reverse("transfer:zahlungslauf_stornieren", args=[lauf.pk])
    seite = client.post(stornieren, {"grund": "  "}, follow=True).content.decode()
    assert "Bitte geben Sie einen Grund für die Stornierung an." in seite
    client.post(stornieren, {"grund": "Bank hat die Datei abgelehnt"})
    lauf.refresh_from_db()
    assert lauf.storniert and lauf.storno_grund == "Bank hat die Datei abgelehnt"
    event = AuditEvent.objects.filter(aktion="zahlungslauf.storniert").get()
    assert event.begruendung == "Bank hat die Datei abgelehnt"
    client.post(anlegen, {"datum": tag.strftime("%d.%m.%Y")})
    neu = Zahlungslauf.objects.exclude(pk=lauf.pk).get()
    assert neu.nachrichten_id != lauf.nachrichten_id and neu.anzahl == 2
    assert AuditEvent.objects.filter(aktion="zahlungslauf.angelegt").count() == 2
    assert AuditEvent.objects.filter(aktion="zahlungslauf.heruntergeladen").count() == 2


def test_a_run_with_paid_transfers_cannot_be_cancelled(client, login, fj, freigegeben, user):
    from workflows.transfer import zahlungslauf

    lauf = zahlungslauf.anlegen(fj, timezone.localdate(), user("hn-finanzen"))
    login("hn-finanzen")
    jahr = client.get(reverse("transfer:jahr", args=[fj.pk])).content.decode()
    assert "angelegt, noch keine Zahlung als bezahlt markiert" in jahr and "Stornieren</summary>" in jahr
    # the money not forwarded is the Kreis's, not "still available" to the Gemeinden
    assert "Beim Kreis (nicht weitergeleitet)" in jahr and "Noch verfügbar" not in jahr
    services.bezahlt(freigegeben[0], timezone.localdate(), "KK-1", user("hn-finanzen"))
    # the page says how far the run is and no longer offers what would be refused (#19)
    jahr = client.get(reverse("transfer:jahr", args=[fj.pk])).content.decode()
    assert "1 von 2 Zahlungen als bezahlt markiert" in jahr and "Stornieren</summary>" not in jahr
    seite = client.post(
        reverse("transfer:zahlungslauf_stornieren", args=[lauf.pk]), {"grund": "zu spät"}, follow=True
    ).content.decode()
    assert "schon als bezahlt markiert" in seite
    lauf.refresh_from_db()
    assert not lauf.storniert


def test_only_finance_and_coordination_of_the_kreis_make_runs(client, login, fj, freigegeben):
    login("nordheim")
    assert client.post(reverse("transfer:zahlungslauf_anlegen", args=[fj.pk])).status_code == 404
    login("land")
    assert client.post(reverse("transfer:zahlungslauf_anlegen", args=[fj.pk])).status_code == 403
    assert not Zahlungslauf.objects.exists()
