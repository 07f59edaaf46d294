"""The doors of the Weiterleitung. Each checks permission, changes the record, writes one audit event
and moves the process on, in one transaction under the flow lock (taken outside the transaction, see
``workflows.optin.services``).

Invariants, enforced inside the approving transaction (the Förderjahr row is locked, so approvals of
one Kreis and year are serialised):
* the approved transfers of a Förderjahr never exceed what the Land paid the Kreis for it;
* a recipient gets at most one transfer per Förderjahr and tranche (also a database constraint);
* of two coordinators approving at once, the second finds the transfer no longer waiting.
"""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit.services import diff, record_event
from portal.core.darstellung import geld
from portal.core.iban import bic_pruefen, iban_maskiert, iban_pruefen
from portal.funding.models import Foerderjahr
from portal.funding.verteilung_services import (
    anteile_je_gemeinde,
    gebuendelter_anteil,
    veroeffentlichte_verteilung,
)
from portal.permissions import require
from workflows.base import erledigen, offene_aufgabe
from workflows.optin.models import Entscheidung, Status, Wahl
from workflows.transfer import dokumente
from workflows.transfer.flows import WeiterleitungFlow
from workflows.transfer.models import Landesauszahlung, Weiterleitung

CENT = Decimal("0.01")


def _betrag(value) -> Decimal:
    if isinstance(value, str) and not re.fullmatch(r"[0-9]+(\.[0-9]+)?", value.strip()):
        # "1e9", "NaN", full-width digits: an amount is plain ASCII digits (#18, finding 6)
        raise ValidationError({"betrag": _("Bitte einen Betrag in Euro angeben, z. B. 12345,67.")})
    try:
        betrag = Decimal(value)
    except (ArithmeticError, TypeError, ValueError) as e:
        raise ValidationError({"betrag": _("Bitte einen Betrag in Euro angeben, z. B. 12345,67.")}) from e
    if betrag <= 0:
        raise ValidationError({"betrag": _("Der Betrag muss größer als 0 sein.")})
    if betrag != betrag.quantize(CENT):
        raise ValidationError({"betrag": _("Bitte höchstens zwei Nachkommastellen (ganze Cent) angeben.")})
    return betrag.quantize(CENT)


# --- recipients ---------------------------------------------------------------------------------------
def empfaenger(fj: Foerderjahr):
    """Accepted opt-in decisions that receive money: Gemeinden alone, and each Verbund once (its lead
    record; the partners' records point to it)."""
    return (
        Entscheidung.objects.filter(
            foerderjahr=fj,
            status=Status.ANGENOMMEN,
            wahl__in=[Wahl.ALLEIN, Wahl.VERBUND],
            teil_von__isnull=True,
        )
        .select_related("gemeinde", "verbund__federfuehrend", "federfuehrend")
        .order_by("gemeinde__name")
    )


def anteil(entscheidung: Entscheidung) -> Decimal | None:
    """The recipient's share in the published allocation (a Verbund's members pooled)."""
    verteilung = veroeffentlichte_verteilung(entscheidung.foerderjahr)
    if verteilung is None:
        return None
    mitglieder = [entscheidung.gemeinde_id, *entscheidung.partner.values_list("pk", flat=True)]
    je_gemeinde = dict(
        verteilung.anteile.filter(gemeinde__in=mitglieder).values_list("gemeinde_id", "anteil")
    )
    return gebuendelter_anteil(je_gemeinde, mitglieder)


def anteile(fj: Foerderjahr, entscheidungen) -> dict[int, Decimal | None]:
    """``anteil`` for many recipients with two queries (the year page lists every recipient); the
    decisions should come with ``prefetch_related("partner")``."""
    verteilung = veroeffentlichte_verteilung(fj)
    if verteilung is None:
        return {e.pk: None for e in entscheidungen}
    je_gemeinde = anteile_je_gemeinde(verteilung)
    return {
        e.pk: gebuendelter_anteil(je_gemeinde, [e.gemeinde_id, *(p.pk for p in e.partner.all())])
        for e in entscheidungen
    }


