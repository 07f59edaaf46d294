"""No list grows an N+1: every key page needs exactly as many SQL queries when two Gemeinden of the Kreis
have a complete year (accepted decision, paid and released transfers, submitted, approved and reclaimed
proofs of use, Kennzahlen, audit events) as when fifty have; and every page of the Land exactly as many
with two more complete Kreise as with eight. The page is rendered completely in both cases (streamed
downloads to the last byte); only the data grows. Both the cold page (empty fragment cache) and the
warm one (fragments cached under the Datenstand) are counted."""

import datetime
import random
from decimal import Decimal

import pytest
import time_machine
from django.core.cache import caches
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.audit.models import AuditEvent
from portal.core import datenstand
from portal.funding.models import Foerderjahr
from portal.funding.verteilung_services import veroeffentlichte_verteilung
from portal.organisations.models import Gemeinde, Kreis, Land, Mitgliedschaft, User
from tests.conftest import anmelden
from tests.optin.conftest import VOR_DER_FRIST, allein
from tests.proof.conftest import NACH_DEM_JAHR
from workflows.optin import services as optin
from workflows.optin.models import Entscheidung, Entscheidungsrunde
from workflows.proof import services as proof
from workflows.proof.kennzahlen_services import kennzahlen_erfassen
from workflows.proof.models import CHECKLISTE, Rueckforderung, Verwendungsnachweis
from workflows.transfer import services as transfer

pytestmark = pytest.mark.django_db

IBAN = "DE89370400440532013000"


class Kreisjahr:
    """Heilbronn 2028, filled Gemeinde by Gemeinde with complete cycles."""

    def __init__(self, user):
        self.user = user
        self.koordination, self.koordination2 = user("hn-koordination"), user("hn-koordination2")
        self.finanzen = user("hn-finanzen")
        self.fertig: list[Entscheidung] = []
        offen = Entscheidung.objects.filter(foerderjahr__kreis__schluessel="08125", foerderjahr__jahr=2028)
        partner = offen.exclude(partner=None).values("partner")  # named in the Verbund Zabergäu
        self.offen = list(
            offen.filter(status="offen")
            .exclude(gemeinde__in=partner)
            .select_related("gemeinde", "foerderjahr")
            .order_by("pk")
        )
        # Nordheim first: its own pages show its data in both measurements
        self.offen.sort(key=lambda e: e.gemeinde.name != "Nordheim")
        self.fj = self.offen[0].foerderjahr
        transfer.auszahlung_erfassen(
            self.fj,
            datetime.date(2028, 6, 1),
            Decimal("10000000"),
            "RP",
            self.koordination,
            begruendung="Messung: mehr als der Planungsrahmen, damit keine Grenze greift",
        )

    def benutzer(self, gemeinde: Gemeinde) -> User:
        u, created = User.objects.get_or_create(username=f"qc-{gemeinde.ags}")
        if created:
            Mitgliedschaft.objects.create(user=u, rolle="gemeinde", gemeinde=gemeinde)
        return u

    def bis(self, anzahl: int) -> None:
        """Complete cycles until ``anzahl`` Gemeinden have one (more Gemeinden are added if needed)."""
        while len(self.fertig) < anzahl:
            if not self.offen:
                self.neue_gemeinde()
            e = self.offen.pop(0)
            with time_machine.travel(VOR_DER_FRIST):
                optin.einreichen(e, allein(), self.benutzer(e.gemeinde))
                optin.pruefen(e, True, "", self.koordination)
            w = transfer.vorbereiten(
                e,
                transfer.Zahlungsdaten(Decimal("1000.00"), "bescheid", e.gemeinde.name, IBAN),
                self.koordination,
            )
            transfer.freigeben(w, self.koordination2)
            transfer.bezahlt(w, datetime.date(2028, 6, 15), f"KK-{e.pk}", self.finanzen)
            # the second tranche is released but not yet paid: it is in the finance exports
            w = transfer.vorbereiten(
                e,
                transfer.Zahlungsdaten(Decimal("500.00"), "bescheid", e.gemeinde.name, IBAN),
                self.koordination,
                tranche=2,
            )
            transfer.freigeben(w, self.koordination2)
            if len(self.fertig) % 2:  # the third waits for the second person's release
                transfer.vorbereiten(
                    e,
                    transfer.Zahlungsdaten(Decimal("250.00"), "bescheid", e.gemeinde.name, IBAN),
                    self.koordination,
                    tranche=3,
                )
            with time_machine.travel(NACH_DEM_JAHR):
                kennzahlen_erfassen(self.fj, e.gemeinde, {"personen_erreicht": 10}, self.koordination)
            self.fertig.append(e)
        with time_machine.travel(NACH_DEM_JAHR):
            neu = proof.nachweise_anlegen(self.fj, self.koordination)
            for i, n in enumerate(neu):
                self.nachweis_bearbeiten(n, i)

    def nachweis_bearbeiten(self, n: Verwendungsnachweis, i: int) -> None:
        """Of every three proofs: one approved with a Rückforderung, one approved, one submitted."""
        kosten = Decimal("400.00") if i % 3 == 0 else Decimal("20000.00")
        daten = proof.Nachweisdaten(
            ziele="Beratung",
            kooperationspartner="",
            integrationsplaene="",
            schwierigkeiten="",
            stellen=[proof.StellenNachweis("studium", [Decimal("0.5")] * 12, kosten)],
        )
        proof.einreichen(n, daten, self.benutzer(n.gemeinde))
        if i % 3 != 2:
            checkliste = {key: True for key, _label in CHECKLISTE}
            proof.pruefen(n, True, checkliste, "In Ordnung.", self.koordination)

    def neue_gemeinde(self) -> None:
        """One more Gemeinde in the Kreis, with its own decision in the open round."""
        from workflows.optin.flows import EntscheidungFlow

        nummer = Gemeinde.objects.filter(kreis=self.fj.kreis).count()
        g = Gemeinde.objects.create(
            kreis=self.fj.kreis, name=f"Testgemeinde {nummer}", ags=f"08125{900 + nummer}"
        )
        # a share in the published allocation: no transfer may exceed it
        veroeffentlichte_verteilung(self.fj).anteile.create(gemeinde=g, anzahl=10, anteil=Decimal("2000.00"))
        e = Entscheidung.objects.create(foerderjahr=self.fj, gemeinde=g)
        EntscheidungFlow.start.run(entscheidung=e)
        self.offen.append(Entscheidung.objects.select_related("gemeinde", "foerderjahr").get(pk=e.pk))


