"""The register of a Förderjahr's decisions: one row per Gemeinde (for the page) and the same as a table
(for CSV, XLSX and the Prüfakte)."""

from django.db.models import Sum
from django.utils.translation import gettext as _

from portal.funding.models import Foerderjahr
from portal.funding.verteilung_services import veroeffentlichte_verteilung
from workflows.optin.models import Partnerbestaetigung, Status, Stelle, Wahl


def register_zeilen(fj: Foerderjahr, entscheidungen) -> list[dict]:
    """One row per Gemeinde: its status (partners of a Verbund show the Verbund's), choice and VZÄ."""
    verteilung = veroeffentlichte_verteilung(fj)
    anteile = {a.gemeinde_id: a.anteil for a in verteilung.anteile.all()} if verteilung else {}
    vzae = dict(
        Stelle.objects.filter(entscheidung__foerderjahr=fj)
        .values_list("entscheidung_id")
        .annotate(s=Sum("vzae"))
        .values_list("entscheidung_id", "s")
    )
    offene_partner = {
        b.gemeinde_id: b
        for b in Partnerbestaetigung.objects.filter(entscheidung__foerderjahr=fj)
        .exclude(antwort=Partnerbestaetigung.Antwort.HINFAELLIG)
        .select_related("entscheidung__gemeinde")
        .order_by("einreichung")
    }
    rows = []
    for e in entscheidungen:
        partner_von = offene_partner.get(e.gemeinde_id)
        rows.append(
            {
                "entscheidung": e,
                "anteil": anteile.get(e.gemeinde_id),
                "vzae": vzae.get(e.pk),
                "partner_von": partner_von
                if partner_von and e.teil_von_id is None and e.status in (Status.OFFEN, Status.ENTWURF)
                else None,
            }
        )
    return rows


def register_tabelle(rows) -> list[list]:
    """The register as a table (header + one row per Gemeinde) for CSV, XLSX and the Prüfakte."""
    table = [
        [
            _("AGS"),
            _("Gemeinde"),
            _("Status"),
            _("Entscheidung"),
            _("Verbund"),
            _("federführend"),
            _("VZÄ"),
            _("Anteil (EUR)"),
            _("eingereicht am"),
            _("nach der Frist"),
            _("Ansprechperson"),
        ]
    ]
    for r in rows:
        e = r["entscheidung"]
        verbund = e.teil_von or e
        table.append(
            [
                e.gemeinde.ags,
                e.gemeinde.name,
                e.get_status_display(),
                e.get_wahl_display() if e.wahl else "",
                verbund.verbund_name if e.wahl == Wahl.VERBUND else "",
                str(verbund.federfuehrend or "") if e.wahl == Wahl.VERBUND else "",
                r["vzae"],
                r["anteil"],
                e.eingereicht_am,
                _("ja") if e.verspaetet else "",
                e.ansprechperson,
            ]
        )
    return table
