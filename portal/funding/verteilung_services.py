"""The doors for counts and allocation: report a count, import counts, calculate and publish the
Mittelverteilung. Each checks permission, writes new versions (never overwrites) and an audit event."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit.services import diff, record_event
from portal.funding.fristen import ist_verspaetet
from portal.funding.models import Foerderjahr
from portal.funding.services import als_verwendet_markieren
from portal.funding.verteilung import Mittelverteilung, Verteilungsanteil, Zielgruppenmeldung
from portal.funding.verteilungsrechnung import VerteilungsFehler, verteile
from portal.funding.zaehltabelle import Zeile, read_counts
from portal.organisations.models import Gemeinde
from portal.permissions import require


def _locked(fj: Foerderjahr) -> Foerderjahr:
    """Serialises version numbers per Förderjahr (two coordinators at once get consecutive versions)."""
    return Foerderjahr.objects.select_for_update().get(pk=fj.pk)


def aktuelle_meldungen(fj: Foerderjahr) -> dict[int, Zielgruppenmeldung]:
    """The latest Meldung per Gemeinde id."""
    return {m.gemeinde_id: m for m in Zielgruppenmeldung.objects.filter(foerderjahr=fj).aktuell()}


@transaction.atomic
def meldung_erfassen(
    fj, gemeinde, anzahl: int, actor, begruendung: str = "", quelle: str = Zielgruppenmeldung.Quelle.PORTAL
) -> Zielgruppenmeldung:
    require(actor, "meldung.erfassen", (fj, gemeinde))
    fj = _locked(fj)
    if gemeinde.kreis_id != fj.kreis_id:
        raise ValidationError(_("Die Gemeinde gehört nicht zu diesem Kreis."))
    if not isinstance(anzahl, int) or anzahl < 0:
        raise ValidationError({"anzahl": _("Bitte eine ganze Zahl ab 0 angeben.")})
    late = ist_verspaetet(timezone.now(), fj.frist_zielgruppen_meldung)
    begruendung = (begruendung or "").strip()
    if late and not begruendung:
        raise ValidationError(
            {"begruendung": _("Nach der Meldefrist ist eine Korrektur nur mit Begründung möglich.")}
        )
    last = Zielgruppenmeldung.objects.filter(foerderjahr=fj, gemeinde=gemeinde).order_by("-version").first()
    if last is not None and last.anzahl == anzahl:
        return last
    meldung = Zielgruppenmeldung.objects.create(
        foerderjahr=fj,
        gemeinde=gemeinde,
        version=(last.version + 1) if last else 1,
        anzahl=anzahl,
        quelle=quelle,
        verspaetet=late,
        begruendung=begruendung,
        erfasst_von=actor,
    )
    record_event(
        "meldung.korrigiert" if late else "meldung.erfasst",
        meldung,
        actor=actor,
        begruendung=begruendung,
        aenderungen=diff({"anzahl": last.anzahl if last else None}, {"anzahl": anzahl}),
    )
    return meldung


@dataclass
class Vorschauzeile:
    zeile: Zeile
    gemeinde: Gemeinde | None
    bisher: int | None

    @property
    def status(self) -> str:
        if self.gemeinde is None:
            return "fehler"
        if self.bisher is None:
            return "neu"
        return "unveraendert" if self.bisher == self.zeile.anzahl else "geaendert"


def import_vorschau(
    fj: Foerderjahr, raw: bytes, filename: str
) -> tuple[list[Vorschauzeile], list[str], list[str]]:
    """(rows, errors, warnings) of a count file, before anything is saved."""
    errors: list[str] = []
    zeilen = read_counts(raw, filename, errors)
    gemeinden = {g.ags: g for g in Gemeinde.objects.filter(kreis=fj.kreis)}
    current = aktuelle_meldungen(fj)
    rows, warnings = [], []
    for z in zeilen:
        gemeinde = gemeinden.get(z.ags)
        if gemeinde is None:
            errors.append(
                _("Zeile %(line)s: AGS %(ags)s gehört zu keiner Gemeinde im %(kreis)s.")
                % {"line": z.zeile_nr, "ags": z.ags, "kreis": fj.kreis}
            )
        elif z.name and z.name.casefold() != gemeinde.name.casefold():
            warnings.append(
                _("Zeile %(line)s: Name „%(name)s“ weicht ab; der AGS gehört zu %(gemeinde)s.")
                % {"line": z.zeile_nr, "name": z.name, "gemeinde": gemeinde.name}
            )
        bisher = current.get(gemeinde.pk).anzahl if gemeinde and gemeinde.pk in current else None
        rows.append(Vorschauzeile(z, gemeinde, bisher))
    missing = sorted(set(gemeinden) - {z.ags for z in zeilen})
    if zeilen and missing:
        warnings.append(
            _("%(n)s Gemeinden des Kreises fehlen in der Datei; ihre bisherigen Meldungen bleiben.")
            % {"n": len(missing)}
        )
    return rows, errors, warnings


@transaction.atomic
def meldungen_importieren(fj: Foerderjahr, raw: bytes, filename: str, actor, begruendung: str = "") -> int:
    """Save every changed count of the file as a new version; all or nothing."""
    require(actor, "verteilung.bearbeiten", fj)
    rows, errors, _warnings = import_vorschau(fj, raw, filename)
    if errors:
        raise ValidationError(errors)
    changed = 0
    for row in rows:
        if row.status in ("neu", "geaendert"):
            meldung_erfassen(
                fj,
                row.gemeinde,
                row.zeile.anzahl,
                actor,
                begruendung=begruendung,
                quelle=Zielgruppenmeldung.Quelle.IMPORT,
            )
            changed += 1
    record_event(
        "meldungen.importiert",
        fj,
        actor=actor,
        begruendung=begruendung,
        aenderungen={"datei": filename, "zeilen": len(rows), "geaendert": changed},
    )
    return changed


@transaction.atomic
def verteilung_berechnen(fj: Foerderjahr, actor, begruendung: str = "") -> Mittelverteilung:
    """A new draft version from the current counts (Gemeinden without a Meldung count 0)."""
    require(actor, "verteilung.bearbeiten", fj)
    fj = _locked(fj)
    begruendung = (begruendung or "").strip()
    if fj.verteilungen.filter(status=Mittelverteilung.Status.VEROEFFENTLICHT).exists() and not begruendung:
        raise ValidationError(
            {
                "begruendung": _(
                    "Es gibt bereits eine veröffentlichte Verteilung: "
                    "eine Neuberechnung braucht eine Begründung."
                )
            }
        )
    current = aktuelle_meldungen(fj)
    gemeinden = list(Gemeinde.objects.filter(kreis=fj.kreis, aktiv=True).order_by("ags"))
    counts = [(g.ags, current[g.pk].anzahl if g.pk in current else 0) for g in gemeinden]
    try:
        anteile = verteile(fj.planungsrahmen, counts)
    except VerteilungsFehler as e:
        raise ValidationError(_("Die Verteilung ist nicht möglich: es liegen keine Personen vor.")) from e
    version = (fj.verteilungen.aggregate(m=Max("version"))["m"] or 0) + 1
    verteilung = Mittelverteilung.objects.create(
        foerderjahr=fj,
        version=version,
        gesamtbetrag=fj.planungsrahmen,
        personen=sum(c for _, c in counts),
        begruendung=begruendung,
        berechnet_von=actor,
    )
    Verteilungsanteil.objects.bulk_create(
        Verteilungsanteil(verteilung=verteilung, gemeinde=g, anzahl=a.anzahl, anteil=a.betrag)
        for g, a in zip(gemeinden, anteile, strict=True)
    )
    record_event(
        "verteilung.berechnet",
        verteilung,
        actor=actor,
        begruendung=begruendung,
        aenderungen={
            "gesamtbetrag": {"vorher": None, "nachher": str(verteilung.gesamtbetrag)},
            "personen": {"vorher": None, "nachher": verteilung.personen},
        },
    )
    return verteilung


@transaction.atomic
def verteilung_veroeffentlichen(verteilung: Mittelverteilung, actor) -> Mittelverteilung:
    """Makes the overview visible to every Gemeinde of the Kreis; an earlier published version is
    marked as replaced and stays readable."""
    require(actor, "verteilung.bearbeiten", verteilung.foerderjahr)
    fj = _locked(verteilung.foerderjahr)
    verteilung = Mittelverteilung.objects.get(pk=verteilung.pk)
    if verteilung.status != Mittelverteilung.Status.ENTWURF:
        raise ValidationError(_("Nur ein Entwurf kann veröffentlicht werden."))
    fj.verteilungen.filter(status=Mittelverteilung.Status.VEROEFFENTLICHT).update(
        status=Mittelverteilung.Status.ERSETZT
    )
    verteilung.status = Mittelverteilung.Status.VEROEFFENTLICHT
    verteilung.veroeffentlicht_am = timezone.now()
    verteilung.save(update_fields=["status", "veroeffentlicht_am"])
    als_verwendet_markieren(fj)
    record_event(
        "verteilung.veroeffentlicht",
        verteilung,
        actor=actor,
        begruendung=_("nach der Frist für die Übersicht")
        if ist_verspaetet(verteilung.veroeffentlicht_am, fj.frist_uebersicht)
        else "",
    )
    return verteilung


def veroeffentlichte_verteilung(fj: Foerderjahr) -> Mittelverteilung | None:
    return fj.verteilungen.filter(status=Mittelverteilung.Status.VEROEFFENTLICHT).first()


def anteile_je_gemeinde(verteilung: Mittelverteilung | None) -> dict[int, Decimal]:
    """{gemeinde_id: share} of an allocation (empty without one), in one query."""
    if verteilung is None:
        return {}
    return dict(verteilung.anteile.values_list("gemeinde_id", "anteil"))


def gebuendelter_anteil(je_gemeinde: dict[int, Decimal], gemeinde_ids) -> Decimal:
    """The share of a recipient: its own, or a Verbund's members' shares pooled (each member once)."""
    return sum((je_gemeinde.get(g, Decimal("0.00")) for g in set(gemeinde_ids)), Decimal("0.00"))
