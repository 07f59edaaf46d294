"""Gesamtverwendungsnachweis: the Kreis's report for a Förderjahr – every recipient with the amounts
allocated, transferred and spent, the state of its proof and any Rückforderung, and the Kreis's own
part (the shares of the Gemeinden it serves itself). As an XLSX sheet (sums as formulas) and as a PDF
document of the Kreis."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from portal.core import briefe
from portal.core.tabellen import Summe, tabelle_xlsx
from portal.funding.verteilung_services import veroeffentlichte_verteilung
from workflows.optin.models import Status, Wahl
from workflows.transfer.models import Weiterleitung
from workflows.transfer.services import anteile, empfaenger

NULL = Decimal("0.00")


@dataclass
class Zeile:
    empfaenger: str
    zugewiesen: Decimal
    weitergeleitet: Decimal
    verausgabt: Decimal | None
    nachweis: str
    rueckforderung: Decimal


def daten(fj) -> tuple[list[Zeile], dict]:
    """The rows with a fixed number of queries, however many recipients the Kreis has."""
    bezahlt_status = [Weiterleitung.Status.BEZAHLT, Weiterleitung.Status.EMPFANGEN]
    liste = list(
        empfaenger(fj)
        .select_related("nachweis__rueckforderung", "nachweis__foerderjahr", "verbund")
        .prefetch_related("partner", "nachweis__stellen")
        .annotate(
            bezahlt=Sum("weiterleitungen__betrag", filter=Q(weiterleitungen__status__in=bezahlt_status))
        )
    )
    zugewiesen = anteile(fj, liste)
    zeilen, geprueft = [], 0
    for e in liste:
        n = getattr(e, "nachweis", None)
        r = getattr(n, "rueckforderung", None) if n else None
        geprueft += bool(n and n.status == "geprueft")
        zeilen.append(
            Zeile(
                empfaenger=str(e.verbund or e.gemeinde),
                zugewiesen=zugewiesen[e.pk] or NULL,
                weitergeleitet=e.bezahlt or NULL,
                verausgabt=n.ergebnis().ausgaben if n and n.einreichungen else None,
                nachweis=n.get_status_display() if n else _("noch nicht angelegt"),
                rueckforderung=r.betrag if r else NULL,
            )
        )
    verteilung = veroeffentlichte_verteilung(fj)
    beim_kreis = fj.entscheidungen.filter(
        Q(status=Status.BLEIBT_BEIM_LANDKREIS) | Q(status=Status.ANGENOMMEN, wahl=Wahl.LANDKREIS)
    ).values("gemeinde")
    eigener_teil = NULL
    if verteilung is not None:
        eigener_teil = (
            verteilung.anteile.filter(gemeinde__in=beim_kreis).aggregate(s=Sum("anteil"))["s"] or NULL
        )
    summen = {
        "zugewiesen": sum((z.zugewiesen for z in zeilen), NULL),
        "weitergeleitet": sum((z.weitergeleitet for z in zeilen), NULL),
        "verausgabt": sum((z.verausgabt or NULL for z in zeilen), NULL),
        "rueckforderung": sum((z.rueckforderung for z in zeilen), NULL),
        "eigener_teil": eigener_teil,
        "geprueft": geprueft,
        "empfaenger": len(zeilen),
        "land": fj.landesauszahlungen.aggregate(s=Sum("betrag"))["s"] or NULL,
        "planungsrahmen": fj.planungsrahmen,
    }
    return zeilen, summen


def _kopf():
    return [
        _("Empfänger"),
        _("zugewiesen (EUR)"),
        _("weitergeleitet (EUR)"),
        _("verausgabt (EUR)"),
        _("Verwendungsnachweis"),
        _("Rückforderung (EUR)"),
    ]


def _rows(zeilen, summen):
    """The recipients and their sum; nothing but amounts under the "(EUR)" headers, empty where a proof
    has not been submitted."""
    rows = [_kopf()]
    for z in zeilen:
        rows.append(
            [z.empfaenger, z.zugewiesen, z.weitergeleitet, z.verausgabt, z.nachweis, z.rueckforderung]
        )
    rows.append(
        [
            _("Summe Empfänger"),
            Summe(summen["zugewiesen"]),
            Summe(summen["weitergeleitet"]),
            Summe(summen["verausgabt"]),
            None,
            Summe(summen["rueckforderung"]),
        ]
    )
    return rows


def _eckdaten(fj, summen) -> list[list]:
    """The year's key figures above the table: amounts with "(EUR)" in their label, counts without."""
    return [
        [_("Gesamtverwendungsnachweis %(jahr)s – %(kreis)s") % {"jahr": fj.jahr, "kreis": fj.kreis}],
        [_("Planungsrahmen (EUR)"), summen["planungsrahmen"]],
        [_("Auszahlungen des Landes (EUR)"), summen["land"]],
        [_("Eigener Teil des Kreises, Gemeinden beim Landkreis (EUR)"), summen["eigener_teil"]],
        [_("Verwendungsnachweise geprüft"), summen["geprueft"]],
        [_("Verwendungsnachweise ausstehend"), summen["empfaenger"] - summen["geprueft"]],
    ]


def als_xlsx(fj, autor: str = "") -> bytes:
    zeilen, summen = daten(fj)
    return tabelle_xlsx(
        _("Gesamtverwendungsnachweis"),
        _rows(zeilen, summen),
        vorspann=_eckdaten(fj, summen),
        betreff=_("%(kreis)s – Förderjahr %(jahr)s") % {"kreis": fj.kreis, "jahr": fj.jahr},
        autor=autor,
    )


def als_pdf(fj) -> bytes:
    """The report as a document of the Kreis (letterhead, page numbers, PDF/A), landscape for the table."""
    zeilen, summen = daten(fj)
    kopf = briefe.briefkopf(fj.kreis)
    return briefe.pdf(
        "briefe/gesamtverwendungsnachweis.html",
        {
            "fj": fj,
            "kopf": kopf,
            "zeilen": zeilen,
            "summen": summen,
            "ausstehend": summen["empfaenger"] - summen["geprueft"],
            "datum": briefe.heute(),
        },
        titel=_("Gesamtverwendungsnachweis %(jahr)s – %(kreis)s") % {"jahr": fj.jahr, "kreis": fj.kreis},
        autor=kopf["stelle"],
    )
