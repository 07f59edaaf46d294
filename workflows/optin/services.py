"""The doors of the opt-in decision. Each checks permission (``portal.permissions``), changes the
records, writes one audit event and moves the viewflow process on, in one transaction under the
process lock. Views, commands and tests call only these functions.

The flow lock (viewflow's ``select_for_update_lock``, NOWAIT with retries) is taken *outside* the
transaction: it opens its own, and a failed NOWAIT attempt inside an outer transaction would abort it."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.status import PROCESS, STATUS

from portal.audit.services import record_event
from portal.core.darstellung import datum, dezimal
from portal.funding.fristen import ist_verspaetet, tage_bis
from portal.funding.services import als_verwendet_markieren
from portal.organisations.models import Gemeinde, Traeger, Verbund, VerbundMitglied
from portal.permissions import require
from workflows.base import beenden, erledigen, offene_aufgabe
from workflows.optin import mails
from workflows.optin.flows import BestaetigungFlow, EntscheidungFlow
from workflows.optin.models import (
    EINGEREICHT,
    OFFENE_STATUS,
    Entscheidung,
    Entscheidungsrunde,
    Erinnerung,
    Partnerbestaetigung,
    Status,
    Stelle,
    Wahl,
)


def _gesperrt(entscheidung: Entscheidung) -> Entscheidung:
    """The decision row, locked for this transaction (two clicks or two coordinators at once)."""
    return (
        Entscheidung.objects.select_for_update()
        .select_related("foerderjahr__kreis", "gemeinde")
        .get(pk=entscheidung.pk)
    )


# --- round -----------------------------------------------------------------------------------------
@transaction.atomic
def runde_eroeffnen(fj, actor) -> Entscheidungsrunde:
    """Every active Gemeinde of the Kreis gets its Entscheidung and an open task (one that left the
    official directory, e.g. after a merger, is inactive and gets none)."""
    require(actor, "entscheidung.runde_eroeffnen", fj)
    runde = Entscheidungsrunde.objects.create(foerderjahr=fj, eroeffnet_von=actor)
    als_verwendet_markieren(fj)
    gemeinden = Gemeinde.objects.filter(kreis=fj.kreis, aktiv=True).order_by("name")
    for gemeinde in gemeinden:
        entscheidung = Entscheidung.objects.create(foerderjahr=fj, gemeinde=gemeinde)
        EntscheidungFlow.start.run(entscheidung=entscheidung)
    record_event(
        "entscheidung.runde_eroeffnet",
        runde,
        actor=actor,
        aenderungen={"gemeinden": {"vorher": None, "nachher": len(gemeinden)}},
    )
    return runde


# --- the Gemeinde's submission ----------------------------------------------------------------------
@dataclass
class StellenAngabe:
    vzae: Decimal
    beginn: datetime.date
    qualifikation: str
    traeger: Traeger | None = None


@dataclass
class Einreichung:
    """What the wizard collected (already validated field by field by its forms)."""

    wahl: str
    partner: list[Gemeinde] = field(default_factory=list)
    federfuehrend: Gemeinde | None = None
    verbund_name: str = ""
    stellen: list[StellenAngabe] = field(default_factory=list)
    beschluss_datum: datetime.date | None = None
    beschluss_datei: object = None  # an uploaded file, or None to keep the one already stored
    ansprechperson: str = ""
    ansprechperson_email: str = ""
    ansprechperson_telefon: str = ""


def _nicht_moeglich(gemeinde) -> str:
    """One neutral answer per refused partner: it names the Gemeinde the user chose, never another
    Gemeinde's decision, status or Verbund (#18, finding 7)."""
    return _(
        "%(gemeinde)s kann in diesem Jahr nicht Partnergemeinde Ihres Verbunds werden. Bitte klären Sie das "
        "mit der Gemeinde oder der koordinierenden Stelle."
    ) % {"gemeinde": gemeinde.name}


def _einmal(meldungen: list[str]) -> list[str]:
    return list(dict.fromkeys(meldungen))


