"""The demo of ``make run``: the years before the open decision round, played through with the portal's
own services on the days they would have happened (time-machine moves the clock), so that every phase
of the yearly cycle can be seen and clicked through with the demo logins. Years count from ``basis``,
the year whose round is open today (``demo.basis_jahr``), so the demo looks the same whenever it is
built – except for the season, since the calendar decides what a year can be doing (``demojahre``):

* ``basis`` - 3, closed: every decision (Nordheim and Göppingen alone, the Verbund Zabergäu, the rest
  by the deadline default), the Land's payout in two tranches, both tranches forwarded through SEPA
  runs, paid and confirmed, the proofs of use reviewed (Nordheim's with a Rückforderung, since settled;
  the Verbund's returned once and resubmitted), Kennzahlen of every self-running Gemeinde, the year
  closed – its Gesamtverwendungsnachweis is ready;
* June to December – ``basis`` - 2, the running year, in its transfer phase: the payout recorded;
  Göppingen paid, Nordheim approved and in a SEPA run, the Verbund waiting for the second coordinator
  (its Kennzahlen are reported after it ends); ``basis`` - 1: decisions accepted;
* January to May – ``basis`` - 2, the year just ended, in its proof of use: paid in full, Göppingen's
  proof submitted and waiting for review, Nordheim's and the Verbund's still open, Kennzahlen from
  everyone but Nordheim and Zaberfeld; ``basis`` - 1, the running year: decisions accepted and the
  transfer phase as above;
* ``basis``: the round open – Nordheim undecided, the Verbund Zabergäu waiting for Zaberfeld.
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.test.utils import override_settings
from django.utils import timezone
from schwifty import IBAN

from portal.cms.seed import seed_content
from portal.core.models import Mail
from portal.funding import services as funding
from portal.funding.fristen import BERLIN, berliner_datum
from portal.funding.models import Foerderjahr
from portal.organisations.models import Gemeinde, Kreis, User
from portal.start.demo import (
    DEMO_BLZ,
    DEMO_PDF,
    KREISE,
    VERBUND,
    basis_jahr,
    gemeinde_login,
    seed_foerderjahre,
    seed_folgejahre,
    seed_organisations,
    seed_programme,
    seed_users,
    seed_verteilungen,
)

CENT = Decimal("0.01")
#: Who runs the work alone in every demo year (the other Gemeinden leave it to the Landkreis).
ALLEIN = {"08125": "Nordheim", "08117": "Göppingen"}
PARTNER = [m for m in VERBUND["members"] if m != VERBUND["lead"]]
#: Who has not reported the Kennzahlen of the year just ended yet (January to May; the cockpit asks).
NICHT_GEMELDET = ("Nordheim", "Zaberfeld")


@dataclass(frozen=True)
class Demojahre:
    """Which demo year is in which phase of the cycle on a given day."""

    abgeschlossen: int
    #: the year just ended whose proofs of use are being submitted (January to May only)
    nachweis: int | None
    weiterleitung: int
    angenommen: int
    offen: int


def demojahre(heute: date) -> Demojahre:
    """From June, the open round's year is ``heute.year`` + 2 and the running year (``basis`` - 2) is in its
    transfer phase. Until 31 May it is ``heute.year`` + 1: the running year is ``basis`` - 1, so that is the
    year being paid out, and ``basis`` - 2 has ended and owes its proofs of use."""
    b = basis_jahr(heute)
    if b == heute.year + 1:
        return Demojahre(b - 3, nachweis=b - 2, weiterleitung=b - 1, angenommen=b - 1, offen=b)
    return Demojahre(b - 3, nachweis=None, weiterleitung=b - 2, angenommen=b - 1, offen=b)


@dataclass(frozen=True)
class Schritt:
    """What a story yields before each of its steps: the day (and hour, in Berlin) the step happens."""

    tag: date
    stunde: int = 10


#: The latest moment the demo's story may reach (set while it is played): a minute before the build
#: began, but never before that day's midnight in Berlin, so "today" stays today (a build at 00:00:30
#: does not fall back into yesterday, or last year).
_grenze: datetime.datetime | None = None


def _grenze_jetzt() -> datetime.datetime:
    jetzt = timezone.now()
    mitternacht = datetime.datetime.combine(berliner_datum(jetzt), datetime.time(0), tzinfo=BERLIN)
    return max(jetzt - datetime.timedelta(minutes=1), mitternacht)


def spaetestens_heute(tag: date) -> date:
    """A date of the demo's story, moved to today if the story has not got that far yet this year."""
    return min(tag, berliner_datum(_grenze or _grenze_jetzt()))


