"""Who does each step of the decision process (one definition for the flow, the dashboard and the rules)."""

from django.db.models import Exists, OuterRef

from workflows.base import GEMEINDE, KOORDINATION, Schritt


def _partner_angefragt():
    """A partner asked by a Verbund under way answers that request (its own step below) and cannot submit
    a decision of its own meanwhile: its task rests."""
    from workflows.optin.models import Partnerbestaetigung

    return Exists(
        Partnerbestaetigung.objects.angefragt().filter(
            gemeinde=OuterRef("gemeinde"), entscheidung__foerderjahr=OuterRef("foerderjahr")
        )
    )


#: the Gemeinde fills in its decision (wizard)
ABGEBEN = Schritt(
    (GEMEINDE,),
    frist=lambda e: e.foerderjahr.frist_entscheidung,
    anzeige=("gemeinde", "foerderjahr"),
    ruht=_partner_angefragt,
)
#: a partner Gemeinde confirms or declines its part in a Verbund
BESTAETIGEN = Schritt(
    (GEMEINDE,),
    frist=lambda b: b.entscheidung.foerderjahr.frist_entscheidung,
    anzeige=("gemeinde", "entscheidung__foerderjahr"),
)
#: the coordinating office of the Kreis reviews the submission
PRUEFEN = Schritt(
    (KOORDINATION,),
    frist=lambda e: e.foerderjahr.frist_entscheidung,
    anzeige=("gemeinde", "foerderjahr"),
)
