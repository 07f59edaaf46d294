"""Demo data: two real Landkreise with all their Gemeinden, four Förderjahre, one user per role.

The years are counted from the year whose decision round is open (``basis``): the test world uses
2028 (its round closes on 31.05.2027); ``make run`` builds the demo for today's date with the years
before it played through (portal/start/geschichte.py).

Idempotent: every record is looked up by its natural key first, so running it again changes nothing
and writes no new audit events. Förderjahre are created through the same services as in the UI.
"""

import csv
import hashlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice
from schwifty import IBAN

from portal.audit.services import record_event
from portal.cms.seed import editor_groups, seed_content
from portal.funding import services as funding
from portal.funding.models import Foerderjahr, Foerderprogramm
from portal.konto import zwei_faktor
from portal.organisations.models import (
    Gemeinde,
    Kreis,
    Land,
    Mitgliedschaft,
    Traeger,
    User,
    Verbund,
    VerbundMitglied,
)

DATA = Path(__file__).resolve().parent.parent / "organisations" / "data" / "gemeinden_demo.csv"
DEMO_PASSWORD = "demo-portal-2026"

#: The year whose decision round is open in the test world (deadline 31.05.2027).
BASIS = 2028


def basis_jahr(heute: date) -> int:
    """The Förderjahr whose decision round is open on ``heute``: its deadline is 31 May of the year
    before (VwV 2023, first round: N-1)."""
    return heute.year + 1 if (heute.month, heute.day) <= (5, 31) else heute.year + 2


def _verschoben(d: date, jahre: int) -> date:
    return d.replace(year=d.year + jahre)


KREISE = [
    # name, key, planning budget of the first demo year (plausible, not official), prefix of user names
    ("Landkreis Heilbronn", "08125", Decimal("1164320.00"), "hn"),
    ("Landkreis Göppingen", "08117", Decimal("842150.00"), "gp"),
]

VERBUND = {
    "kreis": "08125",
    "name": "Integrationsmanagement Zabergäu",
    "lead": "Brackenheim",
    "members": ["Brackenheim", "Cleebronn", "Güglingen", "Pfaffenhofen", "Zaberfeld"],
}

TRAEGER = [
    ("08125", "Caritas Heilbronn-Hohenlohe", "Deutscher Caritasverband", "Heilbronn"),
    ("08125", "Diakonisches Werk Heilbronn", "Diakonie", "Heilbronn"),
    ("08117", "Caritas Fils-Neckar-Alb", "Deutscher Caritasverband", "Göppingen"),
    ("08117", "Kreisdiakonieverband im Landkreis Göppingen", "Diakonie", "Göppingen"),
]


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    rolle: str
    organisation: str  # Kreis key, Gemeinde name, or "" for Land/Redaktion
    beschreibung: str


