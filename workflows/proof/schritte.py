"""Who does each step of the proof of use (one definition for the flow, the dashboard and the rules)."""

from workflows.base import GEMEINDE, KOORDINATION, Schritt

_ANZEIGE = ("foerderjahr", "gemeinde", "verbund")


def _frist(nachweis):
    return nachweis.foerderjahr.frist_verwendungsnachweis


#: the recipient Gemeinde submits (wizard)
EINREICHEN = Schritt((GEMEINDE,), frist=_frist, anzeige=_ANZEIGE)
#: the coordinating office of the Kreis reviews
PRUEFEN = Schritt((KOORDINATION,), frist=_frist, anzeige=_ANZEIGE)
