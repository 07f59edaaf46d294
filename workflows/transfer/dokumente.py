"""The two PDFs of an approved transfer, made with reportlab and kept in private storage:

* the Auszahlungsanordnung (payment order) for the Kreiskasse, with both names of the four eyes;
* the Weiterleitungsbescheid or the Weiterleitungsvertrag (Nr. 12 VV zu § 44 LHO) for the recipient.

German, like the Kreis's correspondence; amounts in EUR with two decimals."""

import io
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from portal.core.darstellung import datum
from portal.core.iban import iban_formatiert


def eur(value: Decimal) -> str:
    return f"{value:,.2f} EUR".replace(",", "X").replace(".", ",").replace("X", ".")


def _name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else "–"


def _pdf(titel: str, bloecke) -> bytes:
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=25 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        title=titel,
        lang="de-DE",
    )
    styles = getSampleStyleSheet()
    story = [Paragraph(titel, styles["Title"]), Spacer(1, 6 * mm)]
    for block in bloecke:
        if isinstance(block, str):
            story += [Paragraph(block, styles["BodyText"]), Spacer(1, 3 * mm)]
        else:
            table = Table(block, colWidths=[60 * mm, 105 * mm])
            table.setStyle(
                TableStyle(
                    [
                        ("FONTNAME", (0, 0), (0, -1), "Helvetica-Bold"),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.grey),
                    ]
                )
            )
            story += [table, Spacer(1, 5 * mm)]
    doc.build(story)
    return buffer.getvalue()


def auszahlungsanordnung(w) -> bytes:
    kreis = w.foerderjahr.kreis
    with override("de"):
        return _pdf(
            _("Auszahlungsanordnung"),
            [
                _("%(kreis)s – Weiterleitung von Mitteln des Landes für das Integrationsmanagement")
                % {"kreis": kreis},
                [
                    [_("Förderjahr / Tranche"), f"{w.foerderjahr.jahr} / {w.tranche}"],
                    [_("Empfänger"), w.empfaenger],
                    [_("Kontoinhaber"), w.kontoinhaber],
                    [_("IBAN"), iban_formatiert(w.iban)],
                    [_("BIC"), w.bic or "–"],
                    [_("Betrag"), eur(w.betrag)],
                    [_("Verwendungszweck"), w.verwendungszweck],
                    [_("Rechtsform"), w.get_rechtsform_display()],
                    [
                        _("Vorbereitet von"),
                        f"{_name(w.vorbereitet_von)}, {timezone.localtime(w.vorbereitet_am):%d.%m.%Y %H:%M}",
                    ],
                    [
                        _("Freigegeben von"),
                        f"{_name(w.freigegeben_von)}, {timezone.localtime(w.freigegeben_am):%d.%m.%Y %H:%M}",
                    ],
                ],
                _(
                    "Sachlich und rechnerisch richtig (Vier-Augen-Prinzip). "
                    "Bitte unverzüglich zur Zahlung anweisen."
                ),
            ],
        )


def schreiben(w) -> bytes:
    fj = w.foerderjahr
    with override("de"):
        titel = (
            _("Weiterleitungsbescheid")
            if w.rechtsform == w.Rechtsform.BESCHEID
            else _("Weiterleitungsvertrag")
        )
        rechtsgrundlage = _(
            "Der %(kreis)s leitet die ihm vom Land Baden-Württemberg für das Integrationsmanagement "
            "gewährten Mittel nach Nr. 12 VV zu § 44 LHO und der VwV Integrationsmanagement weiter."
        ) % {"kreis": fj.kreis}
        if w.rechtsform == w.Rechtsform.BESCHEID:
            hauptteil = _(
                "Hiermit werden %(empfaenger)s für das Förderjahr %(jahr)s Mittel in Höhe von %(betrag)s "
                "bewilligt und weitergeleitet (Tranche %(tranche)s)."
            )
        else:
            hauptteil = _(
                "Der Kreis und %(empfaenger)s vereinbaren die Weiterleitung von Mitteln "
                "in Höhe von %(betrag)s "
                "für das Förderjahr %(jahr)s (Tranche %(tranche)s)."
            )
        hauptteil = hauptteil % {
            "empfaenger": w.empfaenger,
            "jahr": fj.jahr,
            "betrag": eur(w.betrag),
            "tranche": w.tranche,
        }
        pflichten = _(
            "Die Mittel sind für das Integrationsmanagement einzusetzen. Über ihre Verwendung ist bis zum "
            "%(frist)s ein Verwendungsnachweis vorzulegen; nicht verwendete Mittel sind zu erstatten."
        ) % {"frist": datum(fj.frist_verwendungsnachweis)}
        return _pdf(
            titel,
            [
                rechtsgrundlage,
                hauptteil,
                [
                    [_("Empfänger"), w.empfaenger],
                    [_("Betrag"), eur(w.betrag)],
                    [_("Verwendungszweck"), w.verwendungszweck],
                    [_("Datum"), datum(w.freigegeben_am)],
                ],
                pflichten,
                str(fj.kreis),
            ],
        )


def erzeugen(w) -> None:
    """Make both PDFs at approval (the record is saved by the caller)."""
    stamp = f"{w.foerderjahr.kreis.schluessel}-{w.foerderjahr.jahr}-{w.tranche}-{w.gemeinde.ags}"
    w.auszahlungsanordnung.save(
        f"auszahlungsanordnung-{stamp}.pdf", ContentFile(auszahlungsanordnung(w)), save=False
    )
    w.schreiben.save(f"{w.rechtsform}-{stamp}.pdf", ContentFile(schreiben(w)), save=False)
