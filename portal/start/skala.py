"""Statewide scale data for load tests and the benchmark: 44 Kreise, 1,101 Gemeinden, five Förderjahre
with complete cycles – counts, allocations, decisions, transfers, proofs of use, Kennzahlen – and the
audit events they would have produced, reproducibly from a seed number.

Going through the services Gemeinde by Gemeinde would take half an hour, so the generator writes in
bulk what the services would write: Förderjahre and allocations do go through the services (their
arithmetic is the portal's own), everything per Gemeinde is bulk-inserted, viewflow processes are
created finished, and the audit events are chained with the same hash function as ``record_event``.
Kreis keys start with 9 and never clash with real (08…) or demo keys."""

import datetime
import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from portal.audit.models import GENESIS_HASH, AuditEvent
from portal.audit.services import _lock_chain
from portal.funding import services as funding
from portal.funding.fristen import BERLIN
from portal.funding.models import Foerderprogramm, Verteilungsanteil
from portal.funding.verteilung import Zielgruppenmeldung
from portal.funding.verteilung_services import (
    gebuendelter_anteil,
    verteilung_berechnen,
    verteilung_veroeffentlichen,
)
from portal.organisations.models import (
    Gemeinde,
    Kreis,
    Land,
    Mitgliedschaft,
    Rolle,
    User,
    Verbund,
    VerbundMitglied,
)
from workflows.optin.flows import BestaetigungFlow, EntscheidungFlow
from workflows.optin.models import (
    BestaetigungsProzess,
    Entscheidung,
    EntscheidungsProzess,
    Entscheidungsrunde,
    Partnerbestaetigung,
    Stelle,
    Wahl,
)
from workflows.optin.models import Status as EStatus
from workflows.proof.flows import NachweisFlow
from workflows.proof.kennzahlen import Kennzahlmeldung
from workflows.proof.models import NachweisProzess, NachweisStelle, Verwendungsnachweis
from workflows.transfer.flows import WeiterleitungFlow
from workflows.transfer.models import Landesauszahlung, Weiterleitung, WeiterleitungsProzess

CENT = Decimal("0.01")
PASSWORT = "skala-portal-2026"
TRANCHEN = ((1, 2), (2, 5), (3, 8), (4, 11))


@dataclass
class Ergebnis:
    kreise: int = 0
    gemeinden: int = 0
    foerderjahre: int = 0
    entscheidungen: int = 0
    verbuende: int = 0
    weiterleitungen: int = 0
    nachweise: int = 0
    kennzahlen: int = 0
    ereignisse: int = 0
    benutzer: list[str] = field(default_factory=list)


def _zeit(jahr: int, monat: int, tag: int, stunde: int = 10) -> datetime.datetime:
    return datetime.datetime(jahr, monat, tag, stunde, 0, tzinfo=BERLIN)


class Protokoll:
    """Audit events collected in memory and written as one hash chain (under the chain lock)."""

    def __init__(self):
        self.ereignisse: list[AuditEvent] = []

    def erfassen(self, aktion, obj, zeitpunkt, actor=None, kreis_id=None, gemeinde_id=None, aenderungen=None):
        self.ereignisse.append(
            AuditEvent(
                zeitpunkt=zeitpunkt,
                actor=actor,
                actor_name=actor.username if actor else "system",
                rolle="",
                organisation="",
                aktion=aktion,
                objekt_typ=obj._meta.label_lower,
                objekt_id=str(obj.pk),
                objekt_bezeichnung=f"{obj._meta.verbose_name} {obj.pk}",
                kreis_id=kreis_id,
                gemeinde_id=gemeinde_id,
                aenderungen=aenderungen or {},
            )
        )

    def schreiben(self, batch: int = 5000) -> int:
        _lock_chain()
        vorher = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first() or GENESIS_HASH
        for e in self.ereignisse:
            e.vorheriger_hash = vorher
            e.hash = vorher = e.compute_hash()
        AuditEvent.objects.bulk_create(self.ereignisse, batch_size=batch)
        anzahl = len(self.ereignisse)
        self.ereignisse = []
        return anzahl


