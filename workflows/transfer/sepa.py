"""Exports for the finance office: a SEPA credit-transfer file (pain.001.001.03, made and validated
against its XSD by sepaxml) and an XLSX list of the approved, unpaid transfers."""

import datetime
import hashlib
import unicodedata

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree
from sepaxml import SepaTransfer
from sepaxml.validation import try_valid_xml

from portal.core.iban import iban_formatiert
from portal.core.tabellen import tabelle_xlsx


def cent(value) -> int:
    return int((value * 100).to_integral_value())


#: German letters outside the SEPA character set, spelt as the banks' convention spells them.
UMSCHRIFT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def sepa_text(text: str) -> str:
    """``Kämmerei Öhringen`` → ``Kaemmerei Oehringen``; other accents lose their mark (``é`` → ``e``);
    what is still outside the SEPA set is removed by sepaxml."""
    return unicodedata.normalize("NFKD", (text or "").translate(UMSCHRIFT)).encode("ascii", "ignore").decode()


def nachrichten_id(kreis, ausfuehrung: datetime.date, weiterleitungen, lauf_nr: int = 1) -> str:
    """The same transfers on the same day in the same run give the same message id, so a bank recognises
    a file that was submitted twice; a new run after a cancelled one (``lauf_nr``) gets a new id (at most
    35 characters)."""
    basis = "|".join(
        [kreis.schluessel, ausfuehrung.isoformat(), str(lauf_nr)]
        + [f"{w.pk}:{cent(w.betrag)}" for w in sorted(weiterleitungen, key=lambda w: w.pk)]
    )
    return f"IM{kreis.schluessel}-{hashlib.sha256(basis.encode()).hexdigest()[:26]}"


def _nachbearbeiten(xml: bytes, msg_id: str) -> bytes:
    """Stable ids, and the German convention for a debtor bank without BIC
    (``<Othr><Id>NOTPROVIDED</Id></Othr>``)."""
    baum = etree.fromstring(xml)
    ns = {"p": baum.nsmap[None]}
    baum.find(".//p:GrpHdr/p:MsgId", ns).text = msg_id
    for nr, pmtinf in enumerate(baum.findall(".//p:PmtInf/p:PmtInfId", ns), start=1):
        pmtinf.text = f"{msg_id}-{nr}"[:35]
    for fininstnid in baum.findall(".//p:DbtrAgt/p:FinInstnId", ns):
        if len(fininstnid) == 0:
            othr = etree.SubElement(fininstnid, f"{{{ns['p']}}}Othr")
            etree.SubElement(othr, f"{{{ns['p']}}}Id").text = "NOTPROVIDED"
    return etree.tostring(baum, xml_declaration=True, encoding="UTF-8")


def sepa_xml(weiterleitungen, kreis, ausfuehrung: datetime.date, msg_id: str | None = None) -> bytes:
    if not kreis.iban:
        raise ValidationError(
            _("Für den Kreis ist keine IBAN der Kreiskasse hinterlegt (Verwaltung → Kreise).")
        )
    config = {
        "name": sepa_text(kreis.kontoinhaber or str(kreis))[:70],
        "IBAN": kreis.iban,
        "batch": True,
        "currency": "EUR",
    }
    if kreis.bic:
        config["BIC"] = kreis.bic
    sepa = SepaTransfer(config, clean=True)
    for w in weiterleitungen:
        payment = {
            "name": sepa_text(w.kontoinhaber)[:70],
            "IBAN": w.iban,
            "amount": cent(w.betrag),
            "execution_date": ausfuehrung,
            "description": sepa_text(w.verwendungszweck)[:140],
            "endtoend_id": f"IM{w.foerderjahr.jahr}T{w.tranche}W{w.pk}"[:35],
        }
        if w.bic:
            payment["BIC"] = w.bic
        sepa.add_payment(payment)
    msg_id = msg_id or nachrichten_id(kreis, ausfuehrung, weiterleitungen)
    xml = _nachbearbeiten(sepa.export(validate=True), msg_id)
    try_valid_xml(xml, "pain.001.001.03")
    return xml


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
                w.freigegeben_von.get_username() if w.freigegeben_von else None,
                timezone.localtime(w.freigegeben_am) if w.freigegeben_am else None,  # Berlin time
            ]
        )
    erste = next(iter(weiterleitungen), None)
    betreff = (
        _("%(kreis)s – Förderjahr %(jahr)s")
        % {"kreis": erste.foerderjahr.kreis, "jahr": erste.foerderjahr.jahr}
        if erste
        else ""
    )
    return tabelle_xlsx(_("Weiterleitungen"), rows, betreff=betreff)
