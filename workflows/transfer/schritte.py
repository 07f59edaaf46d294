"""Who does each step of a transfer (one definition for the flow, the dashboard and the rules).

Four eyes is written here once: whoever prepared or last reworked a transfer never approves it."""

from django.utils.translation import gettext_lazy as _

from workflows.base import FINANZEN, GEMEINDE, KOORDINATION, NichtVon, Schritt

VIER_AUGEN = NichtVon(
    "vorbereitet_von",
    _("Vier-Augen-Prinzip: Wer die Weiterleitung vorbereitet hat, darf sie nicht freigeben."),
)
_ANZEIGE = ("foerderjahr", "gemeinde", "verbund")

#: a second coordinator of the Kreis approves (never the preparer)
FREIGEBEN = Schritt((KOORDINATION, VIER_AUGEN), anzeige=_ANZEIGE)
#: the coordinating office reworks a returned transfer
UEBERARBEITEN = Schritt((KOORDINATION,), anzeige=_ANZEIGE)
#: the Kreis's finance office pays
AUSZAHLEN = Schritt((FINANZEN,), anzeige=_ANZEIGE)
#: the receiving Gemeinde confirms the receipt
EMPFANG = Schritt((GEMEINDE,), anzeige=_ANZEIGE)