def partner_fehler(entscheidung: Entscheidung, partner: list[Gemeinde]) -> list[str]:
    """Why these partners cannot join this decision's Verbund (empty if they can): one message per
    refused partner, without telling what another Gemeinde decided."""
    fj = entscheidung.foerderjahr
    errors = []
    for g in partner:
        if g.pk == entscheidung.gemeinde_id:
            errors.append(_("Ihre eigene Gemeinde ist keine Partnergemeinde."))
        elif g.kreis_id != fj.kreis_id:
            errors.append(_("Bitte wählen Sie nur Gemeinden aus Ihrem Kreis."))
    ids = [g.pk for g in partner if g.kreis_id == fj.kreis_id and g.pk != entscheidung.gemeinde_id]
    abgelehnt = set(
        Entscheidung.objects.filter(
            foerderjahr=fj, partner__in=ids, status__in=(*EINGEREICHT, Status.ANGENOMMEN)
        )
        .exclude(pk=entscheidung.pk)
        .values_list("partner", flat=True)
    ) & set(ids)
    abgelehnt |= set(
        Entscheidung.objects.filter(
            foerderjahr=fj,
            gemeinde__in=ids,
            status__in=(*EINGEREICHT, Status.ANGENOMMEN, Status.BLEIBT_BEIM_LANDKREIS),
        )
        .exclude(teil_von=entscheidung)
        .values_list("gemeinde", flat=True)
    )
    errors += [_nicht_moeglich(g) for g in partner if g.pk in abgelehnt]
    return _einmal(errors)


def verbund_fehler(entscheidung: Entscheidung, partner: list[Gemeinde], verbund_name: str) -> list[str]:
    """Partners (or the own Gemeinde) already members of another Verbund in this Förderjahr."""
    jahr = entscheidung.foerderjahr.jahr
    ids = [entscheidung.gemeinde_id] + [g.pk for g in partner]
    errors = []
    for m in VerbundMitglied.objects.filter(jahr=jahr, gemeinde__in=ids).select_related(
        "verbund", "gemeinde"
    ):
        if m.verbund.name.casefold() == (verbund_name or "").strip().casefold():
            continue
        if m.gemeinde_id == entscheidung.gemeinde_id:
            errors.append(
                _("Ihre Gemeinde ist %(jahr)s bereits Mitglied im Verbund „%(verbund)s“.")
                % {"jahr": jahr, "verbund": m.verbund.name}
            )
        else:
            errors.append(_nicht_moeglich(m.gemeinde))
    return _einmal(errors)


def mindeststelle_fehler(vzae: list[Decimal], minimum: Decimal) -> str | None:
    """VwV: at least one position of the year's minimum (0.5 VZÄ in 2025); None if that holds."""
    if not vzae:
        return _("Bitte geben Sie mindestens eine Stelle an.")
    if max(vzae) < minimum:
        return _(
            "Mindestens eine Stelle muss %(min)s VZÄ oder mehr umfassen "
            "(Mindeststellenumfang des Förderjahres)."
        ) % {"min": dezimal(minimum)}
    return None


def vzae_fehler(stellen: list[StellenAngabe], minimum: Decimal, maximum: Decimal) -> list[str]:
    """Each position 0 < VZÄ ≤ the year's maximum, and the minimum position (``mindeststelle_fehler``)."""
    errors = []
    for n, s in enumerate(stellen, 1):
        if s.vzae <= 0:
            errors.append(_("Stelle %(n)s: der Stellenumfang muss größer als 0 sein.") % {"n": n})
        elif s.vzae > maximum:
            errors.append(
                _("Stelle %(n)s: höchstens %(max)s VZÄ je Stelle.") % {"n": n, "max": dezimal(maximum)}
            )
    fehler = mindeststelle_fehler([s.vzae for s in stellen], minimum)
    return errors + ([fehler] if fehler else [])