def seiten(k: Kreisjahr) -> list[tuple[str, str]]:
    """(user, url) of every key page of the Kreis and its Gemeinden."""
    fj, e = k.fj, k.fertig[0]  # Nordheim
    w = e.weiterleitungen.order_by("tranche").first()
    n = e.nachweis
    g = e.gemeinde
    return [
        ("nordheim", reverse("start:dashboard")),
        ("hn-koordination", reverse("start:dashboard")),
        ("hn-finanzen", reverse("start:dashboard")),
        ("hn-koordination", reverse("funding:list")),
        ("hn-koordination", reverse("funding:detail", args=[fj.pk])),
        ("hn-koordination", reverse("funding:meldungen", args=[fj.pk])),
        ("hn-koordination", reverse("funding:verteilung", args=[fj.pk])),
        ("nordheim", reverse("funding:verteilung", args=[fj.pk])),
        ("hn-koordination", reverse("organisations:gemeinden")),
        ("hn-koordination", reverse("organisations:gemeinde", args=[g.pk])),
        ("hn-koordination", reverse("organisations:verbuende")),
        ("hn-koordination", reverse("organisations:benutzer")),
        ("hn-koordination", reverse("optin:uebersicht")),
        ("hn-koordination", reverse("optin:register", args=[fj.pk])),
        ("hn-koordination", reverse("optin:register", args=[fj.pk]) + "?format=csv"),
        ("hn-koordination", reverse("optin:register", args=[fj.pk]) + "?format=xlsx"),
        ("hn-finanzen", reverse("optin:register", args=[fj.pk])),
        ("land", reverse("optin:register", args=[fj.pk])),
        ("land", reverse("optin:uebersicht")),
        ("hn-koordination", reverse("optin:detail", args=[e.pk])),
        ("nordheim", reverse("optin:detail", args=[e.pk])),
        ("hn-koordination", reverse("transfer:uebersicht")),
        ("hn-koordination", reverse("transfer:jahr", args=[fj.pk])),
        ("hn-finanzen", reverse("transfer:jahr", args=[fj.pk])),
        ("hn-finanzen", reverse("transfer:export", args=[fj.pk, "xlsx"])),
        ("hn-koordination", reverse("transfer:detail", args=[w.pk])),
        ("nordheim", reverse("transfer:uebersicht")),
        ("hn-koordination", reverse("proof:uebersicht")),
        ("hn-koordination", reverse("proof:jahr", args=[fj.pk])),
        ("hn-koordination", reverse("proof:gesamt", args=[fj.pk, "xlsx"])),
        ("hn-koordination", reverse("proof:gesamt", args=[fj.pk, "pdf"])),
        ("hn-koordination", reverse("dossier:pruefakte", args=[fj.pk])),
        ("hn-koordination", reverse("proof:detail", args=[n.pk])),
        ("nordheim", reverse("proof:uebersicht")),
        ("nordheim", reverse("proof:detail", args=[n.pk])),
        ("hn-koordination", reverse("kennzahlen:uebersicht")),
        ("hn-koordination", reverse("kennzahlen:jahr", args=[fj.pk])),
        ("hn-koordination", reverse("kennzahlen:jahr", args=[fj.pk]) + "?format=xlsx"),
        ("hn-koordination", reverse("kennzahlen:gemeinde", args=[fj.pk, g.pk])),
        ("nordheim", reverse("kennzahlen:uebersicht")),
        ("land", reverse("kennzahlen:land")),
        ("land", reverse("kennzahlen:land") + "?format=xlsx"),
        ("hn-koordination", reverse("kennzahlen:cockpit")),
        ("land", reverse("kennzahlen:cockpit")),
        ("nordheim", reverse("kennzahlen:cockpit")),
        ("hn-koordination", reverse("audit:list")),
        ("hn-koordination", reverse("audit:list") + "?format=csv"),
        ("hn-koordination", reverse("audit:list") + "?format=xlsx"),
        ("hn-koordination", reverse("audit:object", args=["optin.entscheidung", e.pk])),
        ("hn-koordination", reverse("audit:object", args=["funding.foerderjahr", fj.pk])),
        ("land", reverse("audit:object", args=["funding.foerderjahr", fj.pk])),
        ("nordheim", "/hinweise/entscheidung-bis-31-mai/"),
    ]