def empfangende_gemeinde(entscheidung: Entscheidung):
    """Who receives the money: the Gemeinde itself, or the Verbund's lead Gemeinde."""
    if entscheidung.wahl == Wahl.VERBUND and entscheidung.federfuehrend_id:
        return entscheidung.federfuehrend
    return entscheidung.gemeinde


def gebunden_fuer(entscheidung: Entscheidung, ohne: Weiterleitung | None = None) -> Decimal:
    """Sum of the recipient's approved (and paid) transfers of the Förderjahr, all tranches."""
    qs = Weiterleitung.objects.filter(entscheidung=entscheidung, status__in=Weiterleitung.GEBUNDEN)
    if ohne is not None:
        qs = qs.exclude(pk=ohne.pk)
    return qs.aggregate(s=Sum("betrag"))["s"] or Decimal("0.00")


def ueber_dem_anteil(entscheidung: Entscheidung, betrag: Decimal, ohne=None) -> str | None:
    """Why ``betrag`` cannot go to this recipient, or None: with what it was already granted, it may
    not exceed the recipient's share in the published allocation (the Kreis received no more for it)."""
    anteil_betrag = anteil(entscheidung)
    if anteil_betrag is None:
        return None
    schon = gebunden_fuer(entscheidung, ohne=ohne)
    if schon + betrag <= anteil_betrag:
        return None
    name = entscheidung.verbund_name or entscheidung.gemeinde.name
    if schon:
        return _(
            "%(empfaenger)s wären damit insgesamt %(summe)s weitergeleitet (schon freigegeben: "
            "%(schon)s), der Anteil in der veröffentlichten Mittelverteilung beträgt aber nur "
            "%(anteil)s."
        ) % {
            "empfaenger": name,
            "summe": geld(schon + betrag),
            "schon": geld(schon),
            "anteil": geld(anteil_betrag),
        }
    return _(
        "Der Betrag ist höher als der Anteil von %(empfaenger)s in der veröffentlichten "
        "Mittelverteilung (%(anteil)s)."
    ) % {"empfaenger": name, "anteil": geld(anteil_betrag)}


def naechste_tranche(weiterleitungen) -> int:
    """The tranche a further transfer to the recipient gets: one after its highest so far."""
    return max((w.tranche for w in weiterleitungen), default=0) + 1


def rest_des_anteils(anteil_betrag: Decimal | None, weiterleitungen) -> Decimal | None:
    """What of the share is not yet in any transfer (returned ones included: they come back reworked);
    the default amount of the next tranche."""
    if anteil_betrag is None:
        return None
    return max(anteil_betrag - sum((w.betrag for w in weiterleitungen), Decimal("0.00")), Decimal("0.00"))


def ausgezahlt_vom_land(fj) -> Decimal:
    """Payouts plus confirmed corrections; a correction awaiting its second person does not count."""
    return fj.landesauszahlungen.filter(
        Q(art=Landesauszahlung.Art.AUSZAHLUNG) | Q(bestaetigt_am__isnull=False)
    ).aggregate(s=Sum("betrag"))["s"] or Decimal("0.00")


def gebunden(fj) -> Decimal:
    """Sum of approved (and paid) transfers of the Förderjahr."""
    return fj.weiterleitungen.filter(status__in=Weiterleitung.GEBUNDEN).aggregate(s=Sum("betrag"))[
        "s"
    ] or Decimal("0.00")


# --- the Land's payout --------------------------------------------------------------------------------------
def _obergrenze_pruefen(fj, neue_summe: Decimal, begruendung: str) -> None:
    """The Land pays at most the Planungsrahmen; more needs a stated reason (e.g. a supplementary
    grant), which goes into the audit event."""
    if fj.planungsrahmen is not None and neue_summe > fj.planungsrahmen and not (begruendung or "").strip():
        raise ValidationError(
            {
                "begruendung": _(
                    "Mit diesem Betrag läge die Summe der Auszahlungen des Landes (%(summe)s) über dem "
                    "Planungsrahmen (%(rahmen)s). Bitte prüfen Sie den Betrag oder begründen Sie die "
                    "Überschreitung."
                )
                % {"summe": geld(neue_summe), "rahmen": geld(fj.planungsrahmen)}
            }
        )