def einreichen(entscheidung: Entscheidung, daten: Einreichung, actor) -> Entscheidung:
    """The Gemeinde submits (or resubmits after a return). A second click finds the task done and
    changes nothing."""
    process = entscheidung.prozess
    with EntscheidungFlow.lock(process.pk), transaction.atomic():
        entscheidung = _gesperrt(entscheidung)
        require(actor, "entscheidung.bearbeiten", entscheidung)
        fj = entscheidung.foerderjahr
        now = timezone.now()
        errors = []
        angefragt = (
            Partnerbestaetigung.objects.angefragt()
            .filter(gemeinde=entscheidung.gemeinde, entscheidung__foerderjahr=fj)
            .select_related("entscheidung__gemeinde")
            .first()
        )
        if angefragt is not None:
            errors.append(
                _(
                    "Ihre Gemeinde ist als Partnerin im Verbund von %(lead)s angefragt. Bitte lehnen Sie "
                    "die Teilnahme dort zuerst ab, bevor Sie selbst entscheiden."
                )
                % {"lead": angefragt.entscheidung.gemeinde.name}
            )
        if daten.wahl not in Wahl.values:
            errors.append(_("Bitte wählen Sie eine der drei Möglichkeiten."))
        if daten.wahl in (Wahl.ALLEIN, Wahl.VERBUND):
            errors += vzae_fehler(daten.stellen, fj.min_vzae_pro_stelle, fj.max_vzae_pro_stelle)
            if not daten.beschluss_datum:
                errors.append(_("Bitte geben Sie das Datum des Gemeinderatsbeschlusses an."))
            if not daten.beschluss_datei and not entscheidung.beschluss_datei:
                errors.append(_("Bitte laden Sie den Gemeinderatsbeschluss als PDF hoch."))
        if daten.wahl == Wahl.VERBUND:
            if not daten.partner:
                errors.append(_("Ein Verbund braucht mindestens eine Partnergemeinde."))
            errors += partner_fehler(entscheidung, daten.partner)
            errors += verbund_fehler(entscheidung, daten.partner, daten.verbund_name)
            mitglieder = {entscheidung.gemeinde_id, *(g.pk for g in daten.partner)}
            if daten.federfuehrend is None or daten.federfuehrend.pk not in mitglieder:
                errors.append(_("Die federführende Gemeinde muss zum Verbund gehören."))
        if errors:
            raise ValidationError(errors)

        vorher = entscheidung.get_status_display()
        entscheidung.wahl = daten.wahl
        verbund = daten.wahl == Wahl.VERBUND
        entscheidung.verbund_name = daten.verbund_name.strip() if verbund else ""
        entscheidung.federfuehrend = daten.federfuehrend if verbund else None
        entscheidung.beschluss_datum = daten.beschluss_datum
        if daten.beschluss_datei:
            entscheidung.beschluss_datei.save(daten.beschluss_datei.name, daten.beschluss_datei, save=False)
        entscheidung.ansprechperson = daten.ansprechperson
        entscheidung.ansprechperson_email = daten.ansprechperson_email
        entscheidung.ansprechperson_telefon = daten.ansprechperson_telefon
        entscheidung.verspaetet = ist_verspaetet(now, fj.frist_entscheidung)
        entscheidung.status = Status.VERSPAETET if entscheidung.verspaetet else Status.EINGEREICHT
        entscheidung.eingereicht_am = now
        entscheidung.eingereicht_von = actor
        entscheidung.einreichungen += 1
        entscheidung.rueckgabe_grund = ""
        entscheidung.entwurf = {}
        entscheidung.save()
        entscheidung.partner.set(daten.partner if verbund else [])
        entscheidung.stellen.all().delete()
        if daten.wahl != Wahl.LANDKREIS:
            Stelle.objects.bulk_create(
                Stelle(
                    entscheidung=entscheidung,
                    nummer=n,
                    vzae=s.vzae,
                    traeger=s.traeger,
                    beginn=s.beginn,
                    qualifikation=s.qualifikation,
                )
                for n, s in enumerate(daten.stellen, 1)
            )
        # the partners' confirmations exist before the event: its mails ask each partner (outbox)
        if verbund:
            for g in daten.partner:
                bestaetigung = Partnerbestaetigung.objects.create(
                    entscheidung=entscheidung, gemeinde=g, einreichung=entscheidung.einreichungen
                )
                BestaetigungFlow.start.run(bestaetigung=bestaetigung)
        record_event(
            "entscheidung.verspaetet_eingereicht" if entscheidung.verspaetet else "entscheidung.eingereicht",
            entscheidung,
            actor=actor,
            aenderungen={
                "status": {"vorher": vorher, "nachher": entscheidung.get_status_display()},
                "wahl": {"vorher": None, "nachher": entscheidung.get_wahl_display()},
                "vzae": {
                    "vorher": None,
                    "nachher": str(sum((s.vzae for s in daten.stellen), Decimal("0.00"))),
                },
                "partner": {"vorher": None, "nachher": [g.name for g in daten.partner]},
                "einreichung": {"vorher": None, "nachher": entscheidung.einreichungen},
            },
        )
        erledigen(process, EntscheidungFlow.instance.abgeben, actor)
    return entscheidung


