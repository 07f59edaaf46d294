"""The doors of the proof of use: create the tasks after the Förderjahr, submit, review (approve with
Prüfvermerk, or return), settle a Rückforderung. Flow lock outside, transaction inside (see
``workflows.optin.services``)."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit.services import record_event
from portal.core.darstellung import datum
from portal.funding.fristen import berliner_datum, ist_verspaetet
from portal.funding.models import Foerderjahr
from portal.permissions import require
from workflows.base import erledigen
from workflows.optin.models import Entscheidung, Status, Wahl
from workflows.proof.flows import NachweisFlow
from workflows.proof.models import CHECKLISTE, NachweisStelle, Rueckforderung, Verwendungsnachweis


def mittel_erhalten(entscheidung) -> Decimal:
    """What the recipient received for the year: its paid (or confirmed) transfers."""
    from workflows.transfer.models import Weiterleitung

    return entscheidung.weiterleitungen.filter(
        status__in=[Weiterleitung.Status.BEZAHLT, Weiterleitung.Status.EMPFANGEN]
    ).aggregate(s=Sum("betrag"))["s"] or Decimal("0.00")


def noch_ohne_nachweis(fj):
    """Recipients of the year (accepted opt-in; a Verbund once) that have no proof-of-use task yet."""
    return Entscheidung.objects.filter(
        foerderjahr=fj,
        status=Status.ANGENOMMEN,
        wahl__in=[Wahl.ALLEIN, Wahl.VERBUND],
        teil_von__isnull=True,
        nachweis__isnull=True,
    )


@transaction.atomic
def nachweise_anlegen(fj, actor=None, heute: datetime.date | None = None) -> list[Verwendungsnachweis]:
    """After the Förderjahr ends, every recipient (accepted opt-in; a Verbund once) gets its proof-of-use
    task. Idempotent; run by the coordinator's button or the daily command (the Förderjahr row is locked,
    so both at once create each proof once)."""
    if actor is not None:
        require(actor, "nachweis.anlegen", fj)
    # the row is locked and read afresh: its parameters decide (e.g. the start of the proof of use)
    fj = Foerderjahr.objects.select_for_update().get(pk=fj.pk)
    heute = heute or berliner_datum(timezone.now())
    if heute < fj.beginn_verwendungsnachweis:
        raise ValidationError(
            _("Der Verwendungsnachweis beginnt erst am %(datum)s.")
            % {"datum": datum(fj.beginn_verwendungsnachweis)}
        )
    neu = []
    for e in noch_ohne_nachweis(fj).select_related("gemeinde", "federfuehrend", "verbund"):
        with transaction.atomic():
            nachweis = Verwendungsnachweis.objects.create(
                foerderjahr=fj,
                entscheidung=e,
                gemeinde=e.federfuehrend if e.wahl == Wahl.VERBUND and e.federfuehrend_id else e.gemeinde,
                verbund=e.verbund,
                mittel_erhalten=mittel_erhalten(e),
            )
            NachweisFlow.start.run(nachweis=nachweis)
            record_event("nachweis.angelegt", nachweis, actor=actor)
        neu.append(nachweis)
    return neu


@dataclass
class StellenNachweis:
    qualifikation: str
    vzae_monate: list[Decimal]
    personalkosten: Decimal
    sachkosten: Decimal = Decimal("0.00")


@dataclass
class Nachweisdaten:
    ziele: str
    kooperationspartner: str
    integrationsplaene: str
    schwierigkeiten: str
    stellen: list[StellenNachweis] = field(default_factory=list)
    eigenmittel: Decimal = Decimal("0.00")
    sonstige_zuschuesse: Decimal = Decimal("0.00")
    sachbericht_datei: object = None
    anlage: object = None


def _gesperrt(n):
    return Verwendungsnachweis.objects.select_for_update().select_related("foerderjahr__kreis").get(pk=n.pk)


def einreichen(nachweis: Verwendungsnachweis, daten: Nachweisdaten, actor) -> Verwendungsnachweis:
    with NachweisFlow.lock(nachweis.prozess.pk), transaction.atomic():
        n = _gesperrt(nachweis)
        require(actor, "nachweis.bearbeiten", n)
        errors = []
        if not daten.stellen:
            errors.append(_("Bitte geben Sie mindestens eine Stelle an."))
        for s in daten.stellen:
            if len(s.vzae_monate) != 12 or any(v < 0 or v > 1 for v in s.vzae_monate):
                errors.append(_("Je Stelle zwölf Monatswerte zwischen 0 und 1,0 VZÄ."))
        if not (daten.ziele or "").strip():
            errors.append(_("Bitte beschreiben Sie die Ziele und Ergebnisse."))
        if errors:
            raise ValidationError(errors)
        for name in ("ziele", "kooperationspartner", "integrationsplaene", "schwierigkeiten"):
            setattr(n, name, getattr(daten, name).strip())
        # what was received comes from the transfers, never from the form: it decides the Rückforderung
        n.mittel_erhalten = mittel_erhalten(n.entscheidung)
        n.eigenmittel, n.sonstige_zuschuesse = daten.eigenmittel, daten.sonstige_zuschuesse
        for name in ("sachbericht_datei", "anlage"):
            datei = getattr(daten, name)
            if datei:
                getattr(n, name).save(datei.name, datei, save=False)
        now = timezone.now()
        n.verspaetet = ist_verspaetet(now, n.foerderjahr.frist_verwendungsnachweis)
        n.status = Verwendungsnachweis.Status.EINGEREICHT
        n.eingereicht_am, n.eingereicht_von = now, actor
        n.einreichungen += 1
        n.rueckgabe_grund = ""
        n.entwurf = {}
        n.save()
        n.stellen.all().delete()
        NachweisStelle.objects.bulk_create(
            NachweisStelle(
                nachweis=n,
                nummer=i,
                qualifikation=s.qualifikation,
                vzae_monate=[str(v) for v in s.vzae_monate],
                personalkosten=s.personalkosten,
                sachkosten=s.sachkosten,
            )
            for i, s in enumerate(daten.stellen, 1)
        )
        ergebnis = n.ergebnis()
        record_event(
            "nachweis.eingereicht",
            n,
            actor=actor,
            aenderungen={
                "ausgaben": ergebnis.ausgaben,
                "mittel_erhalten": ergebnis.mittel_erhalten,
                "ueberschuss": ergebnis.ueberschuss,
                "monate_unter_minimum": ergebnis.monate_unter_minimum,
                "verspaetet": n.verspaetet,
            },
        )
        erledigen(n.prozess, NachweisFlow.instance.einreichen, actor)
    return n


@transaction.atomic
def entwurf_gespeichert(nachweis, actor) -> None:
    """The first saved draft turns "offen" into "Entwurf", an event like every change of status (later
    saves are not events)."""
    if nachweis.status == Verwendungsnachweis.Status.OFFEN:
        Verwendungsnachweis.objects.filter(pk=nachweis.pk, status="offen").update(status="entwurf")
        nachweis.status = Verwendungsnachweis.Status.ENTWURF
        record_event("nachweis.entwurf_begonnen", nachweis, actor=actor)


def pruefen(nachweis, annehmen: bool, checkliste: dict, pruefvermerk: str, actor) -> Verwendungsnachweis:
    """Approve with the Prüfvermerk (every checklist item ticked), or return with a reason. Approval
    with a surplus creates the Rückforderung."""
    pruefvermerk = (pruefvermerk or "").strip()
    with NachweisFlow.lock(nachweis.prozess.pk), transaction.atomic():
        n = _gesperrt(nachweis)
        require(actor, "nachweis.pruefen", n)
        n.checkliste = {key: bool(checkliste.get(key)) for key, _label in CHECKLISTE}
        if not pruefvermerk:
            raise ValidationError(
                {"pruefvermerk": _("Bitte den Prüfvermerk eintragen (bei Rückgabe: was nachzuarbeiten ist).")}
            )
        if annehmen:
            n.mittel_erhalten = mittel_erhalten(
                n.entscheidung
            )  # transfers paid since the submission count too
            offen = [str(label) for key, label in CHECKLISTE if not n.checkliste[key]]
            if offen:
                raise ValidationError(
                    {
                        "checkliste": _("Vor der Annahme bitte alle Punkte prüfen: %(punkte)s")
                        % {"punkte": ", ".join(offen)}
                    }
                )
            n.status = Verwendungsnachweis.Status.GEPRUEFT
            n.pruefvermerk = pruefvermerk
            n.geprueft_am, n.geprueft_von = timezone.now(), actor
            n.save()
            record_event("nachweis.geprueft", n, actor=actor, begruendung=pruefvermerk)
            ueberschuss = n.ergebnis().ueberschuss
            if ueberschuss > 0:
                r = Rueckforderung.objects.create(
                    nachweis=n,
                    betrag=ueberschuss,
                    faellig_am=berliner_datum(timezone.now())
                    + datetime.timedelta(days=n.foerderjahr.rueckforderung_zahlungsfrist_tage),
                    zinshinweis=n.foerderjahr.rueckforderung_zinshinweis,
                )
                record_event(
                    "rueckforderung.angelegt",
                    r,
                    actor=actor,
                    aenderungen={"betrag": r.betrag, "faellig_am": r.faellig_am},
                )
        else:
            n.status = Verwendungsnachweis.Status.ZURUECKGEGEBEN
            n.rueckgabe_grund = pruefvermerk
            n.save()
            record_event("nachweis.zurueckgegeben", n, actor=actor, begruendung=pruefvermerk)
        erledigen(n.prozess, NachweisFlow.instance.pruefen, actor)
    return n


@transaction.atomic
def rueckforderung_begleichen(
    r: Rueckforderung, datum: datetime.date, buchungsreferenz: str, actor
) -> Rueckforderung:
    r = Rueckforderung.objects.select_for_update().select_related("nachweis__foerderjahr").get(pk=r.pk)
    require(actor, "rueckforderung.begleichen", r)
    if not (buchungsreferenz or "").strip():
        raise ValidationError({"buchungsreferenz": _("Bitte die Buchungsreferenz angeben.")})
    r.status, r.beglichen_am, r.buchungsreferenz = (
        Rueckforderung.Status.BEGLICHEN,
        datum,
        buchungsreferenz.strip(),
    )
    r.save()
    record_event("rueckforderung.beglichen", r, actor=actor, aenderungen={"beglichen_am": datum})
    return r
