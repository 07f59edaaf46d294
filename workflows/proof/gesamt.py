"""Gesamtverwendungsnachweis: the Kreis's report for a Förderjahr – every recipient with the amounts
allocated, transferred and spent, the state of its proof and any Rückforderung, and the Kreis's own
part (the shares of the Gemeinden it serves itself). As rows for XLSX and PDF."""

import io
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from portal.core.tabellen import tabelle_xlsx
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
    rows = [_kopf()]
    for z in zeilen:
        rows.append(
            [
                z.empfaenger,
                z.zugewiesen,
                z.weitergeleitet,
                z.verausgabt if z.verausgabt is not None else "",
                z.nachweis,
                z.rueckforderung,
            ]
        )
    rows.append(
        [
            _("Summe Empfänger"),
            summen["zugewiesen"],
            summen["weitergeleitet"],
            summen["verausgabt"],
            "",
            summen["rueckforderung"],
        ]
    )
    rows.append(
        [_("Eigener Teil des Kreises (Gemeinden beim Landkreis)"), summen["eigener_teil"], "", "", "", ""]
    )
    rows.append([_("Planungsrahmen"), summen["planungsrahmen"], "", "", "", ""])
    rows.append([_("Auszahlungen des Landes"), summen["land"], "", "", "", ""])
    rows.append(
        [
            _("Verwendungsnachweise geprüft / ausstehend"),
            summen["geprueft"],
            summen["empfaenger"] - summen["geprueft"],
            "",
            "",
            "",
        ]
    )
    return rows


def als_xlsx(fj) -> bytes:
    zeilen, summen = daten(fj)
    return tabelle_xlsx(_("Gesamtverwendungsnachweis"), _rows(zeilen, summen))


def _eur(v):
    return (
        f"{v:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
        if isinstance(v, Decimal)
        else str(v)
    )


def als_pdf(fj) -> bytes:
    zeilen, summen = daten(fj)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        title=_("Gesamtverwendungsnachweis"),
    )
    styles = getSampleStyleSheet()
    table = Table([[_eur(c) for c in row] for row in _rows(zeilen, summen)], repeatRows=1)
    table.setStyle(
        TableStyle([("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"), ("ALIGN", (1, 1), (-1, -1), "RIGHT")])
    )
    doc.build(
        [
            Paragraph(_("Gesamtverwendungsnachweis %(fj)s") % {"fj": fj}, styles["Title"]),
            Spacer(1, 5 * mm),
            table,
        ]
    )
    return buffer.getvalue()
