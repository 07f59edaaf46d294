"""The council paper a Gemeinde needs for its decision, filled in with what the portal knows: its share in
the published Mittelverteilung, what the share funds in VZÄ, the cost and the Gemeinde's own part for the
minimum position, the options (bleibt beim Landkreis / allein / im Verbund) and the deadline. The structure
is that of the templates library's Beschlussvorlage (after the Nordheim council paper, seed 000); this
module only supplies the values, so the blank and the filled paper never drift apart."""

from decimal import Decimal

from portal.cms.vorlagen import beschlussvorlage_docx
from portal.core.briefe import dateiname as _dateiname
from portal.core.darstellung import anzahl, datum, dezimal, geld
from portal.funding.finanzierung import finanzierung
from portal.funding.verteilung_services import veroeffentlichte_verteilung


def werte(entscheidung) -> dict:
    fj = entscheidung.foerderjahr
    gemeinde, kreis = entscheidung.gemeinde, fj.kreis
    verteilung = veroeffentlichte_verteilung(fj)
    anteil = verteilung.anteile.filter(gemeinde=gemeinde).first() if verteilung else None
    minimum = fj.min_vzae_pro_stelle or Decimal("0.5")
    ersetzungen = {
        "[Name der Gemeinde]": f"Gemeinde {gemeinde.name}",
        "[Name des Landkreises]": str(kreis),
        "[Jahr]": str(fj.jahr),
        "[Datum der Frist, in der Regel 31. Mai des Vorjahres]": datum(fj.frist_entscheidung, sprache="de"),
        "[VZÄ, mindestens 0,5]": dezimal(minimum, sprache="de"),
    }
    zeilen = {"Geplanter Stellenumfang": f"{dezimal(minimum, sprache='de')} VZÄ (Mindeststelle)"}
    blick = [
        ["Gemeinde", gemeinde.name],
        ["Förderjahr", str(fj.jahr)],
        ["Frist für die Mitteilung an den Landkreis", datum(fj.frist_entscheidung, sprache="de")],
    ]
    if anteil is not None:
        rechnung = finanzierung(anteil.anteil, fj.referenzkosten_pro_vzae, minimum)
        betrag = geld(anteil.anteil, sprache="de")
        ersetzungen |= {
            "[Förderbetrag in EUR] EUR": betrag,
            "[Förderbetrag in EUR]": betrag,
            "[Anzahl]": anzahl(anteil.anzahl, sprache="de"),
            "Übersicht des Landkreises vom [Datum]": "Übersicht des Landkreises vom "
            + datum(verteilung.veroeffentlicht_am, sprache="de"),
        }
        zeilen |= {
            "Förderbetrag laut Übersicht des Landkreises": betrag,
            "Voraussichtliche Personalausgaben je Jahr": geld(rechnung.kosten, sprache="de")
            + f" ({dezimal(minimum, sprache='de')} VZÄ × {geld(fj.referenzkosten_pro_vzae, sprache='de')})",
            "Eigenanteil der Gemeinde (Ausgaben abzüglich Förderbetrag)": geld(
                rechnung.eigenanteil, sprache="de"
            )
            + " (ohne sonstige Ausgaben)",
        }
        blick += [
            ["Förderbetrag (veröffentlichte Mittelverteilung)", betrag],
            ["Davon finanzierbar", f"{dezimal(rechnung.finanzierte_vzae, sprache='de')} VZÄ"],
            [
                f"Kosten der Mindeststelle ({dezimal(minimum, sprache='de')} VZÄ)",
                geld(rechnung.kosten, sprache="de"),
            ],
            ["Eigenanteil der Gemeinde bei der Mindeststelle", geld(rechnung.eigenanteil, sprache="de")],
        ]
    else:
        blick.append(["Förderbetrag", "Der Landkreis hat die Mittelverteilung noch nicht veröffentlicht."])
    blick += [
        ["a) beim Landkreis belassen", "kein Förderbetrag, kein eigener Aufwand"],
        ["b) allein in eigener Verantwortung", "Förderbetrag, mindestens eine Stelle ganzjährig, Nachweise"],
        ["c) im Verbund", "Förderbeträge der Verbundgemeinden zusammen, federführende Gemeinde"],
    ]
    return {
        "titel": f"Beschlussvorlage: Integrationsmanagement {gemeinde.name}, Förderjahr {fj.jahr}",
        "ersetzungen": ersetzungen,
        "zeilen": zeilen,
        "auf_einen_blick": blick,
    }


def docx(entscheidung) -> bytes:
    return beschlussvorlage_docx(werte(entscheidung))


def dateiname(entscheidung) -> str:
    return _dateiname(
        "Beschlussvorlage", entscheidung.foerderjahr.jahr, entscheidung.gemeinde.name, endung="docx"
    )


def fuer_bibliothek(user) -> list[dict]:
    """The council papers of the visitor's own Gemeinden for the templates library, newest year first."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from portal.organisations.scope import scope_of
    from workflows.optin.models import Entscheidung

    gemeinden = scope_of(user).gemeinde_ids
    if not gemeinden:
        return []
    entscheidungen = (
        Entscheidung.objects.visible_to(user)
        .filter(gemeinde__in=gemeinden)
        .select_related("gemeinde", "foerderjahr")
        .order_by("-foerderjahr__jahr", "gemeinde__name")[:4]
    )
    return [
        {
            "url": reverse("optin:beschlussvorlage", args=[e.pk]),
            "titel": _("Beschlussvorlage für den Gemeinderat: %(gemeinde)s, Förderjahr %(jahr)s (DOCX)")
            % {"gemeinde": e.gemeinde.name, "jahr": e.foerderjahr.jahr},
            "hinweis": _(
                "mit Förderbetrag, finanzierbaren VZÄ, Eigenanteil der Mindeststelle und der Frist %(frist)s"
            )
            % {"frist": datum(e.foerderjahr.frist_entscheidung)},
        }
        for e in entscheidungen
    ]