@transaction.atomic
def auszahlung_erfassen(
    fj, datum: datetime.date, betrag, referenz: str, actor, tranche: int = 1, begruendung: str = ""
) -> Landesauszahlung:
    require(actor, "weiterleitung.vorbereiten", fj)
    referenz = (referenz or "").strip()
    if not referenz:
        raise ValidationError(
            {"referenz": _("Bitte die Referenz oder das Kassenzeichen der Zahlung angeben.")}
        )
    betrag = _betrag(betrag)
    # one writer per Förderjahr at a time, so the tranche and the ceiling are checked on the real sum
    type(fj).objects.select_for_update().filter(pk=fj.pk).first()
    if fj.landesauszahlungen.filter(art=Landesauszahlung.Art.AUSZAHLUNG, tranche=tranche).exists():
        raise ValidationError(
            {
                "tranche": _(
                    "Die Tranche %(tranche)s ist für dieses Förderjahr bereits erfasst. Eine falsch "
                    "erfasste Auszahlung wird über „Korrigieren“ berichtigt."
                )
                % {"tranche": tranche}
            }
        )
    _obergrenze_pruefen(fj, ausgezahlt_vom_land(fj) + betrag, begruendung)
    auszahlung = Landesauszahlung.objects.create(
        foerderjahr=fj,
        tranche=tranche,
        datum=datum,
        betrag=betrag,
        referenz=referenz,
        erfasst_von=actor,
        begruendung=(begruendung or "").strip(),
    )
    record_event(
        "weiterleitung.landesauszahlung_erfasst",
        auszahlung,
        actor=actor,
        begruendung=auszahlung.begruendung,
        aenderungen={
            "betrag": {"vorher": None, "nachher": auszahlung.betrag},
            "tranche": tranche,
            "datum": datum,
            "referenz": referenz,
        },
    )
    return auszahlung


@transaction.atomic
def auszahlung_korrigieren(auszahlung: Landesauszahlung, richtiger_betrag, begruendung: str, actor):
    """Propose a counter-entry that brings a payout to its right amount; counts once a second person
    confirmed it (``korrektur_bestaetigen``). Nothing recorded is ever changed."""
    fj = auszahlung.foerderjahr
    require(actor, "weiterleitung.vorbereiten", fj)
    # one writer per Förderjahr: no two pending corrections of one payout
    type(fj).objects.select_for_update().filter(pk=fj.pk).first()
    if auszahlung.art != Landesauszahlung.Art.AUSZAHLUNG:
        raise ValidationError(_("Nur eine Auszahlung kann korrigiert werden, keine Korrektur."))
    if not (begruendung or "").strip():
        raise ValidationError({"begruendung": _("Bitte begründen Sie die Korrektur.")})
    if auszahlung.korrekturen.filter(bestaetigt_am__isnull=True).exists():
        raise ValidationError(_("Für diese Auszahlung wartet bereits eine Korrektur auf Bestätigung."))
    try:
        if isinstance(richtiger_betrag, str) and not re.fullmatch(
            r"[0-9]+(\.[0-9]+)?", richtiger_betrag.strip()
        ):
            raise ValueError(richtiger_betrag)  # "1e3", "NaN", full-width digits (#18, finding 6)
        richtig = Decimal(richtiger_betrag)
        if not richtig.is_finite():
            raise ValueError(richtiger_betrag)
    except (ArithmeticError, TypeError, ValueError) as e:
        raise ValidationError(
            {"richtiger_betrag": _("Bitte einen Betrag in Euro angeben, z. B. 12345,67.")}
        ) from e
    if richtig < 0 or richtig != richtig.quantize(CENT):
        raise ValidationError({"richtiger_betrag": _("Bitte einen Betrag ab 0,00 € in ganzen Cent angeben.")})
    bisher = auszahlung.betrag + (
        auszahlung.korrekturen.filter(bestaetigt_am__isnull=False).aggregate(s=Sum("betrag"))["s"] or 0
    )
    differenz = richtig - bisher
    if differenz == 0:
        raise ValidationError({"richtiger_betrag": _("Der Betrag ist bereits %(b)s.") % {"b": geld(bisher)}})
    korrektur = Landesauszahlung.objects.create(
        foerderjahr=fj,
        tranche=auszahlung.tranche,
        datum=auszahlung.datum,
        betrag=differenz,
        referenz=auszahlung.referenz,
        erfasst_von=actor,
        art=Landesauszahlung.Art.KORREKTUR,
        korrigiert=auszahlung,
        begruendung=begruendung.strip(),
    )
    record_event(
        "weiterleitung.landesauszahlung_korrektur_beantragt",
        korrektur,
        actor=actor,
        begruendung=korrektur.begruendung,
        aenderungen={"richtiger_betrag": {"vorher": bisher, "nachher": richtig}, "gegenbuchung": differenz},
    )
    return korrektur