@transaction.atomic
def entwurf_gespeichert(entscheidung: Entscheidung, actor) -> None:
    """The first saved draft turns "offen" into "Entwurf" (later saves are not events)."""
    if entscheidung.status == Status.OFFEN:
        Entscheidung.objects.filter(pk=entscheidung.pk, status=Status.OFFEN).update(status=Status.ENTWURF)
        entscheidung.status = Status.ENTWURF
        record_event("entscheidung.entwurf_begonnen", entscheidung, actor=actor)


# --- partners ----------------------------------------------------------------------------------------
def partner_antworten(bestaetigung: Partnerbestaetigung, zustimmung: bool, begruendung: str, actor):
    """A partner confirms or declines. A decline sends the decision back to the submitting Gemeinde
    with the reason; the last confirmation passes it on to the coordinator."""
    lead = bestaetigung.entscheidung
    with EntscheidungFlow.lock(lead.prozess.pk), transaction.atomic():
        lead = _gesperrt(lead)
        bestaetigung = Partnerbestaetigung.objects.select_for_update().get(pk=bestaetigung.pk)
        require(actor, "bestaetigung.beantworten", bestaetigung)
        begruendung = (begruendung or "").strip()
        if not zustimmung and not begruendung:
            raise ValidationError({"begruendung": _("Bitte begründen Sie die Ablehnung.")})
        bestaetigung.antwort = (
            Partnerbestaetigung.Antwort.BESTAETIGT if zustimmung else Partnerbestaetigung.Antwort.ABGELEHNT
        )
        bestaetigung.begruendung = begruendung
        bestaetigung.beantwortet_am = timezone.now()
        bestaetigung.beantwortet_von = actor
        bestaetigung.save()
        erledigen(bestaetigung.prozess, BestaetigungFlow.instance.bestaetigen, actor)
        record_event(
            "entscheidung.partner_bestaetigt" if zustimmung else "entscheidung.partner_abgelehnt",
            bestaetigung,
            actor=actor,
            begruendung=begruendung,
        )
        offene = lead.bestaetigungen.filter(
            einreichung=lead.einreichungen, antwort=Partnerbestaetigung.Antwort.OFFEN
        )
        if not zustimmung:
            for andere in offene.select_related("prozess"):
                andere.antwort = Partnerbestaetigung.Antwort.HINFAELLIG
                andere.save(update_fields=["antwort"])
                beenden(andere.prozess)
            lead.status = Status.ZURUECKGEGEBEN
            lead.rueckgabe_grund = _("%(gemeinde)s nimmt nicht am Verbund teil: %(grund)s") % {
                "gemeinde": bestaetigung.gemeinde.name,
                "grund": begruendung,
            }
            lead.save(update_fields=["status", "rueckgabe_grund", "geaendert_am"])
            record_event("entscheidung.zurueckgegeben", lead, actor=actor, begruendung=lead.rueckgabe_grund)
        elif offene.exists():
            return bestaetigung
        task = offene_aufgabe(lead.prozess, EntscheidungFlow.instance.bestaetigungen)
        if task is None:
            raise ValidationError(_("Die Verbundentscheidung wartet nicht mehr auf Bestätigungen."))
        EntscheidungFlow.instance.bestaetigungen.run(task)
    return bestaetigung


# --- coordinator's review ------------------------------------------------------------------------------
def pruefen(entscheidung: Entscheidung, annehmen: bool, begruendung: str, actor) -> Entscheidung:
    """Accept, or return for rework with a reason. A late submission is accepted only with a reason.
    Of two coordinators deciding at once, the second finds the decision no longer open."""
    process = entscheidung.prozess
    with EntscheidungFlow.lock(process.pk), transaction.atomic():
        entscheidung = _gesperrt(entscheidung)
        require(actor, "entscheidung.pruefen", entscheidung)
        if offene_aufgabe(process, EntscheidungFlow.instance.pruefen) is None:
            raise ValidationError(_("Die Partnergemeinden haben noch nicht alle bestätigt."))
        begruendung = (begruendung or "").strip()
        if not annehmen and not begruendung:
            raise ValidationError(
                {"begruendung": _("Bitte geben Sie an, was die Gemeinde nacharbeiten soll.")}
            )
        if annehmen and entscheidung.verspaetet and not begruendung:
            raise ValidationError(
                {
                    "begruendung": _(
                        "Die Entscheidung kam nach der Frist: die Annahme braucht eine Begründung."
                    )
                }
            )
        now = timezone.now()
        if annehmen:
            entscheidung.status = Status.ANGENOMMEN
            entscheidung.entschieden_am = now
            entscheidung.entschieden_von = actor
            entscheidung.annahme_begruendung = begruendung
            if entscheidung.ist_verbund:
                _verbund_festschreiben(entscheidung, actor)
            entscheidung.save()
            record_event("entscheidung.angenommen", entscheidung, actor=actor, begruendung=begruendung)
        else:
            entscheidung.status = Status.ZURUECKGEGEBEN
            entscheidung.rueckgabe_grund = begruendung
            entscheidung.save(update_fields=["status", "rueckgabe_grund", "geaendert_am"])
            record_event("entscheidung.zurueckgegeben", entscheidung, actor=actor, begruendung=begruendung)
        erledigen(process, EntscheidungFlow.instance.pruefen, actor)
    return entscheidung