DEMO_USERS = [
    DemoUser("land", "Lena", "Landmann", "land", "", "Bewilligungsstelle (RP Stuttgart), liest alle Kreise"),
    DemoUser("hn-koordination", "Karla", "Koch", "koordination", "08125", "Koordinierende Stelle Heilbronn"),
    DemoUser(
        "hn-koordination2", "Konrad", "Kugler", "koordination", "08125", "zweite Person (Vier-Augen-Prinzip)"
    ),
    DemoUser("hn-finanzen", "Fritz", "Fink", "finanzen", "08125", "Kämmerei Landkreis Heilbronn"),
    DemoUser(
        "gp-koordination", "Greta", "Gruber", "koordination", "08117", "Koordinierende Stelle Göppingen"
    ),
    DemoUser(
        "gp-koordination2", "Gustav", "Graf", "koordination", "08117", "zweite Person (Vier-Augen-Prinzip)"
    ),
    DemoUser("gp-finanzen", "Frieda", "Frey", "finanzen", "08117", "Kämmerei Landkreis Göppingen"),
    DemoUser(
        "nordheim", "Nico", "Neumann", "gemeinde", "Nordheim", "Gemeinde Nordheim (Landkreis Heilbronn)"
    ),
    DemoUser(
        "brackenheim",
        "Berta",
        "Brandt",
        "gemeinde",
        "Brackenheim",
        "Stadt Brackenheim, federführend im Verbund",
    ),
    DemoUser(
        "gueglingen",
        "Gesa",
        "Günther",
        "gemeinde",
        "Güglingen",
        "Stadt Güglingen, Partnerin im Verbund Zabergäu",
    ),
    DemoUser(
        "cleebronn", "Clara", "Cramer", "gemeinde", "Cleebronn", "Gemeinde Cleebronn, Partnerin im Verbund"
    ),
    DemoUser(
        "pfaffenhofen",
        "Paul",
        "Pfeiffer",
        "gemeinde",
        "Pfaffenhofen",
        "Gemeinde Pfaffenhofen, Partnerin im Verbund",
    ),
    DemoUser(
        "zaberfeld", "Zoe", "Zeller", "gemeinde", "Zaberfeld", "Gemeinde Zaberfeld, Partnerin im Verbund"
    ),
    DemoUser("goeppingen", "Gerd", "Gauss", "gemeinde", "Göppingen", "Stadt Göppingen (Landkreis Göppingen)"),
    DemoUser(
        "redaktion",
        "Rita",
        "Roth",
        "redaktion",
        "",
        "Redaktion: entwirft Hinweisseiten (ohne Veröffentlichen)",
    ),
    DemoUser("freigabe", "Fabian", "Frei", "redaktion", "", "Redaktionsleitung: prüft und gibt Seiten frei"),
]
OPERATOR = DemoUser("betrieb", "Bernd", "Betrieb", "", "", "Betrieb (Superuser, Django-Verwaltung)")


def _created(obj, created: bool):
    if created:
        record_event("organisation.angelegt", obj, actor=None)
    return obj


def seed_organisations(verbund_jahre=(BASIS - 3, BASIS - 2)) -> tuple[Land, dict[str, Kreis]]:
    """``verbund_jahre``: the years the Verbund Zabergäu is recorded for without a decision (the
    history of ``make run`` records it through the accepted decisions instead)."""
    land, created = Land.objects.get_or_create(name="Baden-Württemberg")
    _created(land, created)
    kreise = {}
    for name, key, _budget, _prefix in KREISE:
        kreis, created = Kreis.objects.get_or_create(
            schluessel=key, defaults={"name": name, "land": land, "art": Kreis.Art.LANDKREIS}
        )
        kreise[key] = _created(kreis, created)
    with DATA.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            gemeinde, created = Gemeinde.objects.get_or_create(
                ags=row["ags"],
                defaults={
                    "name": row["name"],
                    "kreis": kreise[row["kreis_schluessel"]],
                    "ags_generiert": row["ags_quelle"] != "amtlich",
                },
            )
            _created(gemeinde, created)
    for key, name, verband, ort in TRAEGER:
        traeger, created = Traeger.objects.get_or_create(
            kreis=kreise[key], name=name, defaults={"verband": verband, "ort": ort}
        )
        _created(traeger, created)
    if not verbund_jahre:
        return land, kreise
    kreis = kreise[VERBUND["kreis"]]
    lead = Gemeinde.objects.get(kreis=kreis, name=VERBUND["lead"])
    verbund, created = Verbund.objects.get_or_create(
        kreis=kreis, name=VERBUND["name"], defaults={"federfuehrend": lead}
    )
    if created:
        record_event("verbund.angelegt", verbund, actor=None)
    for jahr in verbund_jahre:
        for member_name in VERBUND["members"]:
            member = Gemeinde.objects.get(kreis=kreis, name=member_name)
            VerbundMitglied.objects.get_or_create(verbund=verbund, gemeinde=member, jahr=jahr)
    return land, kreise