@transaction.atomic
def korrektur_bestaetigen(korrektur: Landesauszahlung, actor, begruendung: str = "") -> Landesauszahlung:
    """The second person confirms a correction (four eyes): from now on it counts."""
    fj = korrektur.foerderjahr
    require(actor, "weiterleitung.vorbereiten", fj)
    # one writer per Förderjahr, so the ceiling is checked against the real sum
    type(fj).objects.select_for_update().filter(pk=fj.pk).first()
    korrektur = Landesauszahlung.objects.select_for_update().get(pk=korrektur.pk)
    if korrektur.art != Landesauszahlung.Art.KORREKTUR or korrektur.bestaetigt_am is not None:
        raise ValidationError(_("Diese Korrektur ist bereits bestätigt."))
    if korrektur.erfasst_von_id == actor.pk:
        raise ValidationError(
            _("Wer die Korrektur erfasst hat, darf sie nicht bestätigen (Vier-Augen-Prinzip).")
        )
    # the correction's own reason explains the correction, not exceeding the Planungsrahmen
    _obergrenze_pruefen(fj, ausgezahlt_vom_land(fj) + korrektur.betrag, begruendung)
    korrektur.bestaetigt_von, korrektur.bestaetigt_am = actor, timezone.now()
    korrektur.save(update_fields=["bestaetigt_von", "bestaetigt_am"])
    record_event(
        "weiterleitung.landesauszahlung_korrektur_bestaetigt",
        korrektur,
        actor=actor,
        begruendung=begruendung,
        aenderungen={"gegenbuchung": korrektur.betrag, "ausgezahlt_vom_land": ausgezahlt_vom_land(fj)},
    )
    return korrektur


# --- preparation -------------------------------------------------------------------------------------------
@dataclass
class Zahlungsdaten:
    betrag: Decimal
    rechtsform: str
    kontoinhaber: str
    iban: str
    bic: str = ""
    verwendungszweck: str = ""


def _pruefen(daten: Zahlungsdaten) -> dict:
    errors = {}
    werte = {}
    try:
        werte["betrag"] = _betrag(daten.betrag)
    except ValidationError as e:
        errors.update(e.message_dict)
    try:
        werte["iban"] = iban_pruefen(daten.iban)
    except ValidationError as e:
        errors["iban"] = e.messages
    if (daten.bic or "").strip():
        try:
            werte["bic"] = bic_pruefen(daten.bic)
        except ValidationError as e:
            errors["bic"] = e.messages
    if daten.rechtsform not in Weiterleitung.Rechtsform.values:
        errors["rechtsform"] = [_("Bitte Bescheid oder Vertrag wählen.")]
    if not (daten.kontoinhaber or "").strip():
        errors["kontoinhaber"] = [_("Bitte den Kontoinhaber angeben.")]
    if errors:
        raise ValidationError(errors)
    werte.update(
        rechtsform=daten.rechtsform,
        kontoinhaber=daten.kontoinhaber.strip()[:70],
    )
    werte.setdefault("bic", "")
    return werte


def standard_verwendungszweck(entscheidung, tranche) -> str:
    return _("Integrationsmanagement %(jahr)s, Tranche %(tranche)s, %(empfaenger)s") % {
        "jahr": entscheidung.foerderjahr.jahr,
        "tranche": tranche,
        "empfaenger": entscheidung.verbund_name or entscheidung.gemeinde.name,
    }