def _verbund_festschreiben(entscheidung: Entscheidung, actor) -> None:
    """The accepted Verbund: its record for the year, and each partner's decision points to it."""
    fj = entscheidung.foerderjahr
    verbund = Verbund.objects.filter(kreis=fj.kreis, name__iexact=entscheidung.verbund_name).first()
    if verbund is None:
        verbund = Verbund.objects.create(
            kreis=fj.kreis, name=entscheidung.verbund_name, federfuehrend=entscheidung.federfuehrend
        )
        record_event("verbund.angelegt", verbund, actor=actor)
    elif verbund.federfuehrend_id != entscheidung.federfuehrend_id:
        verbund.federfuehrend = entscheidung.federfuehrend
        verbund.save(update_fields=["federfuehrend"])
    mitglieder = [entscheidung.gemeinde, *entscheidung.partner.all()]
    fehler = partner_fehler(entscheidung, mitglieder[1:]) + verbund_fehler(
        entscheidung, mitglieder[1:], verbund.name
    )
    if fehler:
        raise ValidationError(fehler)
    for g in mitglieder:
        VerbundMitglied.objects.get_or_create(verbund=verbund, gemeinde=g, jahr=fj.jahr)
    record_event(
        "verbund.mitglieder_festgelegt",
        verbund,
        actor=actor,
        aenderungen={
            "mitglieder": {"vorher": None, "nachher": sorted(g.name for g in mitglieder)},
            "jahr": fj.jahr,
        },
    )
    entscheidung.verbund = verbund
    for partner in Entscheidung.objects.filter(foerderjahr=fj, gemeinde__in=mitglieder[1:]).select_related(
        "prozess"
    ):
        partner.status = Status.ANGENOMMEN
        partner.wahl = Wahl.VERBUND
        partner.teil_von = entscheidung
        partner.verbund = verbund
        partner.entschieden_am = timezone.now()
        partner.entschieden_von = actor
        partner.save()
        beenden(partner.prozess)
        record_event(
            "entscheidung.angenommen",
            partner,
            actor=actor,
            begruendung=_("als Partner im Verbund „%(verbund)s“") % {"verbund": verbund.name},
        )


# --- deadline and reminders ----------------------------------------------------------------------------
def ohne_einreichung(fj):
    """Decisions of the year still without a submission: neither submitted themselves nor named as a
    confirmed partner of a submitted Verbund decision."""
    return (
        Entscheidung.objects.filter(foerderjahr=fj, status__in=OFFENE_STATUS, wieder_geoeffnet=False)
        .exclude(gemeinde__in=angefragte_partner(fj))
        .select_related("gemeinde", "foerderjahr__kreis", "prozess")
    )


def angefragte_partner(fj):
    """Gemeinden named (and not declining) in the current submission of a Verbund decision that is still
    submitted or accepted: they have a submission through the Verbund."""
    return Partnerbestaetigung.objects.filter(
        entscheidung__foerderjahr=fj,
        entscheidung__status__in=(*EINGEREICHT, Status.ANGENOMMEN),
        einreichung=F("entscheidung__einreichungen"),
        antwort__in=[Partnerbestaetigung.Antwort.OFFEN, Partnerbestaetigung.Antwort.BESTAETIGT],
    ).values("gemeinde")