def _programm(land) -> Foerderprogramm:
    programm, _ = Foerderprogramm.objects.get_or_create(
        kurzname="VwV IM Skalierung",
        defaults={
            "name": "VwV Integrationsmanagement (Skalierungsdaten)",
            "land": land,
            "gueltig_ab": datetime.date(2021, 1, 1),
            "gueltig_bis": datetime.date(2030, 12, 31),
            "referenzjahr": 2021,
            "zaehlzeitraum_von": datetime.date(2016, 1, 1),
            "zaehlzeitraum_bis": datetime.date(2018, 12, 31),
            "frist_zielgruppen_meldung": datetime.date(2019, 10, 31),
            "frist_uebersicht": datetime.date(2019, 12, 31),
            "frist_entscheidung": datetime.date(2020, 5, 31),
            "frist_kennzahlen": datetime.date(2022, 3, 31),
            "frist_verwendungsnachweis": datetime.date(2022, 3, 31),
            "beginn_kennzahlen": datetime.date(2021, 1, 1),
            "beginn_verwendungsnachweis": datetime.date(2022, 1, 1),
        },
    )
    return programm


def _prozesse(modell, flow, feld: str, objekte, zeitpunkt) -> None:
    """Finished viewflow processes (multi-table rows, so one by one) with their end task."""
    ende = flow.ende
    aufgaben = []
    for obj in objekte:
        p = modell.objects.create(flow_class=flow, status=STATUS.DONE, finished=zeitpunkt, **{feld: obj})
        aufgaben.append(
            Task(
                process_id=p.pk,
                flow_task=ende,
                flow_task_type=ende.task_type,
                status=STATUS.DONE,
                finished=zeitpunkt,
            )
        )
    Task.objects.bulk_create(aufgaben, batch_size=2000)