def _abspielen(geschichten) -> None:
    """Plays the stories (generators yielding a ``Schritt`` before each step) interleaved in the order of
    their days, with the clock (time-machine) at each step's moment – so the trail's ids follow its
    times, as in a real year. Steps after the limit of today happen now, one after the other."""
    import heapq
    import itertools

    import time_machine  # the demo's clock only; never used by the portal itself

    global _grenze
    _grenze = _grenze_jetzt()
    reihenfolge = itertools.count()
    warteschlange = []

    def weiter(geschichte, nicht_vor):
        try:
            schritt = next(geschichte)  # runs the story up to its next step
        except StopIteration:
            return
        zeit = datetime.datetime.combine(schritt.tag, datetime.time(schritt.stunde), tzinfo=BERLIN)
        zeit = max(min(zeit, _grenze), nicht_vor)
        heapq.heappush(warteschlange, (zeit, next(reihenfolge), geschichte))

    try:
        anfang = datetime.datetime.min.replace(tzinfo=BERLIN)
        for geschichte in geschichten:
            weiter(geschichte, anfang)
        ende = anfang
        while warteschlange:
            zeit, _, geschichte = heapq.heappop(warteschlange)
            # never behind the last step's end: steps moved to today follow each other
            with time_machine.travel(max(zeit, ende), tick=True):
                weiter(geschichte, zeit)
                ende = timezone.now()
    finally:
        _grenze = None


def _person(kreis_key: str, rolle: str) -> User:
    prefix = next(k[3] for k in KREISE if k[1] == kreis_key)
    return User.objects.get(username=f"{prefix}-{rolle}")


@transaction.atomic
def demo_mit_geschichte() -> bool:
    """Build the demo on an empty database; a database that holds it already is left alone (delete
    ``var/`` to build it afresh for today)."""
    if Kreis.objects.filter(schluessel__in=[k[1] for k in KREISE]).exists():
        return False
    # today decides the years and caps the story (to build it for another day, move the clock:
    # time-machine, as the tests do)
    jahre = demojahre(berliner_datum(timezone.now()))
    b = jahre.offen
    # the history's mails are queued, not sent: they count as delivered on their day (below)
    with override_settings(POSTAUSGANG_SOFORT=False):
        _geschichte(jahre)
    Mail.objects.filter(status=Mail.Status.WARTEND).update(
        status=Mail.Status.GESENDET, versuche=1, gesendet_am=F("naechster_versuch"), text=""
    )
    # today: the open round (Nordheim undecided, the Verbund waits for Zaberfeld)
    # Brackenheim's council decided a week ago, for the round opened today
    seed_folgejahre(
        b,
        bestaetigt_von=[p for p in PARTNER if p != "Zaberfeld"],
        beschluss_datum=berliner_datum(timezone.now()) - datetime.timedelta(days=7),
    )
    seed_content()
    return True


def _geschichte(jahre: Demojahre) -> None:
    """Every story of the demo, played step by step in the order of their days (``_abspielen``)."""
    b = jahre.offen
    geschichten = [
        _anfang(b),
        entscheidungsrunde(b - 3),
        entscheidungsrunde(b - 2),
        *(weiterleiten(b - 3, key, tranchen=2) for key in ALLEIN),
        _jahr_fortschreiben(b - 1, am_tag=date(b - 3, 10, 1)),
        entscheidungsrunde(b - 1),
        nachweise(b - 3),
        kennzahlen(b - 3, am_tag=date(b - 2, 2, 15)),
        _abschliessen(b - 3, am_tag=date(b - 2, 5, 2)),
        _jahr_fortschreiben(b, am_tag=date(b - 2, 10, 1)),
        *(weiterleitungsphase(jahre.weiterleitung, key) for key in ALLEIN),
    ]
    if jahre.nachweis:
        # January to May: last year paid in full and owing its proofs (the running year is paid out)
        geschichten += [
            *(weiterleiten(jahre.nachweis, key, tranchen=2) for key in ALLEIN),
            nachweisphase(jahre.nachweis),
            kennzahlen(jahre.nachweis, am_tag=date(jahre.nachweis + 1, 2, 15), ohne=NICHT_GEMELDET),
        ]
    # (June to December the running year is in its transfer phase; its Kennzahlen come after it ends)
    _abspielen(geschichten)


