"""Zahlungsläufe: finance turns the approved, unpaid transfers of a Förderjahr into one SEPA file for the
bank. The run is recorded with its content, so a re-download is byte for byte the same file (same MsgId:
a bank refuses a file submitted twice); a transfer in a run is not offered for another run until the
run is cancelled, with a reason, in the audit trail. The requested execution day lies between today and
``ZAHLUNGSLAUF_HORIZONT_TAGE`` days ahead (Berlin time)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit.services import record_event
from portal.core.darstellung import datum
from portal.funding.models import Foerderjahr
from portal.permissions import require
from workflows.transfer.models import Weiterleitung, Zahlungslauf
from workflows.transfer.sepa import nachrichten_id, sepa_xml


def horizont() -> int:
    return int(getattr(settings, "ZAHLUNGSLAUF_HORIZONT_TAGE", 30))


def ausfuehrungstag(eingabe: str) -> datetime.date:
    """The requested execution day: ``TT.MM.JJJJ`` (or ISO from a date field), empty for today; from today
    to the horizon, because a bank refuses a day in the past and a day far ahead is a typing error."""
    heute = timezone.localdate()
    eingabe = (eingabe or "").strip()
    if not eingabe:
        return heute
    for muster in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            tag = datetime.datetime.strptime(eingabe, muster).date()
            break
        except ValueError:
            continue
    else:
        raise ValidationError(_("Bitte den Ausführungstag als TT.MM.JJJJ angeben, z. B. 15.03.2028."))
    if tag < heute:
        raise ValidationError(
            _("Der Ausführungstag liegt in der Vergangenheit; die Bank würde die Datei ablehnen.")
        )
    spaetestens = heute + datetime.timedelta(days=horizont())
    if tag > spaetestens:
        raise ValidationError(
            _("Der Ausführungstag darf höchstens %(tage)s Tage in der Zukunft liegen (bis %(datum)s).")
            % {"tage": horizont(), "datum": datum(spaetestens)}
        )
    return tag


def offene(fj) -> list[Weiterleitung]:
    """Approved, unpaid transfers of the year that no active run holds."""
    in_aktivem_lauf = Zahlungslauf.weiterleitungen.through.objects.filter(
        zahlungslauf__storniert_am__isnull=True
    ).values("weiterleitung_id")
    return list(
        fj.weiterleitungen.filter(status=Weiterleitung.Status.FREIGEGEBEN)
        .exclude(pk__in=in_aktivem_lauf)
        .select_related("foerderjahr", "gemeinde", "verbund")
        .order_by("pk")
    )


@transaction.atomic
def anlegen(fj: Foerderjahr, ausfuehrung: datetime.date, actor) -> Zahlungslauf:
    fj = Foerderjahr.objects.select_for_update().select_related("kreis").get(pk=fj.pk)
    require(actor, "weiterleitung.exportieren", fj)
    positionen = offene(fj)
    if not positionen:
        raise ValidationError(
            _("Es gibt keine freigegebenen Weiterleitungen, die noch in keinem Zahlungslauf stehen.")
        )
    msg_id = nachrichten_id(fj.kreis, ausfuehrung, positionen, lauf_nr=fj.zahlungslaeufe.count() + 1)
    inhalt = sepa_xml(positionen, fj.kreis, ausfuehrung, msg_id=msg_id)
    lauf = Zahlungslauf.objects.create(
        foerderjahr=fj,
        nachrichten_id=msg_id,
        ausfuehrung=ausfuehrung,
        anzahl=len(positionen),
        summe=sum((w.betrag for w in positionen), start=0),
        inhalt=inhalt,
        erstellt_von=actor,
    )
    lauf.weiterleitungen.set(positionen)
    record_event(
        "zahlungslauf.angelegt",
        lauf,
        actor=actor,
        aenderungen={
            "nachrichten_id": lauf.nachrichten_id,
            "ausfuehrung": lauf.ausfuehrung.isoformat(),
            "anzahl": lauf.anzahl,
            "summe": str(lauf.summe),
            "weiterleitungen": [w.pk for w in positionen],
        },
    )
    return lauf


@transaction.atomic
def stornieren(lauf: Zahlungslauf, grund: str, actor) -> Zahlungslauf:
    lauf = Zahlungslauf.objects.select_for_update().select_related("foerderjahr__kreis").get(pk=lauf.pk)
    require(actor, "weiterleitung.exportieren", lauf.foerderjahr)
    if lauf.storniert:
        raise ValidationError(_("Dieser Zahlungslauf ist bereits storniert."))
    if not (grund or "").strip():
        raise ValidationError({"grund": _("Bitte geben Sie einen Grund für die Stornierung an.")})
    if lauf.weiterleitungen.exclude(status=Weiterleitung.Status.FREIGEGEBEN).exists():
        raise ValidationError(
            _("Zahlungen dieses Laufs sind schon als bezahlt markiert; er kann nicht mehr storniert werden.")
        )
    lauf.storniert_am, lauf.storniert_von, lauf.storno_grund = timezone.now(), actor, grund.strip()
    lauf.save(update_fields=["storniert_am", "storniert_von", "storno_grund"])
    record_event("zahlungslauf.storniert", lauf, actor=actor, begruendung=lauf.storno_grund)
    return lauf