def vorbereiten(entscheidung: Entscheidung, daten: Zahlungsdaten, actor, tranche: int = 1) -> Weiterleitung:
    fj = entscheidung.foerderjahr
    require(actor, "weiterleitung.vorbereiten", fj)
    if entscheidung not in empfaenger(fj):
        raise ValidationError(
            _("Diese Entscheidung ist keine angenommene Entscheidung für die eigene Verantwortung.")
        )
    werte = _pruefen(daten)
    if grund := ueber_dem_anteil(entscheidung, werte["betrag"]):
        raise ValidationError({"betrag": grund})
    with transaction.atomic():
        if Weiterleitung.objects.filter(foerderjahr=fj, tranche=tranche, entscheidung=entscheidung).exists():
            raise ValidationError(
                _(
                    "Für %(empfaenger)s gibt es in diesem Förderjahr schon eine Weiterleitung "
                    "der Tranche %(tranche)s."
                )
                % {"empfaenger": entscheidung.verbund_name or entscheidung.gemeinde.name, "tranche": tranche}
            )
        try:
            with transaction.atomic():
                w = Weiterleitung.objects.create(
                    foerderjahr=fj,
                    tranche=tranche,
                    entscheidung=entscheidung,
                    gemeinde=empfangende_gemeinde(entscheidung),
                    verbund=entscheidung.verbund,
                    verwendungszweck=(
                        daten.verwendungszweck or standard_verwendungszweck(entscheidung, tranche)
                    )[:140],
                    vorbereitet_von=actor,
                    vorbereitet_am=timezone.now(),
                    **werte,
                )
        except IntegrityError as e:  # a second click or a colleague at the same moment
            raise ValidationError(_("Diese Weiterleitung wurde gerade schon angelegt.")) from e
        record_event(
            "weiterleitung.vorbereitet",
            w,
            actor=actor,
            aenderungen={"betrag": {"vorher": None, "nachher": w.betrag}, "rechtsform": w.rechtsform},
        )
        WeiterleitungFlow.start.run(weiterleitung=w)
    return w


def _gesperrt(w: Weiterleitung) -> Weiterleitung:
    return (
        Weiterleitung.objects.select_for_update()
        .select_related("foerderjahr__kreis", "gemeinde")
        .get(pk=w.pk)
    )


def ueberarbeiten(w: Weiterleitung, daten: Zahlungsdaten, actor) -> Weiterleitung:
    """A returned transfer, corrected; whoever reworks it is its new preparer (and may not approve it)."""
    with WeiterleitungFlow.lock(w.prozess.pk), transaction.atomic():
        w = _gesperrt(w)
        require(actor, "weiterleitung.vorbereiten", w.foerderjahr)
        if w.status != Weiterleitung.Status.ZURUECKGEGEBEN:
            raise ValidationError(_("Nur eine zurückgegebene Weiterleitung wird überarbeitet."))
        werte = _pruefen(daten)
        if grund := ueber_dem_anteil(w.entscheidung, werte["betrag"], ohne=w):
            raise ValidationError({"betrag": grund})
        vorher = {k: getattr(w, k) for k in werte}
        for k, v in werte.items():
            setattr(w, k, v)
        if daten.verwendungszweck:
            w.verwendungszweck = daten.verwendungszweck[:140]
        w.status = Weiterleitung.Status.VORBEREITET
        w.vorbereitet_von = actor
        w.vorbereitet_am = timezone.now()
        w.save()
        nachher = {k: getattr(w, k) for k in werte}
        for stand in (vorher, nachher):  # the trail is read more widely than bank data may be
            stand["iban"] = iban_maskiert(stand["iban"])
        record_event(
            "weiterleitung.ueberarbeitet",
            w,
            actor=actor,
            aenderungen=diff(vorher, nachher),
        )
        erledigen(w.prozess, WeiterleitungFlow.instance.ueberarbeiten, actor)
    return w


