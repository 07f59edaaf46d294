"""Tenant isolation in one place: what a user may see.

``scope_of(user)`` reads the user's active memberships once per request and answers, for each kind
of record, a ``Q`` filter. Every model's ``visible_to(user)`` delegates here, so the rules can be read
(and tested) together:

* Land role and superusers see everything (the Land read-only, which ``portal.permissions`` enforces).
* Koordination and Finanzen see everything of their Kreis.
* Gemeinde users see their Gemeinde, their Verbund, and what the Kreis publishes for all its Gemeinden.
* Anonymous users see nothing.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Q

NOTHING = Q(pk__in=[])
EVERYTHING = Q()

KREIS_ROLES = ("koordination", "finanzen")


@dataclass(frozen=True)
class Scope:
    authenticated: bool = False
    alles: bool = False  # superuser or Land: every tenant
    rollen: frozenset[str] = frozenset()
    kreis_ids: frozenset[int] = frozenset()  # Kreise where the user is koordination/finanzen
    koordination_kreis_ids: frozenset[int] = frozenset()
    finanzen_kreis_ids: frozenset[int] = frozenset()
    gemeinde_ids: frozenset[int] = frozenset()
    gemeinde_kreis_ids: frozenset[int] = frozenset()  # the Kreise of the user's Gemeinden
    user_id: int | None = None
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def alle_kreis_ids(self) -> frozenset[int]:
        return self.kreis_ids | self.gemeinde_kreis_ids

    def verbund_ids(self) -> set[int]:
        if "verbund_ids" not in self.extra:
            member = apps.get_model("organisations", "VerbundMitglied")
            self.extra["verbund_ids"] = set(
                member.objects.filter(gemeinde_id__in=self.gemeinde_ids).values_list("verbund_id", flat=True)
            )
        return self.extra["verbund_ids"]

    # --- generic rule for records that belong to a Kreis and possibly one Gemeinde ---------------
    def tenant_filter(
        self, kreis: str = "kreis", gemeinde: str | None = "gemeinde", verbund: str | None = None
    ):
        """Records of a Kreis (optionally of one Gemeinde or Verbund in it).

        Kreis users see all records of their Kreis; Gemeinde users only records of their own
        Gemeinde or Verbund (never the Kreis-wide ones unless a model's rule says so)."""
        if self.alles:
            return EVERYTHING
        if not self.authenticated:
            return NOTHING
        q = Q(**{f"{kreis}__in": self.kreis_ids}) if self.kreis_ids else NOTHING
        if gemeinde and self.gemeinde_ids:
            q |= Q(**{f"{gemeinde}__in": self.gemeinde_ids})
        if verbund and self.gemeinde_ids:
            q |= Q(**{f"{verbund}__in": self.verbund_ids()})
        return q

    # --- one rule per organisation model --------------------------------------------------------
    def land_filter(self):
        return EVERYTHING if self.authenticated else NOTHING

    def kreis_filter(self):
        if self.alles:
            return EVERYTHING
        return Q(pk__in=self.alle_kreis_ids) if self.alle_kreis_ids else NOTHING

    def gemeinde_filter(self):
        return self.tenant_filter(kreis="kreis", gemeinde="pk")

    def verbund_filter(self):
        return self.tenant_filter(kreis="kreis", gemeinde=None, verbund="pk")

    def traeger_filter(self):
        # Gemeinden pick Träger of their Kreis as employers, so they see the Kreis's list.
        if self.alles:
            return EVERYTHING
        return Q(kreis__in=self.alle_kreis_ids) if self.alle_kreis_ids else NOTHING

    def user_filter(self):
        if self.alles:
            return EVERYTHING
        if not self.authenticated:
            return NOTHING
        q = Q(pk=self.user_id)
        if self.kreis_ids:
            q |= Q(mitgliedschaften__kreis__in=self.kreis_ids)
            q |= Q(mitgliedschaften__gemeinde__kreis__in=self.kreis_ids)
        if self.gemeinde_ids:
            q |= Q(mitgliedschaften__gemeinde__in=self.gemeinde_ids)
        return q


ANONYMOUS = Scope()


def scope_of(user) -> Scope:
    """The user's scope, computed once and cached on the user object (i.e. per request)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    cached = getattr(user, "_portal_scope", None)
    if cached is not None:
        return cached
    member = apps.get_model("organisations", "Mitgliedschaft")
    rows = list(
        member.objects.filter(user=user, aktiv=True).values_list(
            "rolle", "kreis_id", "gemeinde_id", "gemeinde__kreis_id"
        )
    )
    rollen = frozenset(r[0] for r in rows)
    koordination = frozenset(r[1] for r in rows if r[0] == "koordination")
    finanzen = frozenset(r[1] for r in rows if r[0] == "finanzen")
    scope = Scope(
        authenticated=True,
        alles=bool(user.is_superuser) or "land" in rollen,
        rollen=rollen,
        kreis_ids=koordination | finanzen,
        koordination_kreis_ids=koordination,
        finanzen_kreis_ids=finanzen,
        gemeinde_ids=frozenset(r[2] for r in rows if r[0] == "gemeinde"),
        gemeinde_kreis_ids=frozenset(r[3] for r in rows if r[0] == "gemeinde"),
        user_id=user.pk,
    )
    user._portal_scope = scope
    return scope


# --- named filters the views use instead of restating the rule ---------------------------------------
def kreis_rollen_erforderlich(qs, user, feld: str = "kreis"):
    """Kreis pages are for Kreis roles: of ``qs`` (already ``visible_to``) the records of the Kreise where
    the user coordinates or does finance, every Kreis's for the Land and the operator, none for
    Gemeinde users (they see their own records on their own pages)."""
    scope = scope_of(user)
    return qs if scope.alles else qs.filter(**{f"{feld}__in": scope.kreis_ids})


def eigene_gemeinde(qs, user, feld: str = "gemeinde"):
    """Own Gemeinde: of ``qs`` the records of the user's own Gemeinden (a Kreis role sees none here)."""
    return qs.filter(**{f"{feld}__in": scope_of(user).gemeinde_ids})


def ist_beteiligt(user, gemeinde_id: int, kreis_id: int) -> bool:
    """The record's own Gemeinde, a Kreis role of its Kreis, or the Land: who sees a record's details
    (a Verbund partner sees the Verbund's decision, but not its files and history)."""
    scope = scope_of(user)
    return scope.alles or gemeinde_id in scope.gemeinde_ids or kreis_id in scope.kreis_ids


def forget_scope(user) -> None:
    """Drop the cached scope, e.g. after memberships changed in the same request."""
    if hasattr(user, "_portal_scope"):
        del user._portal_scope
