"""A Kreis's own settings, kept by its people in the portal: letterhead and texts of its letters (by the
coordination), the postal addresses of the Kreis and its Gemeinden, and the Kreiskasse account, which
changes only with four eyes. Every change is permission-checked and audited in its transaction; bank
details appear masked in the audit trail (the Land reads the trail but sees no bank data)."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.audit.services import diff, record_event
from portal.core.iban import bic_pruefen, iban_maskiert, iban_pruefen
from portal.organisations.models import Gemeinde, Kontoaenderung, Kreis
from portal.permissions import require

#: What the coordination edits on the settings page (the account is not among them: see below).
EINSTELLUNGEN = (
    "dienststelle",
    "strasse",
    "plz",
    "ort",
    "telefon",
    "email",
    "webseite",
    "aktenzeichen_muster",
    "rechtsbehelfsbelehrung",
    "ohne_unterschrift",
    "haushaltsstelle",
    "zahlungsziel_tage",
)
ANSCHRIFT = ("strasse", "plz", "ort")

#: Offered where a Kreis has not written its own (the usual wording for a Bescheid in Baden-Württemberg).
RECHTSBEHELFSBELEHRUNG_VORSCHLAG = gettext_lazy(
    "Rechtsbehelfsbelehrung: Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe "
    "Widerspruch erhoben werden. Der Widerspruch ist schriftlich oder zur Niederschrift bei %(stelle)s "
    "einzulegen."
)

#: Placeholders an Aktenzeichen pattern may use.
AKTENZEICHEN_PLATZHALTER = {"jahr": 2027, "ags": "08125074", "gemeinde": "Nordheim", "nr": 1}


def aktenzeichen_pruefen(muster: str) -> str:
    try:
        return muster.format(**AKTENZEICHEN_PLATZHALTER)
    except (KeyError, IndexError, ValueError) as e:
        raise ValidationError(
            {
                "aktenzeichen_muster": _(
                    "Unbekannter Platzhalter oder Klammer: erlaubt sind {jahr}, {ags}, {gemeinde} und {nr}."
                )
            }
        ) from e


def _speichern(obj, felder: tuple, daten: dict, actor, begruendung: str):
    vorher = {f: getattr(obj, f) for f in felder}
    for f in felder:
        setattr(obj, f, daten.get(f, getattr(obj, f)))
    obj.full_clean(exclude=[f.name for f in obj._meta.fields if f.name not in felder])
    nachher = {f: getattr(obj, f) for f in felder}
    aenderungen = diff(vorher, nachher)
    if aenderungen:
        obj.save(update_fields=list(felder))
        record_event(
            "organisation.geaendert", obj, actor=actor, begruendung=begruendung, aenderungen=aenderungen
        )
    return obj


@transaction.atomic
def einstellungen_speichern(kreis: Kreis, actor, daten: dict) -> Kreis:
    kreis = Kreis.objects.select_for_update().get(pk=kreis.pk)
    require(actor, "kreis.einstellungen", kreis)
    if daten.get("aktenzeichen_muster"):
        aktenzeichen_pruefen(daten["aktenzeichen_muster"])
    felder = EINSTELLUNGEN
    logo = daten.get("logo")
    if isinstance(logo, UploadedFile) or logo is False:  # a new logo, or "clear" ticked
        felder = (*EINSTELLUNGEN, "logo")
        daten = {**daten, "logo": logo or ""}
    return _speichern(kreis, felder, daten, actor, _("Einstellungen des Kreises"))


@transaction.atomic
def anschrift_speichern(gemeinde: Gemeinde, actor, daten: dict) -> Gemeinde:
    gemeinde = Gemeinde.objects.select_for_update().get(pk=gemeinde.pk)
    require(actor, "gemeinde.anschrift", gemeinde)
    return _speichern(gemeinde, ANSCHRIFT, daten, actor, _("Anschrift"))


def _konto(kontoinhaber, iban, bic) -> dict:
    return {"kontoinhaber": kontoinhaber, "iban": iban_maskiert(iban), "bic": bic}


@transaction.atomic
def konto_vorschlagen(kreis: Kreis, actor, kontoinhaber: str, iban: str, bic: str = "") -> Kontoaenderung:
    kreis = Kreis.objects.select_for_update().get(pk=kreis.pk)
    require(actor, "kreis.konto_vorschlagen", kreis)
    fehler, werte = {}, {}
    if not kontoinhaber.strip():
        fehler["kontoinhaber"] = [_("Bitte den Kontoinhaber angeben.")]
    for feld, pruefen, wert in (("iban", iban_pruefen, iban), ("bic", bic_pruefen, bic)):
        if feld == "bic" and not (wert or "").strip():
            werte[feld] = ""
            continue
        try:
            werte[feld] = pruefen(wert)
        except ValidationError as e:
            fehler[feld] = e.messages
    if fehler:
        raise ValidationError(fehler)
    if kreis.kontoaenderungen.filter(status=Kontoaenderung.Status.OFFEN).exists():
        raise ValidationError(
            _(
                "Es wartet schon eine vorgeschlagene Bankverbindung auf Bestätigung. Bitte erst über "
                "diese entscheiden."
            )
        )
    aenderung = Kontoaenderung.objects.create(
        kreis=kreis, kontoinhaber=kontoinhaber.strip()[:70], vorgeschlagen_von=actor, **werte
    )
    record_event(
        "kreiskasse.vorgeschlagen",
        aenderung,
        actor=actor,
        aenderungen=diff(
            _konto(kreis.kontoinhaber, kreis.iban, kreis.bic),
            _konto(aenderung.kontoinhaber, aenderung.iban, aenderung.bic),
        ),
    )
    return aenderung


def _gesperrt(aenderung: Kontoaenderung) -> Kontoaenderung:
    aenderung = Kontoaenderung.objects.select_for_update().get(pk=aenderung.pk)
    if aenderung.status != Kontoaenderung.Status.OFFEN:
        raise ValidationError(_("Über diesen Vorschlag ist schon entschieden."))
    return aenderung


@transaction.atomic
def konto_bestaetigen(aenderung: Kontoaenderung, actor) -> Kreis:
    aenderung = _gesperrt(aenderung)
    require(actor, "kreis.konto_bestaetigen", aenderung)
    kreis = Kreis.objects.select_for_update().get(pk=aenderung.kreis_id)
    vorher = _konto(kreis.kontoinhaber, kreis.iban, kreis.bic)
    kreis.kontoinhaber, kreis.iban, kreis.bic = aenderung.kontoinhaber, aenderung.iban, aenderung.bic
    kreis.save(update_fields=["kontoinhaber", "iban", "bic"])
    aenderung.status, aenderung.entschieden_von, aenderung.entschieden_am = (
        Kontoaenderung.Status.BESTAETIGT,
        actor,
        timezone.now(),
    )
    aenderung.save(update_fields=["status", "entschieden_von", "entschieden_am"])
    record_event(
        "kreiskasse.geaendert",
        kreis,
        actor=actor,
        begruendung=_("vorgeschlagen von %(name)s") % {"name": aenderung.vorgeschlagen_von},
        aenderungen=diff(vorher, _konto(kreis.kontoinhaber, kreis.iban, kreis.bic)),
    )
    return kreis


@transaction.atomic
def konto_ablehnen(aenderung: Kontoaenderung, actor, begruendung: str = "") -> Kontoaenderung:
    aenderung = _gesperrt(aenderung)
    kreis = aenderung.kreis
    if actor.pk != aenderung.vorgeschlagen_von_id:  # the proposer may withdraw their own proposal
        require(actor, "kreis.konto_bestaetigen", aenderung)
    else:
        require(actor, "kreis.konto_vorschlagen", kreis)
    aenderung.status, aenderung.entschieden_von, aenderung.entschieden_am = (
        Kontoaenderung.Status.ABGELEHNT,
        actor,
        timezone.now(),
    )
    aenderung.save(update_fields=["status", "entschieden_von", "entschieden_am"])
    record_event("kreiskasse.abgelehnt", aenderung, actor=actor, begruendung=begruendung.strip())
    return aenderung