# --- four eyes ----------------------------------------------------------------------------------------------
def freigeben(w: Weiterleitung, actor) -> Weiterleitung:
    with WeiterleitungFlow.lock(w.prozess.pk), transaction.atomic():
        w = _gesperrt(w)
        require(actor, "weiterleitung.freigeben", w)
        fj = Foerderjahr.objects.select_for_update().get(pk=w.foerderjahr_id)
        land, schon = ausgezahlt_vom_land(fj), gebunden(fj)
        if schon + w.betrag > land:
            raise ValidationError(
                _(
                    "Freigabe nicht möglich: Mit dieser Weiterleitung (%(betrag)s) wären %(summe)s "
                    "freigegeben, das Land hat für das Förderjahr aber nur %(land)s ausgezahlt."
                )
                % {"betrag": geld(w.betrag), "summe": geld(schon + w.betrag), "land": geld(land)}
            )
        if grund := ueber_dem_anteil(w.entscheidung, w.betrag, ohne=w):
            raise ValidationError(_("Freigabe nicht möglich: %(grund)s") % {"grund": grund})
        w.status = Weiterleitung.Status.FREIGEGEBEN
        w.freigegeben_von = actor
        w.freigegeben_am = timezone.now()
        w.rueckgabe_grund = ""
        dokumente.erzeugen(w)
        w.save()
        record_event("weiterleitung.freigegeben", w, actor=actor)
        erledigen(w.prozess, WeiterleitungFlow.instance.freigeben, actor)
    return w


def zurueckgeben(w: Weiterleitung, grund: str, actor) -> Weiterleitung:
    """The approving coordinator (before approval) or finance (before payment) sends it back."""
    grund = (grund or "").strip()
    with WeiterleitungFlow.lock(w.prozess.pk), transaction.atomic():
        w = _gesperrt(w)
        if w.status == Weiterleitung.Status.VORBEREITET:
            require(actor, "weiterleitung.freigeben", w)
            node = WeiterleitungFlow.instance.freigeben
        else:
            require(actor, "weiterleitung.auszahlen", w)
            node = WeiterleitungFlow.instance.auszahlen
        if not grund:
            raise ValidationError({"begruendung": _("Bitte geben Sie einen Grund für die Rückgabe an.")})
        w.status = Weiterleitung.Status.ZURUECKGEGEBEN
        w.rueckgabe_grund = grund
        w.save(update_fields=["status", "rueckgabe_grund"])
        record_event("weiterleitung.zurueckgegeben", w, actor=actor, begruendung=grund)
        erledigen(w.prozess, node, actor)
    return w


def bezahlt(w: Weiterleitung, datum: datetime.date, buchungsreferenz: str, actor) -> Weiterleitung:
    buchungsreferenz = (buchungsreferenz or "").strip()
    with WeiterleitungFlow.lock(w.prozess.pk), transaction.atomic():
        w = _gesperrt(w)
        require(actor, "weiterleitung.auszahlen", w)
        if not buchungsreferenz:
            raise ValidationError({"buchungsreferenz": _("Bitte die Buchungsreferenz angeben.")})
        if datum is None:
            raise ValidationError({"datum": _("Bitte das Zahlungsdatum angeben.")})
        w.status = Weiterleitung.Status.BEZAHLT
        w.bezahlt_am = datum
        w.buchungsreferenz = buchungsreferenz
        w.bezahlt_von = actor
        w.save()
        record_event(
            "weiterleitung.bezahlt",
            w,
            actor=actor,
            aenderungen={"bezahlt_am": datum, "buchungsreferenz": buchungsreferenz},
        )
        erledigen(w.prozess, WeiterleitungFlow.instance.auszahlen, actor)
    return w


def empfang_bestaetigen(w: Weiterleitung, actor) -> Weiterleitung:
    with WeiterleitungFlow.lock(w.prozess.pk), transaction.atomic():
        w = _gesperrt(w)
        require(actor, "weiterleitung.empfang_bestaetigen", w)
        w.status = Weiterleitung.Status.EMPFANGEN
        w.empfang_bestaetigt_am = timezone.now()
        w.empfang_bestaetigt_von = actor
        w.save()
        record_event("weiterleitung.empfang_bestaetigt", w, actor=actor)
        erledigen(w.prozess, WeiterleitungFlow.instance.empfang, actor)
    return w


def naechster_schritt(w: Weiterleitung):
    """The open task of the transfer's process (for the page), or None when finished."""
    for node in (
        WeiterleitungFlow.instance.freigeben,
        WeiterleitungFlow.instance.auszahlen,
        WeiterleitungFlow.instance.ueberarbeiten,
        WeiterleitungFlow.instance.empfang,
    ):
        if offene_aufgabe(w.prozess, node):
            return node
    return None