def abfragen(client, url) -> tuple[int, int]:
    """The number of queries of one request, the page rendered completely (downloads to the last byte)."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
        else:
            response.content  # noqa: B018 - rendered in full
    return len(ctx.captured_queries), response.status_code


def zaehlen(client, user, seiten_liste) -> list[tuple[int, int]]:
    """(cold, warm) queries of each page: cold with an empty fragment cache, after a first request that
    warms the caches filling once per process (content types, the Wagtail site, translations); warm
    when the fragments cached under the Datenstand are served."""
    ergebnis, fehler = [], {}
    for username, url in seiten_liste:
        anmelden(client, user(username))
        client.get(url)
        caches[datenstand.ALIAS].clear()
        kalt, status = abfragen(client, url)
        warm, _status = abfragen(client, url)
        if status != 200:
            fehler[(username, url)] = status
        if warm > kalt:
            fehler[(username, url)] = f"warm {warm} > kalt {kalt}"
        ergebnis.append((kalt, warm))
    assert not fehler, fehler
    return ergebnis


def vergleichen(seiten_liste, wenige: list[tuple], viele: list[tuple]) -> None:
    for (username, url), a, b in zip(seiten_liste, wenige, viele, strict=True):
        print(f"{a[0]:4d}/{a[1]:<4d} {b[0]:4d}/{b[1]:<4d} {username:22s} {url}")  # shown with pytest -s
    gewachsen = {seite: (a, b) for seite, a, b in zip(seiten_liste, wenige, viele, strict=True) if a != b}
    assert not gewachsen, gewachsen


def test_key_pages_need_the_same_queries_for_2_and_50_gemeinden(client, user, demo):
    kreis = Kreisjahr(user)
    kreis.bis(2)
    liste = seiten(kreis)
    wenige = zaehlen(client, user, liste)
    kreis.bis(50)
    assert Entscheidung.objects.filter(foerderjahr=kreis.fj, status="angenommen").count() == 50
    assert AuditEvent.objects.filter(kreis_id=kreis.fj.kreis_id).count() > 300
    viele = zaehlen(client, user, liste)
    assert Verwendungsnachweis.objects.filter(foerderjahr=kreis.fj, status="geprueft").count() > 30
    assert Rueckforderung.objects.filter(nachweis__foerderjahr=kreis.fj).count() > 15
    # the lists really grew: the last Gemeinde is on them
    letzte = kreis.fertig[-1].gemeinde.name
    anmelden(client, user("hn-koordination"))
    for name in ("optin:register", "transfer:jahr", "proof:jahr", "kennzahlen:jahr"):
        assert letzte in client.get(reverse(name, args=[kreis.fj.pk])).content.decode(), name
    vergleichen(liste, wenige, viele)


class Kreise:
    """More Kreise of the Land, each with complete years from the scale generator (Verbünde, decisions,
    transfers, proofs, Kennzahlen, audit events) and an opened decision round for the overview."""

    def __init__(self):
        from portal.start.skala import Ergebnis, _programm

        self.land = Land.objects.get(name="Baden-Württemberg")
        self.programm = _programm(self.land)
        self.rng = random.Random(8)  # noqa: S311 - test data
        self.ergebnis = Ergebnis()
        self.runde_von = User.objects.get(username="hn-koordination")

    def bis(self, anzahl: int) -> None:
        from portal.start.skala import _kreis

        while self.ergebnis.kreise < anzahl:
            with transaction.atomic():
                _kreis(
                    self.ergebnis.kreise, 6, self.land, self.programm, "!", self.rng, 2, 2027, self.ergebnis
                )
        Entscheidungsrunde.objects.bulk_create(
            Entscheidungsrunde(foerderjahr=fj, eroeffnet_von=self.runde_von)
            for fj in Foerderjahr.objects.filter(kreis__schluessel__startswith="9", entscheidungsrunde=None)
        )


def land_seiten() -> list[tuple[str, str]]:
    """(user, url) of every page of the Land that lists Kreise or sums over them."""
    return [
        ("land", reverse("start:dashboard")),
        ("land", reverse("funding:list")),
        ("land", reverse("organisations:gemeinden")),
        ("land", reverse("organisations:verbuende")),
        ("land", reverse("optin:uebersicht")),
        ("land", reverse("optin:uebersicht") + "?jahr=2027"),
        ("land", reverse("transfer:uebersicht")),
        ("land", reverse("proof:uebersicht")),
        ("land", reverse("kennzahlen:uebersicht")),
        ("land", reverse("kennzahlen:land")),
        ("land", reverse("kennzahlen:land") + "?format=xlsx"),
        ("land", reverse("kennzahlen:cockpit")),
        ("land", reverse("audit:list")),
        ("land", reverse("audit:list") + "?format=csv"),
        ("land", "/hinweise/entscheidung-bis-31-mai/"),
    ]


def test_land_pages_need_the_same_queries_for_2_and_8_more_kreise(client, user, demo):
    kreise = Kreise()
    kreise.bis(2)
    liste = land_seiten()
    wenige = zaehlen(client, user, liste)
    kreise.bis(8)
    assert Kreis.objects.filter(schluessel__startswith="9").count() == 8
    viele = zaehlen(client, user, liste)
    vergleichen(liste, wenige, viele)


def kreis_seiten(kreis: Kreis) -> list[tuple[str, str]]:
    """(user, url) of the pages of a generated Kreis (its coordination, finance and first Gemeinde)."""
    koordination, finanzen = f"skala-{kreis.schluessel}-koordination", f"skala-{kreis.schluessel}-finanzen"
    gemeinde = kreis.gemeinden.order_by("ags").first()
    fj = Foerderjahr.objects.get(kreis=kreis, jahr=2028)
    return [
        (f"skala-{gemeinde.ags}", reverse("start:dashboard")),
        (f"skala-{gemeinde.ags}", reverse("kennzahlen:cockpit")),
        (koordination, reverse("start:dashboard")),
        (finanzen, reverse("start:dashboard")),
        (koordination, reverse("funding:list")),
        (koordination, reverse("funding:detail", args=[fj.pk])),
        (koordination, reverse("funding:meldungen", args=[fj.pk])),
        (koordination, reverse("funding:verteilung", args=[fj.pk])),
        (koordination, reverse("organisations:gemeinden")),
        (koordination, reverse("organisations:verbuende")),
        (koordination, reverse("organisations:benutzer")),
        (koordination, reverse("optin:uebersicht")),
        (koordination, reverse("optin:register", args=[fj.pk])),
        (koordination, reverse("optin:register", args=[fj.pk]) + "?format=csv"),
        (koordination, reverse("optin:register", args=[fj.pk]) + "?format=xlsx"),
        (koordination, reverse("transfer:uebersicht")),
        (koordination, reverse("transfer:jahr", args=[fj.pk])),
        (finanzen, reverse("transfer:jahr", args=[fj.pk])),
        (finanzen, reverse("transfer:export", args=[fj.pk, "xlsx"])),
        (koordination, reverse("proof:uebersicht")),
        (koordination, reverse("proof:jahr", args=[fj.pk])),
        (koordination, reverse("proof:gesamt", args=[fj.pk, "xlsx"])),
        (koordination, reverse("proof:gesamt", args=[fj.pk, "pdf"])),
        (koordination, reverse("dossier:pruefakte", args=[fj.pk])),
        (koordination, reverse("kennzahlen:uebersicht")),
        (koordination, reverse("kennzahlen:jahr", args=[fj.pk])),
        (koordination, reverse("kennzahlen:jahr", args=[fj.pk]) + "?format=xlsx"),
        (koordination, reverse("kennzahlen:cockpit")),
        (koordination, reverse("audit:list")),
        (koordination, reverse("audit:list") + "?format=csv"),
        (koordination, reverse("audit:object", args=["funding.foerderjahr", fj.pk])),
    ]


def test_kreis_pages_need_the_same_queries_for_6_and_60_gemeinden_with_verbuende(client, user, demo):
    """Generated Kreise (two closed years with Verbünde, quarterly transfers, proofs, Kennzahlen): a small
    one with one Verbund and a large one with three need the same queries on every page."""
    from portal.start.skala import Ergebnis, _kreis, _programm

    land = Land.objects.get(name="Baden-Württemberg")
    programm, rng, ergebnis = _programm(land), random.Random(6), Ergebnis()  # noqa: S311 - test data
    for k, anzahl in ((0, 6), (1, 60)):
        _kreis(k, anzahl, land, programm, "!", rng, 2, 2027, ergebnis)
    klein, gross = Kreis.objects.get(schluessel="90001"), Kreis.objects.get(schluessel="90002")
    assert gross.verbuende.count() == 3 and klein.verbuende.count() == 1
    # the year page's shares in one go are the shares one by one (a Verbund's members pooled)
    for fj in Foerderjahr.objects.filter(kreis__in=[klein, gross]):
        empfaenger = list(transfer.empfaenger(fj).prefetch_related("partner"))
        assert transfer.anteile(fj, empfaenger) == {e.pk: transfer.anteil(e) for e in empfaenger}
    benutzer = lambda username: User.objects.get(username=username)  # noqa: E731
    wenige = zaehlen(client, benutzer, kreis_seiten(klein))
    viele = zaehlen(client, benutzer, kreis_seiten(gross))
    vergleichen(kreis_seiten(gross), wenige, viele)