def _anfang(b: int) -> Iterator[Schritt]:
    """Five years back: the Land, the Kreise with their Gemeinden, the logins, the first years."""
    yield Schritt(date(b - 5, 10, 1))
    land, kreise = seed_organisations(verbund_jahre=())
    seed_users(land, kreise)
    programm = seed_programme(land, b)
    seed_foerderjahre(programm, kreise, b)
    seed_verteilungen(kreise)
    _kreiskonten(kreise)


def _abschliessen(jahr: int, am_tag: date) -> Iterator[Schritt]:
    yield Schritt(am_tag)
    for key in ALLEIN:
        funding.foerderjahr_abschliessen(_fj(key, jahr), _person(key, "koordination"))


def _fj(kreis_key: str, jahr: int) -> Foerderjahr:
    return Foerderjahr.objects.get(kreis__schluessel=kreis_key, jahr=jahr)


def _kreiskonten(kreise) -> None:
    """Invented accounts of the Kreiskassen, with valid check digits (not the real ones)."""
    for key, kreis in kreise.items():
        kreis.kontoinhaber = f"Kreiskasse {kreis.name}"
        kreis.iban = IBAN.generate("DE", bank_code=DEMO_BLZ[key], account_code="1000" + key).compact
        kreis.save(update_fields=["kontoinhaber", "iban"])


def _jahr_fortschreiben(jahr: int, am_tag: date) -> Iterator[Schritt]:
    """The next Förderjahr, copied forward and published with counts and allocation (as each autumn)."""
    yield Schritt(am_tag)
    for key in ALLEIN:
        fj = funding.foerderjahr_fortschreiben(_fj(key, jahr - 1), _person(key, "koordination"))
        funding.foerderjahr_veroeffentlichen(fj, _person(key, "koordination"))
    seed_verteilungen({k.schluessel: k for k in Kreis.objects.filter(schluessel__in=ALLEIN)})


def _stellen(jahr: int, *vzae: str):
    from workflows.optin.services import StellenAngabe

    return [StellenAngabe(Decimal(v), date(jahr, 1, 1), "studium") for v in vzae]


def _beschluss(jahr: int, gemeinde: str) -> dict:
    return {
        "beschluss_datum": date(jahr - 1, 2, 20),
        "beschluss_datei": ContentFile(DEMO_PDF, name=f"gemeinderatsbeschluss-{gemeinde.lower()}.pdf"),
    }


def entscheidungsrunde(jahr: int) -> Iterator[Schritt]:
    """The round of ``jahr`` (deadline 31 May of the year before): opened in February, Nordheim and
    Göppingen alone, the Verbund Zabergäu confirmed by its partners, all accepted in April; the
    deadline default records every other Gemeinde as staying with the Landkreis."""
    from workflows.optin import services as optin

    yield Schritt(date(jahr - 1, 2, 1))
    for key in ALLEIN:
        optin.runde_eroeffnen(_fj(key, jahr), _person(key, "koordination"))
    yield Schritt(date(jahr - 1, 3, 10))
    for key, name in ALLEIN.items():
        e = _fj(key, jahr).entscheidungen.get(gemeinde__name=name)
        optin.einreichen(
            e,
            optin.Einreichung(
                wahl="allein",
                stellen=_stellen(jahr, "1.00") if key == "08125" else _stellen(jahr, "1.00", "0.50"),
                ansprechperson=gemeinde_login(name).get_full_name(),
                ansprechperson_email=gemeinde_login(name).email,
                **_beschluss(jahr, name),
            ),
            gemeinde_login(name),
        )
    fj = _fj(VERBUND["kreis"], jahr)
    lead = fj.entscheidungen.get(gemeinde__name=VERBUND["lead"])
    optin.einreichen(
        lead,
        optin.Einreichung(
            wahl="verbund",
            partner=list(Gemeinde.objects.filter(kreis=fj.kreis, name__in=PARTNER)),
            federfuehrend=lead.gemeinde,
            verbund_name=VERBUND["name"],
            stellen=_stellen(jahr, "1.00", "0.50"),
            ansprechperson=gemeinde_login(VERBUND["lead"]).get_full_name(),
            ansprechperson_email=gemeinde_login(VERBUND["lead"]).email,
            **_beschluss(jahr, VERBUND["lead"]),
        ),
        gemeinde_login(VERBUND["lead"]),
    )
    yield Schritt(date(jahr - 1, 3, 20))
    for bestaetigung in lead.bestaetigungen.select_related("gemeinde"):
        optin.partner_antworten(bestaetigung, True, "", gemeinde_login(bestaetigung.gemeinde.name))
    yield Schritt(date(jahr - 1, 4, 15))
    for key, name in ALLEIN.items():
        for e in _fj(key, jahr).entscheidungen.filter(gemeinde__name__in=[name, VERBUND["lead"]]):
            optin.pruefen(e, True, "", _person(key, "koordination"))
    yield Schritt(date(jahr - 1, 6, 1), stunde=2)
    optin.frist_ablaufen(now=datetime.datetime(jahr - 1, 6, 1, 2, tzinfo=BERLIN))