def seed_users(land: Land, kreise: dict[str, Kreis]) -> None:
    operator, created = User.objects.get_or_create(
        username=OPERATOR.username,
        defaults={
            "first_name": OPERATOR.first_name,
            "last_name": OPERATOR.last_name,
            "is_staff": True,
            "is_superuser": True,
            "email": "betrieb@example.org",
        },
    )
    if created:
        operator.set_password(DEMO_PASSWORD)
        operator.save()
    for demo in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=demo.username,
            defaults={
                "first_name": demo.first_name,
                "last_name": demo.last_name,
                "email": f"{demo.username}@example.org",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        organisation = {}
        if demo.rolle == "land":
            organisation = {"land": land}
        elif demo.rolle in ("koordination", "finanzen"):
            organisation = {"kreis": kreise[demo.organisation]}
        elif demo.rolle == "gemeinde":
            organisation = {"gemeinde": Gemeinde.objects.get(name=demo.organisation)}
        Mitgliedschaft.objects.get_or_create(user=user, rolle=demo.rolle, **organisation)
    for user in User.objects.filter(username__in=[OPERATOR.username, *(d.username for d in DEMO_USERS)]):
        if zwei_faktor.pflicht(user):
            TOTPDevice.objects.get_or_create(
                user=user, name="Demo-Authenticator", defaults={"key": demo_totp_key(user.username)}
            )
    # Editors draft in the Wagtail admin; the Redaktionsleitung approves (moderation workflow).
    editors, moderators = editor_groups()
    User.objects.get(username="redaktion").groups.add(editors)
    User.objects.get(username="freigabe").groups.add(moderators)


def seed_programme(land: Land, basis: int = BASIS) -> Foerderprogramm:
    """The VwV's programme; its dates are those of the VwV 2023's first round, moved with ``basis``."""
    v = basis - BASIS
    programm, created = Foerderprogramm.objects.get_or_create(
        kurzname="VwV IM 2023 BW",
        defaults={
            "name": "VwV Integrationsmanagement 2023 (BW)",
            "land": land,
            "gueltig_ab": _verschoben(date(2025, 1, 1), v),
            "gueltig_bis": _verschoben(date(2029, 12, 31), v),
            "referenzjahr": basis - 3,
            "zaehlzeitraum_von": _verschoben(date(2020, 1, 1), v),
            "zaehlzeitraum_bis": _verschoben(date(2022, 12, 31), v),
            "frist_zielgruppen_meldung": _verschoben(date(2023, 10, 31), v),
            "frist_uebersicht": _verschoben(date(2023, 12, 31), v),
            "frist_entscheidung": _verschoben(date(2024, 5, 31), v),
            "frist_kennzahlen": _verschoben(date(2026, 3, 31), v),
            "frist_verwendungsnachweis": _verschoben(date(2026, 3, 31), v),
            "beginn_kennzahlen": _verschoben(date(2025, 1, 1), v),
            "beginn_verwendungsnachweis": _verschoben(date(2026, 1, 1), v),
        },
    )
    if created:
        record_event("foerderprogramm.angelegt", programm, actor=None)
    return programm


def seed_foerderjahre(programm: Foerderprogramm, kreise: dict[str, Kreis], basis: int = BASIS) -> None:
    """The first two years (``basis`` - 3 and - 2), published."""
    for _name, key, budget, prefix in KREISE:
        kreis = kreise[key]
        coordinator = User.objects.get(username=f"{prefix}-koordination")
        fj = Foerderjahr.objects.filter(kreis=kreis, jahr=basis - 3).first()
        if fj is None:
            fj = funding.foerderjahr_anlegen(programm, kreis, basis - 3, budget, coordinator)
        if fj.status == Foerderjahr.Status.ENTWURF:
            funding.foerderjahr_veroeffentlichen(fj, coordinator)
        fj2026 = Foerderjahr.objects.filter(kreis=kreis, jahr=basis - 2).first()
        if fj2026 is None:
            fj2026 = funding.foerderjahr_fortschreiben(fj, coordinator)
            # the second year: a slightly higher budget (the Land's figures move every year).
            funding.foerderjahr_aendern(
                fj2026, {"planungsrahmen": (budget * Decimal("1.03")).quantize(Decimal("0.01"))}, coordinator
            )
        if fj2026.status == Foerderjahr.Status.ENTWURF:
            funding.foerderjahr_veroeffentlichen(fj2026, coordinator)


def demo_anzahl(ags: str, jahr: int) -> int:
    """Invented but stable target-group counts for the demo (not official figures)."""
    return (int(ags[-3:]) * 37 + jahr * 11) % 160 + 4


def seed_verteilungen(kreise: dict[str, Kreis]) -> None:
    from portal.funding.verteilung import Zielgruppenmeldung
    from portal.funding.verteilung_services import (
        meldung_erfassen,
        verteilung_berechnen,
        verteilung_veroeffentlichen,
    )

    for _name, key, _budget, prefix in KREISE:
        coordinator = User.objects.get(username=f"{prefix}-koordination")
        for fj in Foerderjahr.objects.filter(kreis=kreise[key]):
            if not Zielgruppenmeldung.objects.filter(foerderjahr=fj).exists():
                for gemeinde in Gemeinde.objects.filter(kreis=fj.kreis):
                    meldung_erfassen(
                        fj,
                        gemeinde,
                        demo_anzahl(gemeinde.ags, fj.jahr),
                        coordinator,
                        begruendung="Übernahme aus der bisherigen Excel-Erhebung (Demodaten)",
                    )
            if not fj.verteilungen.exists():
                verteilung_veroeffentlichen(verteilung_berechnen(fj, coordinator), coordinator)


@transaction.atomic
def seed_demo(folgejahre: bool = True, geschichte: bool = False) -> bool:
    """The demo. ``folgejahre=False`` stops after the first two years. ``geschichte=True`` builds the
    demo of ``make run`` instead: the years relative to today, the years before
    the open round played through (portal/start/geschichte.py); it is built once, on an empty
    database. Returns whether anything was built."""
    if geschichte:
        from portal.start.geschichte import demo_mit_geschichte

        return demo_mit_geschichte()
    land, kreise = seed_organisations()
    seed_users(land, kreise)
    programm = seed_programme(land)
    seed_foerderjahre(programm, kreise)
    seed_verteilungen(kreise)
    if folgejahre:
        seed_folgejahre()
    seed_content()
    return True


def seed_folgejahre(basis: int = BASIS, bestaetigt_von=(), beschluss_datum: date | None = None) -> None:
    """Förderjahre ``basis`` - 1 and ``basis`` (copied forward unchanged, with counts and published
    allocations); the decision round of ``basis`` is open in both Kreise, and the Verbund Zabergäu (led
    by Brackenheim) has submitted and waits for its partners (log in as ``gueglingen``); the partners
    named in ``bestaetigt_von`` have confirmed already."""
    from portal.organisations.models import Traeger
    from workflows.optin import services as optin

    kreise = {k.schluessel: k for k in Kreis.objects.all()}
    for _name, key, _budget, prefix in KREISE:
        coordinator = User.objects.get(username=f"{prefix}-koordination")
        kreis = kreise[key]
        if not kreis.iban:  # invented accounts with valid check digits (not the real Kreiskassen)
            kreis.kontoinhaber = f"Kreiskasse {kreis.name}"
            kreis.iban = IBAN.generate("DE", bank_code=DEMO_BLZ[key], account_code="1000" + key).compact
            kreis.save(update_fields=["kontoinhaber", "iban"])
        vorjahr = Foerderjahr.objects.get(kreis=kreise[key], jahr=basis - 2)
        for jahr in (basis - 1, basis):
            fj = Foerderjahr.objects.filter(kreis=kreise[key], jahr=jahr).first()
            if fj is None:
                fj = funding.foerderjahr_fortschreiben(vorjahr, coordinator)
            if fj.status == Foerderjahr.Status.ENTWURF:
                funding.foerderjahr_veroeffentlichen(fj, coordinator)
            vorjahr = fj
    seed_verteilungen(kreise)
    for _name, key, _budget, prefix in KREISE:
        fj = Foerderjahr.objects.get(kreis=kreise[key], jahr=basis)
        if not hasattr(fj, "entscheidungsrunde"):
            optin.runde_eroeffnen(fj, User.objects.get(username=f"{prefix}-koordination"))
    fj = Foerderjahr.objects.get(kreis=kreise["08125"], jahr=basis)
    brackenheim = fj.entscheidungen.get(gemeinde__name="Brackenheim")
    if brackenheim.status == "offen":
        from django.core.files.base import ContentFile

        partner = list(
            Gemeinde.objects.filter(
                kreis=fj.kreis, name__in=["Cleebronn", "Güglingen", "Pfaffenhofen", "Zaberfeld"]
            )
        )
        optin.einreichen(
            brackenheim,
            optin.Einreichung(
                wahl="verbund",
                partner=partner,
                federfuehrend=brackenheim.gemeinde,
                verbund_name="Integrationsmanagement Zabergäu",
                stellen=[
                    optin.StellenAngabe(Decimal("1.00"), date(basis, 1, 1), "studium"),
                    optin.StellenAngabe(
                        Decimal("0.50"),
                        date(basis, 1, 1),
                        "studium",
                        Traeger.objects.filter(kreis=fj.kreis).first(),
                    ),
                ],
                beschluss_datum=beschluss_datum or date(basis - 2, 2, 20),  # always before today
                beschluss_datei=ContentFile(DEMO_PDF, name="gemeinderatsbeschluss-brackenheim.pdf"),
                ansprechperson="Berta Brandt",
                ansprechperson_email="brackenheim@example.org",
            ),
            User.objects.get(username="brackenheim"),
        )
        for name in bestaetigt_von:
            bestaetigung = brackenheim.bestaetigungen.get(gemeinde__name=name)
            optin.partner_antworten(bestaetigung, True, "", gemeinde_login(name))


def gemeinde_login(name: str) -> User:
    """The demo login of a Gemeinde (by the Gemeinde's name)."""
    return User.objects.get(username=next(u.username for u in DEMO_USERS if u.organisation == name))


#: Bank codes for the invented demo accounts of the Kreiskassen.
DEMO_BLZ = {"08125": "62050000", "08117": "61050000"}


def kleines_pdf(fuellung: bytes = b"") -> bytes:
    """A minimal valid one-page PDF (with cross-reference table and ``startxref``, as a parser needs);
    ``fuellung`` (a comment line) after the header makes it as large as a test needs."""
    objekte = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>",
    ]
    inhalt, offsets = bytearray(b"%PDF-1.4\n" + fuellung), []
    for nr, objekt in enumerate(objekte, start=1):
        offsets.append(len(inhalt))
        inhalt += b"%d 0 obj" % nr + objekt + b"endobj\n"
    xref = len(inhalt)
    inhalt += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objekte) + 1)
    inhalt += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    inhalt += b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objekte) + 1, xref)
    return bytes(inhalt)


#: A minimal valid one-page PDF for the demo's council resolution.
DEMO_PDF = kleines_pdf()


def demo_totp_key(username: str) -> str:
    """The demo users' authenticator keys are derived from the user name (demo only, never production)."""
    return hashlib.sha1(f"demo-totp-{username}".encode()).hexdigest()  # noqa: S324 - a demo key, not a hash


def demo_logins() -> list[tuple[str, str]]:
    return [(OPERATOR.username, OPERATOR.beschreibung)] + [(u.username, u.beschreibung) for u in DEMO_USERS]