def frist_ablaufen(now=None) -> list[Entscheidung]:
    """After the end of the deadline day: every decision without a submission is recorded as
    "bleibt beim Landkreis", each with its own audit event. Safe to run any number of times."""
    from portal.funding.models import Foerderjahr

    now = now or timezone.now()
    recorded = []
    for fj in Foerderjahr.objects.filter(entscheidungsrunde__isnull=False).exclude(
        status=Foerderjahr.Status.ABGESCHLOSSEN
    ):
        if not ist_verspaetet(now, fj.frist_entscheidung):
            continue
        for entscheidung in ohne_einreichung(fj):
            with EntscheidungFlow.lock(entscheidung.prozess.pk), transaction.atomic():
                entscheidung = _gesperrt(entscheidung)
                if entscheidung.status not in OFFENE_STATUS:
                    continue
                entscheidung.status = Status.BLEIBT_BEIM_LANDKREIS
                entscheidung.wahl = Wahl.LANDKREIS
                entscheidung.save(update_fields=["status", "wahl", "geaendert_am"])
                beenden(entscheidung.prozess)
                record_event(
                    "entscheidung.frist_abgelaufen",
                    entscheidung,
                    actor=None,
                    begruendung=_("Keine Entscheidung bis zum Ende des %(frist)s eingegangen.")
                    % {"frist": datum(fj.frist_entscheidung)},
                )
                recorded.append(entscheidung)
    return recorded


def wieder_oeffnen(entscheidung: Entscheidung, begruendung: str, actor) -> Entscheidung:
    """Reopen a decision the deadline default closed, for a late submission: the Gemeinde gets its task
    back (viewflow revives the cancelled task); the submission will count as late."""
    begruendung = (begruendung or "").strip()
    process = entscheidung.prozess
    with EntscheidungFlow.lock(process.pk), transaction.atomic():
        entscheidung = _gesperrt(entscheidung)
        require(actor, "entscheidung.wieder_oeffnen", entscheidung)
        if not begruendung:
            raise ValidationError(
                {"begruendung": _("Bitte begründen Sie, warum die Entscheidung wieder geöffnet wird.")}
            )
        task = (
            process.task_set.filter(flow_task=EntscheidungFlow.instance.abgeben, status=STATUS.CANCELED)
            .order_by("-pk")
            .first()
        )
        if task is None:
            raise ValidationError(_("Die Aufgabe der Gemeinde kann nicht wiederhergestellt werden."))
        task.flow_task.activation_class(task).revive()
        process.status, process.finished = PROCESS.NEW, None
        process.save(update_fields=["status", "finished"])
        entscheidung.status, entscheidung.wahl, entscheidung.wieder_geoeffnet = Status.OFFEN, "", True
        entscheidung.save(update_fields=["status", "wahl", "wieder_geoeffnet", "geaendert_am"])
        record_event("entscheidung.wieder_geoeffnet", entscheidung, actor=actor, begruendung=begruendung)
    return entscheidung


def erinnerungen_senden(now=None) -> list[Erinnerung]:
    """Remind Gemeinden without a submission at the Förderjahr's offsets (e.g. 28, 7, 1 days before).

    On each run, a decision gets the reminder of the nearest offset whose day has come, unless that one
    was already sent (the unique ``Erinnerung`` row): a missed cron day sends that reminder late, never
    a reminder twice and never a pile of old ones."""
    from portal.funding.models import Foerderjahr

    now = now or timezone.now()
    sent = []
    for fj in Foerderjahr.objects.filter(
        entscheidungsrunde__isnull=False, status=Foerderjahr.Status.VEROEFFENTLICHT
    ):
        left = tage_bis(now, fj.frist_entscheidung)
        if left < 0:
            continue
        due = [t for t in fj.erinnerung_tage if t >= left]
        if not due:
            continue
        stufe = min(due)
        for entscheidung in ohne_einreichung(fj).exclude(erinnerungen__tage_vorher=stufe):
            with transaction.atomic():
                erinnerung, created = Erinnerung.objects.get_or_create(
                    entscheidung=entscheidung, tage_vorher=stufe
                )
                if not created:
                    continue
                empfaenger = mails.gemeinde_empfaenger(entscheidung.gemeinde)
                erinnerung.empfaenger = ", ".join(empfaenger)
                erinnerung.save(update_fields=["empfaenger"])
                record_event(
                    "entscheidung.erinnerung_gesendet",
                    entscheidung,
                    actor=None,
                    aenderungen={"tage_vor_der_frist": stufe, "tage_verbleibend": left},
                )
                mails.erinnerung(entscheidung, left)
                sent.append(erinnerung)
    return sent