def erzeugen(kreise=44, gemeinden=1101, jahre=5, seed=1, erstes_jahr=2021, ausgabe=None) -> Ergebnis:
    """Generate the data (in one transaction per Kreis, so a crash leaves whole Kreise)."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    log = ausgabe or (lambda text: None)
    ergebnis = Ergebnis()
    land, _ = Land.objects.get_or_create(name="Baden-Württemberg")
    programm = _programm(land)
    passwort = make_password(PASSWORT)
    land_user, created = User.objects.get_or_create(username="skala-land", defaults={"password": passwort})
    if created:
        Mitgliedschaft.objects.create(user=land_user, rolle=Rolle.LAND, land=land)
    ergebnis.benutzer.append("skala-land")

    # Gemeinden spread over the Kreise like in BW (between about 10 and 60 each)
    gewichte = [rng.uniform(0.4, 2.4) for _ in range(kreise)]
    je_kreis = [max(2, int(gemeinden * g / sum(gewichte))) for g in gewichte]
    je_kreis[-1] += gemeinden - sum(je_kreis)

    for k in range(kreise):
        with transaction.atomic():
            _kreis(k, je_kreis[k], land, programm, passwort, rng, jahre, erstes_jahr, ergebnis)
        log(f"Kreis {k + 1}/{kreise}: {je_kreis[k]} Gemeinden, {ergebnis.ereignisse} Ereignisse bisher")
    return ergebnis


def _kreis(k, anzahl_gemeinden, land, programm, passwort, rng, jahre, erstes_jahr, ergebnis):
    schluessel = f"9{k + 1:04d}"
    kreis = Kreis.objects.create(land=land, name=f"Landkreis Skala {k + 1}", schluessel=schluessel)
    gemeinden = Gemeinde.objects.bulk_create(
        [
            Gemeinde(kreis=kreis, name=f"Gemeinde {schluessel}-{g + 1:03d}", ags=f"{schluessel}{g + 1:03d}")
            for g in range(anzahl_gemeinden)
        ]
    )
    ergebnis.kreise += 1
    ergebnis.gemeinden += len(gemeinden)

    def benutzer(name, **mitgliedschaft):
        u = User.objects.create(username=name, password=passwort, email=f"{name}@example.org")
        Mitgliedschaft.objects.create(user=u, **mitgliedschaft)
        return u

    koordination = benutzer(f"skala-{schluessel}-koordination", rolle=Rolle.KOORDINATION, kreis=kreis)
    koordination2 = benutzer(f"skala-{schluessel}-koordination2", rolle=Rolle.KOORDINATION, kreis=kreis)
    finanzen = benutzer(f"skala-{schluessel}-finanzen", rolle=Rolle.FINANZEN, kreis=kreis)
    gemeinde_user = User.objects.bulk_create(
        [User(username=f"skala-{g.ags}", password=passwort, email=f"{g.ags}@example.org") for g in gemeinden]
    )
    Mitgliedschaft.objects.bulk_create(
        [
            Mitgliedschaft(user=u, rolle=Rolle.GEMEINDE, gemeinde=g)
            for u, g in zip(gemeinde_user, gemeinden, strict=True)
        ]
    )
    ergebnis.benutzer += [koordination.username, finanzen.username, gemeinde_user[0].username]
    user_von = {g.pk: u for g, u in zip(gemeinden, gemeinde_user, strict=True)}
    protokoll = Protokoll()
    # a few Verbünde of two or three neighbouring Gemeinden (the first member leads), kept every year
    verbuende: dict[int, tuple[Verbund, list]] = {}  # lead Gemeinde -> (Verbund, partner Gemeinden)
    if len(gemeinden) >= 4:
        frei = list(gemeinden)
        rng.shuffle(frei)
        for v in range(max(1, len(gemeinden) // 20)):
            mitglieder, frei = frei[: rng.choice((2, 3))], frei[3:]
            verbund = Verbund.objects.create(
                kreis=kreis, name=f"Verbund {schluessel}-{v + 1}", federfuehrend=mitglieder[0]
            )
            verbuende[mitglieder[0].pk] = (verbund, mitglieder[1:])
        ergebnis.verbuende += len(verbuende)
    personen = {g.pk: rng.randint(5, 400) for g in gemeinden}
    planungsrahmen = (Decimal(sum(personen.values())) * Decimal(rng.randint(900, 1400))).quantize(CENT)
    # who runs it alone: decided once and mostly kept
    selbst = {g.pk: rng.random() < 0.7 for g in gemeinden}

    for i in range(jahre):
        jahr = erstes_jahr + i
        fj = funding.foerderjahr_anlegen(programm, kreis, jahr, planungsrahmen, koordination)
        funding.foerderjahr_veroeffentlichen(fj, koordination)
        ergebnis.foerderjahre += 1
        meldungen = []
        for g in gemeinden:
            personen[g.pk] = max(0, personen[g.pk] + rng.randint(-20, 25))
            meldungen.append(
                Zielgruppenmeldung(
                    foerderjahr=fj, gemeinde=g, version=1, anzahl=personen[g.pk], erfasst_von=koordination
                )
            )
        Zielgruppenmeldung.objects.bulk_create(meldungen)
        for m in meldungen:
            protokoll.erfassen(
                "meldung.erfasst",
                m,
                _zeit(jahr - 1, 10, rng.randint(1, 28)),
                koordination,
                kreis.pk,
                m.gemeinde_id,
            )
        verteilung_veroeffentlichen(verteilung_berechnen(fj, koordination), koordination)
        anteil = dict(
            Verteilungsanteil.objects.filter(verteilung__foerderjahr=fj).values_list("gemeinde", "anteil")
        )
        _jahr(
            fj,
            kreis,
            gemeinden,
            selbst,
            verbuende,
            anteil,
            user_von,
            koordination,
            koordination2,
            finanzen,
            rng,
            protokoll,
            ergebnis,
        )
        funding.foerderjahr_abschliessen(fj, koordination)
        if rng.random() < 0.1:
            for g in gemeinden:
                if rng.random() < 0.1:
                    selbst[g.pk] = not selbst[g.pk]
    ergebnis.ereignisse += protokoll.schreiben()


def _jahr(
    fj,
    kreis,
    gemeinden,
    selbst,
    verbuende,
    anteil,
    user_von,
    koord,
    koord2,
    finanzen,
    rng,
    protokoll,
    ergebnis,
):
    jahr = fj.jahr
    # the coordinator opened the round in January of the year before (the register needs it)
    runde = Entscheidungsrunde.objects.create(foerderjahr=fj, eroeffnet_von=koord)
    Entscheidungsrunde.objects.filter(pk=runde.pk).update(eroeffnet_am=_zeit(jahr - 1, 1, 15))
    protokoll.erfassen(
        "entscheidung.runde_eroeffnet",
        runde,
        _zeit(jahr - 1, 1, 15),
        koord,
        kreis.pk,
        aenderungen={"gemeinden": {"vorher": None, "nachher": len(gemeinden)}},
    )
    partner_von = {p.pk: lead for lead, (_v, partner) in verbuende.items() for p in partner}
    entscheidungen = []
    for g in gemeinden:
        if g.pk in partner_von:
            continue  # a partner's record points to the lead's decision (below)
        verbund = verbuende[g.pk][0] if g.pk in verbuende else None
        allein = selbst[g.pk] or verbund is not None
        entscheidungen.append(
            Entscheidung(
                foerderjahr=fj,
                gemeinde=g,
                status=EStatus.ANGENOMMEN if allein else EStatus.BLEIBT_BEIM_LANDKREIS,
                wahl=(Wahl.VERBUND if verbund else Wahl.ALLEIN) if allein else "",
                verbund_name=verbund.name if verbund else "",
                federfuehrend=g if verbund else None,
                verbund=verbund,
                beschluss_datum=datetime.date(jahr - 1, 4, rng.randint(1, 28)) if allein else None,
                ansprechperson=f"Ansprechperson {g.name}" if allein else "",
                ansprechperson_email=f"im@{g.ags}.example.org" if allein else "",
                eingereicht_am=_zeit(jahr - 1, 5, rng.randint(1, 31)) if allein else None,
                eingereicht_von=user_von[g.pk] if allein else None,
                einreichungen=1 if allein else 0,
                entschieden_am=_zeit(jahr - 1, 6, rng.randint(1, 30)) if allein else None,
                entschieden_von=koord if allein else None,
            )
        )
    Entscheidung.objects.bulk_create(entscheidungen, batch_size=2000)
    lead_entscheidung = {e.gemeinde_id: e for e in entscheidungen if e.verbund_id}
    partner_entscheidungen = [
        Entscheidung(
            foerderjahr=fj,
            gemeinde=g,
            status=EStatus.ANGENOMMEN,
            wahl=Wahl.VERBUND,
            verbund=lead_entscheidung[partner_von[g.pk]].verbund,
            teil_von=lead_entscheidung[partner_von[g.pk]],
            entschieden_am=lead_entscheidung[partner_von[g.pk]].entschieden_am,
            entschieden_von=koord,
        )
        for g in gemeinden
        if g.pk in partner_von
    ]
    Entscheidung.objects.bulk_create(partner_entscheidungen)
    entscheidungen += partner_entscheidungen
    ergebnis.entscheidungen += len(entscheidungen)
    _prozesse(EntscheidungsProzess, EntscheidungFlow, "entscheidung", entscheidungen, _zeit(jahr - 1, 6, 30))
    # the Verbund decisions: partners named, each confirmed, members fixed for the year
    Entscheidung.partner.through.objects.bulk_create(
        [
            Entscheidung.partner.through(entscheidung_id=e.teil_von_id, gemeinde_id=e.gemeinde_id)
            for e in partner_entscheidungen
        ]
    )
    bestaetigungen = Partnerbestaetigung.objects.bulk_create(
        [
            Partnerbestaetigung(
                entscheidung=e.teil_von,
                gemeinde_id=e.gemeinde_id,
                einreichung=1,
                antwort=Partnerbestaetigung.Antwort.BESTAETIGT,
                beantwortet_am=e.teil_von.eingereicht_am + datetime.timedelta(days=2),
                beantwortet_von=user_von[e.gemeinde_id],
            )
            for e in partner_entscheidungen
        ]
    )
    _prozesse(BestaetigungsProzess, BestaetigungFlow, "bestaetigung", bestaetigungen, _zeit(jahr - 1, 6, 15))
    VerbundMitglied.objects.bulk_create(
        [
            VerbundMitglied(verbund=e.verbund, gemeinde_id=e.gemeinde_id, jahr=jahr)
            for e in entscheidungen
            if e.verbund_id
        ]
    )
    angenommen = [e for e in entscheidungen if e.status == EStatus.ANGENOMMEN and e.teil_von_id is None]
    Stelle.objects.bulk_create(
        [
            Stelle(
                entscheidung=e,
                nummer=nummer,
                vzae=Decimal(rng.choice(["0.50", "0.75", "1.00"])),
                beginn=datetime.date(jahr, 1, 1),
                qualifikation=Stelle.Qualifikation.STUDIUM,
            )
            for e in angenommen
            for nummer in range(1, 2 + (e.verbund_id is not None))
        ]
    )
    for e in entscheidungen:
        g = e.gemeinde_id
        if e.teil_von_id:
            continue
        if e.status == EStatus.ANGENOMMEN:
            protokoll.erfassen(
                "entscheidung.entwurf_begonnen", e, _zeit(jahr - 1, 3, 1), user_von[g], kreis.pk, g
            )
            protokoll.erfassen("entscheidung.eingereicht", e, e.eingereicht_am, user_von[g], kreis.pk, g)
            if e.verbund_id:
                for b in bestaetigungen:
                    if b.entscheidung_id == e.pk:
                        protokoll.erfassen(
                            "entscheidung.partner_bestaetigt",
                            b,
                            b.beantwortet_am,
                            b.beantwortet_von,
                            kreis.pk,
                            b.gemeinde_id,
                        )
                if not e.verbund.mitgliedschaften.filter(jahr__lt=jahr).exists():  # its first year
                    protokoll.erfassen("verbund.angelegt", e.verbund, e.entschieden_am, koord, kreis.pk, g)
                protokoll.erfassen(
                    "verbund.mitglieder_festgelegt",
                    e.verbund,
                    e.entschieden_am,
                    koord,
                    kreis.pk,
                    g,
                    {"jahr": jahr},
                )
            protokoll.erfassen("entscheidung.angenommen", e, e.entschieden_am, koord, kreis.pk, g)
            for p in partner_entscheidungen:
                if p.teil_von_id == e.pk:
                    protokoll.erfassen(
                        "entscheidung.angenommen", p, p.entschieden_am, koord, kreis.pk, p.gemeinde_id
                    )
        else:
            for tag in (28, 7, 1):
                protokoll.erfassen(
                    "entscheidung.erinnerung_gesendet", e, _zeit(jahr - 1, 5, 31 - tag), None, kreis.pk, g
                )
            protokoll.erfassen(
                "entscheidung.frist_abgelaufen", e, _zeit(jahr - 1, 6, 1, 0), None, kreis.pk, g
            )

    # the Land pays quarterly, the Kreis forwards each share (a Verbund's pooled) in four tranches
    mitglieder = {e.pk: [e.gemeinde_id] for e in angenommen}
    for p in partner_entscheidungen:
        mitglieder[p.teil_von_id].append(p.gemeinde_id)
    anteil_von = {e.pk: gebuendelter_anteil(anteil, mitglieder[e.pk]) for e in angenommen}
    summe = sum(anteil_von.values(), Decimal(0))
    for tranche, monat in TRANCHEN:
        a = Landesauszahlung.objects.create(
            foerderjahr=fj,
            tranche=tranche,
            datum=datetime.date(jahr, monat, 1),
            betrag=(summe / 4).quantize(CENT, ROUND_HALF_UP) + CENT,
            referenz=f"RP-{fj.kreis.schluessel}-{jahr}-{tranche}",
            erfasst_von=koord,
        )
        protokoll.erfassen(
            "weiterleitung.landesauszahlung_erfasst", a, _zeit(jahr, monat, 1), koord, kreis.pk
        )
    weiterleitungen = []
    for e in angenommen:
        viertel = (anteil_von[e.pk] / 4).quantize(CENT, ROUND_HALF_UP)
        for tranche, monat in TRANCHEN:
            weiterleitungen.append(
                Weiterleitung(
                    foerderjahr=fj,
                    tranche=tranche,
                    entscheidung=e,
                    gemeinde=e.gemeinde,
                    verbund=e.verbund,
                    status=Weiterleitung.Status.EMPFANGEN,
                    betrag=max(viertel, CENT),
                    rechtsform="bescheid",
                    kontoinhaber=f"Gemeindekasse {e.gemeinde.name}"[:70],
                    iban="DE89370400440532013000",
                    verwendungszweck=f"Integrationsmanagement {jahr}, Tranche {tranche}, "
                    f"{e.verbund_name or e.gemeinde.name}",
                    vorbereitet_von=koord,
                    vorbereitet_am=_zeit(jahr, monat, 5),
                    freigegeben_von=koord2,
                    freigegeben_am=_zeit(jahr, monat, 6),
                    bezahlt_am=datetime.date(jahr, monat, 10),
                    buchungsreferenz=f"KK-{jahr}-{e.gemeinde.ags}-{tranche}",
                    bezahlt_von=finanzen,
                    empfang_bestaetigt_am=_zeit(jahr, monat, 12),
                    empfang_bestaetigt_von=user_von[e.gemeinde_id],
                )
            )
    Weiterleitung.objects.bulk_create(weiterleitungen, batch_size=2000)
    ergebnis.weiterleitungen += len(weiterleitungen)
    _prozesse(WeiterleitungsProzess, WeiterleitungFlow, "weiterleitung", weiterleitungen, _zeit(jahr, 10, 1))
    for w in weiterleitungen:
        g, m = w.gemeinde_id, w.vorbereitet_am.month
        protokoll.erfassen("weiterleitung.vorbereitet", w, w.vorbereitet_am, koord, kreis.pk, g)
        protokoll.erfassen("weiterleitung.freigegeben", w, w.freigegeben_am, koord2, kreis.pk, g)
        protokoll.erfassen("weiterleitung.exportiert", w, _zeit(jahr, m, 7), finanzen, kreis.pk, g)
        protokoll.erfassen("weiterleitung.bezahlt", w, _zeit(jahr, m, 10), finanzen, kreis.pk, g)
        protokoll.erfassen(
            "weiterleitung.empfang_bestaetigt", w, w.empfang_bestaetigt_am, user_von[g], kreis.pk, g
        )

    # after the year: proofs of use, reviewed; Kennzahlen for every Gemeinde
    nachweise, stellen = [], []
    for e in angenommen:
        erhalten = sum((w.betrag for w in weiterleitungen if w.entscheidung_id == e.pk), Decimal(0))
        personal = (erhalten * Decimal(rng.uniform(0.85, 1.1))).quantize(CENT)
        nachweise.append(
            Verwendungsnachweis(
                foerderjahr=fj,
                entscheidung=e,
                gemeinde=e.gemeinde,
                verbund=e.verbund,
                status="geprueft",
                ziele="Beratung und Begleitung in der Anschlussunterbringung.",
                mittel_erhalten=erhalten,
                eingereicht_am=_zeit(jahr + 1, 3, rng.randint(1, 31)),
                eingereicht_von=user_von[e.gemeinde_id],
                einreichungen=1,
                verspaetet=rng.random() < 0.1,
                pruefvermerk="Geprüft, ohne Beanstandung.",
                geprueft_am=_zeit(jahr + 1, 5, rng.randint(1, 31)),
                geprueft_von=koord,
            )
        )
        stellen.append(personal)
    Verwendungsnachweis.objects.bulk_create(nachweise, batch_size=2000)
    NachweisStelle.objects.bulk_create(
        [
            NachweisStelle(
                nachweis=n,
                nummer=1,
                qualifikation="studium",
                vzae_monate=[str(Decimal("0.50"))] * 12,
                personalkosten=personal,
            )
            for n, personal in zip(nachweise, stellen, strict=True)
        ]
    )
    ergebnis.nachweise += len(nachweise)
    _prozesse(NachweisProzess, NachweisFlow, "nachweis", nachweise, _zeit(jahr + 1, 6, 1))
    for n in nachweise:
        g = n.gemeinde_id
        protokoll.erfassen("nachweis.angelegt", n, _zeit(jahr + 1, 1, 2, 1), None, kreis.pk, g)
        protokoll.erfassen("nachweis.entwurf_begonnen", n, _zeit(jahr + 1, 2, 1), user_von[g], kreis.pk, g)
        protokoll.erfassen("nachweis.eingereicht", n, n.eingereicht_am, user_von[g], kreis.pk, g)
        protokoll.erfassen("nachweis.geprueft", n, n.geprueft_am, koord, kreis.pk, g)
    meldungen = []
    for e in entscheidungen:
        werte = {
            "personen_erreicht": rng.randint(5, 300),
            "beratungsgespraeche": rng.randint(10, 1200),
            "integrationsplaene_erstellt": rng.randint(0, 120),
        }
        durch = "gemeinde" if e.status == EStatus.ANGENOMMEN else "kreis"
        von = user_von[e.gemeinde_id] if durch == "gemeinde" else koord
        meldungen.append(
            Kennzahlmeldung(
                foerderjahr=fj, gemeinde=e.gemeinde, erfasst_durch=durch, werte=werte, erfasst_von=von
            )
        )
    Kennzahlmeldung.objects.bulk_create(meldungen, batch_size=2000)
    ergebnis.kennzahlen += len(meldungen)
    for m in meldungen:
        for monat in range(1, 13):  # updated monthly; the last entry is the year's figure
            protokoll.erfassen(
                "kennzahlen.erfasst", m, _zeit(jahr, monat, 28), m.erfasst_von, kreis.pk, m.gemeinde_id
            )