def _zahlungsdaten(e, betrag: Decimal):
    from workflows.transfer.services import Zahlungsdaten, empfangende_gemeinde

    gemeinde = empfangende_gemeinde(e)
    konto = IBAN.generate(
        "DE", bank_code=DEMO_BLZ[gemeinde.kreis.schluessel], account_code="2" + gemeinde.ags
    )
    return Zahlungsdaten(betrag, "bescheid", f"Stadt- bzw. Gemeindekasse {gemeinde.name}", konto.compact)


def _tranche(anteil: Decimal, tranche: int, tranchen: int) -> Decimal:
    """The first tranches are equal parts rounded down to the cent; the last takes the rest."""
    teil = (anteil / tranchen).quantize(CENT, rounding="ROUND_DOWN")
    return teil if tranche < tranchen else anteil - teil * (tranchen - 1)


def weiterleiten(jahr: int, key: str, tranchen: int) -> Iterator[Schritt]:
    """A year's money in one Kreis: the Land pays in tranches (March and September), each tranche is
    forwarded to every recipient – prepared, approved by the second coordinator, paid in a SEPA run,
    confirmed."""
    from workflows.transfer import services as transfer
    from workflows.transfer import zahlungslauf

    for tranche, monat in zip(range(1, tranchen + 1), (3, 9), strict=False):
        yield Schritt(date(jahr, monat, 5))
        fj = _fj(key, jahr)
        koordination, finanzen = _person(key, "koordination"), _person(key, "finanzen")
        betrag = _tranche(fj.planungsrahmen, tranche, tranchen)
        referenz = f"RP Stuttgart {jahr}-{tranche}/{key}"
        transfer.auszahlung_erfassen(fj, date(jahr, monat, 2), betrag, referenz, koordination, tranche)
        laufende = [
            transfer.vorbereiten(
                e,
                _zahlungsdaten(e, _tranche(transfer.anteil(e), tranche, tranchen)),
                koordination,
                tranche=tranche,
            )
            for e in transfer.empfaenger(fj)
        ]
        yield Schritt(date(jahr, monat, 6))
        for w in laufende:
            transfer.freigeben(w, _person(key, "koordination2"))
        zahlungslauf.anlegen(fj, date(jahr, monat, 10), finanzen)
        yield Schritt(date(jahr, monat, 10), stunde=14)
        for w in laufende:
            transfer.bezahlt(w, date(jahr, monat, 10), f"KK-{jahr}-{w.pk}", finanzen)
        yield Schritt(date(jahr, monat, 12))
        for w in laufende:
            transfer.empfang_bestaetigen(w, gemeinde_login(w.gemeinde.name))


