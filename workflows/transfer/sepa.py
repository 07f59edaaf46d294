"""Exports for the finance office: a SEPA credit-transfer file (pain.001.001.03, made and validated
against its XSD by sepaxml) and an XLSX list of the approved, unpaid transfers."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from sepaxml import SepaTransfer

from portal.core.iban import iban_formatiert
from portal.core.tabellen import tabelle_xlsx


def cent(value) -> int:
    return int((value * 100).to_integral_value())


def sepa_xml(weiterleitungen, kreis, ausfuehrung: datetime.date) -> bytes:
    if not kreis.iban:
        raise ValidationError(
            _("Für den Kreis ist keine IBAN der Kreiskasse hinterlegt (Verwaltung → Kreise).")
        )
    config = {
        "name": (kreis.kontoinhaber or str(kreis))[:70],
        "IBAN": kreis.iban,
        "BIC": kreis.bic or "NOTPROVIDED",
        "batch": True,
        "currency": "EUR",
    }
    sepa = SepaTransfer(config, clean=True)
    for w in weiterleitungen:
        payment = {
            "name": w.kontoinhaber[:70],
            "IBAN": w.iban,
            "amount": cent(w.betrag),
            "execution_date": ausfuehrung,
            "description": w.verwendungszweck[:140],
            "endtoend_id": f"IM{w.foerderjahr.jahr}T{w.tranche}W{w.pk}"[:35],
        }
        if w.bic:
            payment["BIC"] = w.bic
        sepa.add_payment(payment)
    return sepa.export(validate=True)


def liste_xlsx(weiterleitungen) -> bytes:
    rows = [
        [
            _("Förderjahr"),
            _("Tranche"),
            _("Empfänger"),
            _("Kontoinhaber"),
            _("IBAN"),
            _("BIC"),
            _("Betrag (EUR)"),
            _("Verwendungszweck"),
            _("Rechtsform"),
            _("freigegeben von"),
            _("freigegeben am"),
        ]
    ]
    for w in weiterleitungen:
        rows.append(
            [
                w.foerderjahr.jahr,
                w.tranche,
                w.empfaenger,
                w.kontoinhaber,
                iban_formatiert(w.iban),
                w.bic,
                w.betrag,
                w.verwendungszweck,
                w.get_rechtsform_display(),
                w.freigegeben_von.get_username() if w.freigegeben_von else "",
                w.freigegeben_am.date() if w.freigegeben_am else "",
            ]
        )
    return tabelle_xlsx(_("Weiterleitungen"), rows)
