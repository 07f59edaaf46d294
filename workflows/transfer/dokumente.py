"""The two PDFs of an approved transfer, made at approval and kept in private storage:

* the Auszahlungsanordnung (payment order) for the Kreiskasse, with Haushaltsstelle, Kassenzeichen,
  Fälligkeit and both people of the four eyes with their times;
* the Weiterleitungsbescheid (an administrative act, with Rechtsbehelfsbelehrung) or the
  Weiterleitungsvertrag (with signature fields for both parties) for the recipient (Nr. 12 VV zu § 44 LHO).

German, like the Kreis's correspondence; the wording is in ``templates/briefe/``, the layout and the PDF/A
rules in ``portal.core.briefe``."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from portal.core import briefe
from portal.core.iban import iban_formatiert, iban_maskiert


def _name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else "–"


def kassenzeichen(w) -> str:
    """The Kreiskasse's reference of one payment: the file number and the tranche."""
    return f"{aktenzeichen(w)}/{w.tranche}"


def aktenzeichen(w) -> str:
    return briefe.aktenzeichen(w.foerderjahr.kreis, w.foerderjahr.jahr, w.gemeinde, nr=w.tranche)


def faelligkeit(w) -> datetime.date:
    freigabe = timezone.localdate(w.freigegeben_am) if w.freigegeben_am else timezone.localdate()
    return freigabe + datetime.timedelta(days=w.foerderjahr.kreis.zahlungsziel_tage)


def empfaenger_dativ(w) -> str:
    """``der Gemeinde Nordheim`` / ``dem Verbund „Zabergäu“ (federführend: Gemeinde Brackenheim)``."""
    if w.verbund_id:
        return _("dem Verbund „%(verbund)s“ (federführend: Gemeinde %(gemeinde)s)") % {
            "verbund": w.verbund,
            "gemeinde": w.gemeinde.name,
        }
    return _("der Gemeinde %(gemeinde)s") % {"gemeinde": w.gemeinde.name}


def empfaenger_nominativ(w) -> str:
    if w.verbund_id:
        return _("Der Verbund „%(verbund)s“") % {"verbund": w.verbund}
    return _("Die Gemeinde %(gemeinde)s") % {"gemeinde": w.gemeinde.name}


def _kontext(w) -> dict:
    fj = w.foerderjahr
    kopf = briefe.briefkopf(fj.kreis)
    dativ = empfaenger_dativ(w)
    return {
        "w": w,
        "fj": fj,
        "kopf": kopf,
        "anschrift": briefe.anschrift_gemeinde(w.gemeinde),
        "az": aktenzeichen(w),
        "datum": timezone.localdate(w.freigegeben_am) if w.freigegeben_am else briefe.heute(),
        "bearbeitet": _name(w.vorbereitet_von),
        "unterzeichnet": _name(w.freigegeben_von),
        # the notice is read by the Land too, which sees no bank data: the account as the portal masks it
        "iban": iban_maskiert(w.iban),
        "empfaenger_dativ": dativ[0].upper() + dativ[1:],
        "empfaenger_dativ_klein": dativ,
        "empfaenger_nominativ": empfaenger_nominativ(w),
        "empfaenger_name": w.empfaenger,
        "rechtsbehelfsbelehrung": briefe.rechtsbehelfsbelehrung(fj.kreis),
    }


def auszahlungsanordnung(w) -> bytes:
    with override("de"):
        kontext = _kontext(w) | {
            "anschrift": [_("Kreiskasse"), _("– im Haus –")],
            "iban": iban_formatiert(w.iban),
            "kassenzeichen": kassenzeichen(w),
            "faellig": faelligkeit(w),
            "vorbereitet_von": _name(w.vorbereitet_von),
            "freigegeben_von": _name(w.freigegeben_von),
        }
        return briefe.pdf(
            "briefe/auszahlungsanordnung.html",
            kontext,
            titel=_("Auszahlungsanordnung %(jahr)s, Tranche %(tranche)s, %(empfaenger)s")
            % {"jahr": w.foerderjahr.jahr, "tranche": w.tranche, "empfaenger": w.empfaenger},
            autor=kontext["kopf"]["stelle"],
        )


def schreiben(w) -> bytes:
    with override("de"):
        kontext = _kontext(w)
        bescheid = w.rechtsform == w.Rechtsform.BESCHEID
        vorlage = "briefe/weiterleitungsbescheid.html" if bescheid else "briefe/weiterleitungsvertrag.html"
        art = _("Weiterleitungsbescheid") if bescheid else _("Weiterleitungsvertrag")
        return briefe.pdf(
            vorlage,
            kontext,
            titel=_("%(art)s %(jahr)s, Tranche %(tranche)s, %(empfaenger)s")
            % {"art": art, "jahr": w.foerderjahr.jahr, "tranche": w.tranche, "empfaenger": w.empfaenger},
            autor=kontext["kopf"]["stelle"],
        )


def dateiname(w, art: str) -> str:
    """``Weiterleitungsbescheid_2028_Nordheim_Tranche-1.pdf`` (``art``: ``anordnung`` or ``schreiben``)."""
    with override("de"):
        titel = _("Auszahlungsanordnung") if art == "anordnung" else w.get_rechtsform_display()
        return briefe.dateiname(
            titel, w.foerderjahr.jahr, w.empfaenger, _("Tranche-%(n)s") % {"n": w.tranche}, endung="pdf"
        )


def erzeugen(w) -> None:
    """Make both PDFs at approval (the record is saved by the caller)."""
    stamp = f"{w.foerderjahr.kreis.schluessel}-{w.foerderjahr.jahr}-{w.tranche}-{w.gemeinde.ags}"
    w.auszahlungsanordnung.save(
        f"auszahlungsanordnung-{stamp}.pdf", ContentFile(auszahlungsanordnung(w)), save=False
    )
    w.schreiben.save(f"{w.rechtsform}-{stamp}.pdf", ContentFile(schreiben(w)), save=False)