def weiterleitungsphase(jahr: int, key: str) -> Iterator[Schritt]:
    """The year in its transfer phase in one Kreis: the Land's first tranche recorded; Göppingen paid,
    Nordheim approved and in a SEPA run, the Verbund prepared and waiting for the second coordinator. Its
    days are in March; built before then (January to May), they are today."""
    from workflows.transfer import services as transfer
    from workflows.transfer import zahlungslauf

    yield Schritt(date(jahr, 3, 5))
    fj = _fj(key, jahr)
    koordination, finanzen = _person(key, "koordination"), _person(key, "finanzen")
    betrag = _tranche(fj.planungsrahmen, 1, 2)
    transfer.auszahlung_erfassen(
        fj, spaetestens_heute(date(jahr, 3, 2)), betrag, f"RP Stuttgart {jahr}-1/{key}", koordination
    )
    allein = fj.entscheidungen.get(gemeinde__name=ALLEIN[key])
    yield Schritt(date(jahr, 3, 9))
    w = transfer.vorbereiten(
        allein, _zahlungsdaten(allein, _tranche(transfer.anteil(allein), 1, 2)), koordination
    )
    yield Schritt(date(jahr, 3, 10))
    transfer.freigeben(w, _person(key, "koordination2"))
    zahlungslauf.anlegen(fj, spaetestens_heute(date(jahr, 3, 16)), finanzen)
    if key == "08117":
        yield Schritt(date(jahr, 3, 16), stunde=14)
        transfer.bezahlt(w, spaetestens_heute(date(jahr, 3, 16)), f"KK-{jahr}-{w.pk}", finanzen)
    else:
        yield Schritt(date(jahr, 3, 11))
        lead = fj.entscheidungen.get(gemeinde__name=VERBUND["lead"])
        transfer.vorbereiten(lead, _zahlungsdaten(lead, _tranche(transfer.anteil(lead), 1, 2)), koordination)


def _nachweisdaten(e, erhalten: Decimal, weniger: Decimal = Decimal("0.00"), sachkosten_belegt=True):
    """A proof of use for the decision's positions: the money received spent (less ``weniger``)."""
    from workflows.proof.services import Nachweisdaten, StellenNachweis

    stellen = list(e.stellen.order_by("nummer"))
    ausgaben = erhalten - weniger
    sach = Decimal("2400.00") if sachkosten_belegt else Decimal("0.00")
    je_stelle = ((ausgaben - sach) / len(stellen)).quantize(CENT)
    personal = [je_stelle] * (len(stellen) - 1) + [ausgaben - sach - je_stelle * (len(stellen) - 1)]
    return Nachweisdaten(
        ziele="Beratung der Geflüchteten in der Anschlussunterbringung; Integrationspläne mit allen "
        "Haushalten, die es wünschten.",
        kooperationspartner="Jobcenter, Ausländerbehörde, Sprachkursträger, Ehrenamtskreise",
        integrationsplaene="Mit den meisten Haushalten vereinbart und halbjährlich fortgeschrieben.",
        schwierigkeiten="Wohnraum bleibt knapp; Wartezeiten auf Sprachkurse.",
        stellen=[
            StellenNachweis(s.qualifikation, [s.vzae] * 12, kosten, sach if n == 0 else Decimal("0.00"))
            for n, (s, kosten) in enumerate(zip(stellen, personal, strict=True))
        ],
    )


