"""The door for Kennzahlen and the aggregations and the XLSX in the template's layout."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit.services import diff, record_event
from portal.core.darstellung import anzahl, datum
from portal.core.tabellen import Summe, tabelle_xlsx
from portal.funding.fristen import berliner_datum
from portal.organisations.scope import scope_of
from portal.permissions import require
from workflows.proof.kennzahlen import KennzahlDefinition, Kennzahlmeldung


def zu_hoch(hoechstwert: int) -> str:
    return _("Das ist unplausibel hoch (mehr als %(max)s).") % {"max": anzahl(hoechstwert)}


def pruefe_werte(definitionen, werte: dict, hoechstwert: int) -> dict:
    """Whole numbers from 0 to ``hoechstwert`` (the Förderjahr's plausibility limit)."""
    errors, clean = {}, {}
    for d in definitionen:
        value = werte.get(d.schluessel)
        if value in (None, ""):
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            errors[d.schluessel] = _("Bitte eine ganze Zahl angeben.")
        elif value < 0:
            errors[d.schluessel] = _("Die Zahl darf nicht negativ sein.")
        elif value > hoechstwert:
            errors[d.schluessel] = zu_hoch(hoechstwert)
        else:
            clean[d.schluessel] = value
    # "davon" values: a part is never more than its whole (#19)
    for d in definitionen:
        ganzes = d.teil_von
        if ganzes is None or d.schluessel not in clean or ganzes.schluessel not in clean:
            continue
        if clean[d.schluessel] > clean[ganzes.schluessel]:
            errors[d.schluessel] = _(
                "„%(teil)s“ (%(wert)s) ist größer als „%(ganzes)s“ (%(gesamt)s). Ein „davon“-Wert ist "
                "ein Teil der Gesamtzahl."
            ) % {
                "teil": d.bezeichnung,
                "wert": anzahl(clean[d.schluessel]),
                "ganzes": ganzes.bezeichnung,
                "gesamt": anzahl(clean[ganzes.schluessel]),
            }
    if errors:
        raise ValidationError(errors)
    return clean


@transaction.atomic
def kennzahlen_erfassen(fj, gemeinde, werte: dict, actor) -> Kennzahlmeldung:
    # the window first: before it begins, the rule refuses too, but this is the answer that helps
    if berliner_datum(timezone.now()) < fj.beginn_kennzahlen:
        raise ValidationError(
            _("Kennzahlen für %(jahr)s können erst ab dem %(datum)s erfasst werden.")
            % {"jahr": fj.jahr, "datum": datum(fj.beginn_kennzahlen)}
        )
    require(actor, "kennzahlen.erfassen", (fj, gemeinde))
    if gemeinde.kreis_id != fj.kreis_id:
        raise ValidationError(_("Die Gemeinde gehört nicht zu diesem Kreis."))
    clean = pruefe_werte(KennzahlDefinition.fuer_jahr(fj.jahr), werte, fj.kennzahl_hoechstwert)
    meldung = Kennzahlmeldung.objects.select_for_update().filter(foerderjahr=fj, gemeinde=gemeinde).first()
    vorher = dict(meldung.werte) if meldung else {}
    durch = (
        Kennzahlmeldung.Erfasst.KREIS
        if fj.kreis_id in scope_of(actor).koordination_kreis_ids
        else Kennzahlmeldung.Erfasst.GEMEINDE
    )
    if meldung is None:
        meldung = Kennzahlmeldung(foerderjahr=fj, gemeinde=gemeinde)
    meldung.werte, meldung.erfasst_durch, meldung.erfasst_von = clean, durch, actor
    meldung.save()
    record_event("kennzahlen.erfasst", meldung, actor=actor, aenderungen=diff(vorher, clean))
    return meldung


def summen(meldungen, definitionen) -> dict:
    return {d.schluessel: sum(m.werte.get(d.schluessel, 0) for m in meldungen) for d in definitionen}


def auswertung_xlsx(
    titel: str, zeitraum: str, spalten: list[tuple[str, dict]], definitionen, autor: str = ""
) -> bytes:
    """Sheet "Auswertung Zeitraum" in the template's layout: a title block, then one row per Kennzahl,
    one column per Gemeinde (or Kreis) and the sum in the last column."""
    kopf = [_("Kennzahl")] + [name for name, _werte in spalten] + [_("Summe")]
    zeilen = []
    for d in definitionen:
        row = [werte.get(d.schluessel) for _name, werte in spalten]  # not reported: empty, not 0
        zeilen.append([d.bezeichnung] + row + [Summe(sum(w or 0 for w in row), zeile=True)])
    return tabelle_xlsx(
        "Auswertung Zeitraum",
        [kopf, *zeilen],
        vorspann=[
            [_("Kennzahlenerhebung Integrationsmanagement")],
            [_("Zeitraum"), zeitraum],
            [_("Zuwendungsempfänger"), titel],
        ],
        fixierte_spalten=1,
        breiten={"A": 45},
        betreff=f"{titel} – {zeitraum}",
        autor=autor,
    )