def nachweise(jahr: int) -> Iterator[Schritt]:
    """The proofs of use of ``jahr``: created in February after the year; Göppingen's accepted as it
    is, Nordheim's with 1.234,56 € unspent (Rückforderung, settled in April before it is due), the
    Verbund's returned once for a missing receipt and accepted after resubmission."""
    from workflows.proof import services as proof
    from workflows.proof.models import CHECKLISTE, Rueckforderung, Verwendungsnachweis

    alles_geprueft = dict.fromkeys((k for k, _ in CHECKLISTE), True)
    yield Schritt(date(jahr + 1, 2, 1), stunde=6)
    for key in ALLEIN:
        proof.nachweise_anlegen(_fj(key, jahr), _person(key, "koordination"))
    nachweise = {
        n.entscheidung.gemeinde.name: n
        for n in Verwendungsnachweis.objects.filter(foerderjahr__jahr=jahr).select_related(
            "entscheidung__gemeinde"
        )
    }
    yield Schritt(date(jahr + 1, 3, 2))
    for name, n in nachweise.items():
        erhalten = proof.mittel_erhalten(n.entscheidung)
        weniger = Decimal("1234.56") if name == "Nordheim" else Decimal("0.00")
        daten = _nachweisdaten(n.entscheidung, erhalten, weniger, sachkosten_belegt=True)
        proof.einreichen(n, daten, gemeinde_login(name))
    yield Schritt(date(jahr + 1, 3, 12))
    for name, n in nachweise.items():
        koordination = _person(n.foerderjahr.kreis.schluessel, "koordination")
        if name == VERBUND["lead"]:
            pruefung = dict(alles_geprueft, ausgaben=False)
            vermerk = "Bitte den Beleg über die Sachkosten (2.400,00 €) nachreichen."
            proof.pruefen(n, False, pruefung, vermerk, koordination)
        else:
            proof.pruefen(n, True, alles_geprueft, "Geprüft, keine Beanstandungen.", koordination)
    lead = nachweise[VERBUND["lead"]]
    yield Schritt(date(jahr + 1, 3, 19))
    daten = _nachweisdaten(lead.entscheidung, proof.mittel_erhalten(lead.entscheidung))
    proof.einreichen(lead, daten, gemeinde_login(VERBUND["lead"]))
    yield Schritt(date(jahr + 1, 3, 24))
    koordination = _person(VERBUND["kreis"], "koordination")
    proof.pruefen(lead, True, alles_geprueft, "Beleg nachgereicht; geprüft.", koordination)
    yield Schritt(date(jahr + 1, 4, 9))
    for r in Rueckforderung.objects.filter(nachweis__foerderjahr__jahr=jahr):
        kreis = r.nachweis.foerderjahr.kreis.schluessel
        # paid before it is due (30 days after the review)
        proof.rueckforderung_begleichen(
            r, date(jahr + 1, 4, 8), f"KK-R-{jahr}-{r.pk}", _person(kreis, "finanzen")
        )


def nachweisphase(jahr: int) -> Iterator[Schritt]:
    """The year just ended, in its proof of use (January to May): the proofs created in January,
    Göppingen's submitted in February and waiting for the coordinator; Nordheim's and the Verbund's
    still open (and late once the deadline has passed)."""
    from workflows.proof import services as proof
    from workflows.proof.models import Verwendungsnachweis

    yield Schritt(date(jahr + 1, 1, 8), stunde=6)
    for key in ALLEIN:
        proof.nachweise_anlegen(_fj(key, jahr), _person(key, "koordination"))
    n = Verwendungsnachweis.objects.get(foerderjahr__jahr=jahr, entscheidung__gemeinde__name="Göppingen")
    yield Schritt(date(jahr + 1, 2, 20))
    daten = _nachweisdaten(n.entscheidung, proof.mittel_erhalten(n.entscheidung))
    proof.einreichen(n, daten, gemeinde_login("Göppingen"))


def kennzahlen(jahr: int, am_tag: date, ohne=()) -> Iterator[Schritt]:
    """Every self-running Gemeinde but those named in ``ohne`` reports its Kennzahlen for ``jahr`` on
    ``am_tag`` (invented but stable figures that differ a little from year to year; a "davon" value is
    always part of its total)."""
    from workflows.optin.models import Entscheidung, Status, Wahl
    from workflows.proof.kennzahlen import KennzahlDefinition
    from workflows.proof.kennzahlen_services import kennzahlen_erfassen

    yield Schritt(am_tag)
    definitionen = list(KennzahlDefinition.fuer_jahr(jahr))
    for e in (
        Entscheidung.objects.filter(
            foerderjahr__jahr=jahr, status=Status.ANGENOMMEN, wahl__in=[Wahl.ALLEIN, Wahl.VERBUND]
        )
        .exclude(gemeinde__name__in=ohne)
        .select_related("gemeinde", "foerderjahr")
    ):
        grund = int(e.gemeinde.ags[-3:]) % 40 + 20 + 4 * (jahr % 4)
        werte = {}
        for n, d in enumerate(definitionen):
            if d.teil_von is None:
                werte[d.schluessel] = grund + 3 * n
        for d in definitionen:
            if d.teil_von is not None:
                werte[d.schluessel] = werte.get(d.teil_von.schluessel, grund) // 2
        kennzahlen_erfassen(e.foerderjahr, e.gemeinde, werte, gemeinde_login(e.gemeinde.name))
