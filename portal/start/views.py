"""Home page and each role's dashboard: the entry points into the portal."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils import timezone
from django.views.generic import TemplateView

from portal.core.datenstand import DatenstandMixin, spaeter
from portal.funding.finanzierung import finanzierung
from portal.funding.fristen import tage_bis
from portal.funding.models import Foerderjahr, Frist, Mittelverteilung, Verteilungsanteil
from portal.organisations.models import Gemeinde, Kreis, Mitgliedschaft
from portal.organisations.scope import eigene_gemeinde, scope_of
from portal.organisations.zugaenge import gemeinden_ohne_zugang, koordinierte_kreise, mit_zugangsquote
from workflows.base import offene_aufgaben
from workflows.optin.flows import BestaetigungFlow, EntscheidungFlow
from workflows.optin.models import Entscheidung, Partnerbestaetigung
from workflows.proof.flows import NachweisFlow
from workflows.proof.models import Rueckforderung
from workflows.transfer.flows import WeiterleitungFlow

#: The processes whose open tasks the dashboard lists, in this order.
ABLAEUFE = (EntscheidungFlow, BestaetigungFlow, WeiterleitungFlow, NachweisFlow)


#: Deadlines between the Kreis and the Land that a Gemeinde has nothing to do for (#19).
NUR_FUER_KREISE = frozenset({Frist.UEBERSICHT})


def upcoming_deadlines(foerderjahre, now, limit=8, ohne=frozenset()):
    """The next deadlines across the given years, soonest first, with days left."""
    rows = []
    for fj in foerderjahre:
        for code, label, day in fj.fristen():
            if code in ohne:
                continue
            left = tage_bis(now, day)
            if left >= 0:
                rows.append({"foerderjahr": fj, "code": code, "label": label, "datum": day, "tage": left})
    return sorted(rows, key=lambda r: (r["datum"], r["foerderjahr"].kreis.name))[:limit]


class DashboardView(DatenstandMixin, LoginRequiredMixin, TemplateView):
    """Each role's start page. Its content is cached under the Datenstand, so the data below is lazy."""

    template_name = "start/dashboard.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        scope = scope_of(user)
        now = timezone.now()
        jahre = Foerderjahr.objects.visible_to(user).select_related("kreis", "programm")
        ctx.update(
            mitgliedschaften=Mitgliedschaft.objects.filter(user=user, aktiv=True).select_related(
                "kreis", "gemeinde", "land"
            ),
            meine_gemeinden=Gemeinde.objects.filter(pk__in=scope.gemeinde_ids).select_related("kreis"),
            meine_kreise=Kreis.objects.filter(pk__in=scope.kreis_ids),
            fristen=spaeter(
                upcoming_deadlines,
                jahre.exclude(status=Foerderjahr.Status.ABGESCHLOSSEN) if not scope.alles else jahre.none(),
                now,
                ohne=NUR_FUER_KREISE if not scope.kreis_ids else frozenset(),
            ),
            anteile=spaeter(self.anteile, scope),
            kreise_land=mit_zugangsquote(Kreis.objects.visible_to(user)).prefetch_related("foerderjahre")
            if scope.alles
            else [],
            wer_fehlt=[(k, list(gemeinden_ohne_zugang(k))) for k in koordinierte_kreise(user)]
            if not user.is_superuser
            else [],
            # The decision process: own decisions and open tasks (inbox) of every role.
            entscheidungen=spaeter(self.entscheidungen, user),
            aufgaben=spaeter(lambda: [a for flow in ABLAEUFE for a in offene_aufgaben(user, flow)]),
            # an open repayment claim is the Gemeinde's to pay: on its start page, with amount and date
            rueckforderungen=eigene_gemeinde(
                Rueckforderung.objects.filter(status=Rueckforderung.Status.OFFEN), user, "nachweis__gemeinde"
            ).select_related("nachweis__foerderjahr", "nachweis__gemeinde"),
        )
        return ctx

    @staticmethod
    def entscheidungen(user) -> list:
        """The Gemeinde's newest decisions; a partner of a Verbund under way carries its request
        (``als_partner``), so its status reads "im Verbund angefragt/bestätigt" as on the decision."""
        liste = list(
            eigene_gemeinde(Entscheidung.objects, user)
            .select_related("gemeinde", "foerderjahr", "verbund")
            .order_by("-foerderjahr__jahr", "gemeinde__name")[:6]
        )
        anfragen = {
            (b.gemeinde_id, b.entscheidung.foerderjahr_id): b
            for b in Partnerbestaetigung.objects.angefragt()
            .filter(gemeinde_id__in={e.gemeinde_id for e in liste})
            .select_related("entscheidung")
        }
        for e in liste:
            e.als_partner = anfragen.get((e.gemeinde_id, e.foerderjahr_id)) if e.bearbeitbar else None
        return liste

    @staticmethod
    def anteile(scope) -> list[dict]:
        """The published shares and what each funds, against the year's minimum position (seed 000)."""
        anteile = (
            Verteilungsanteil.objects.filter(
                gemeinde_id__in=scope.gemeinde_ids, verteilung__status=Mittelverteilung.Status.VEROEFFENTLICHT
            )
            .select_related("gemeinde", "verteilung__foerderjahr")
            .order_by("-verteilung__foerderjahr__jahr")
        )
        return [
            {
                "anteil": a,
                "finanzierung": finanzierung(
                    a.anteil,
                    a.verteilung.foerderjahr.referenzkosten_pro_vzae,
                    a.verteilung.foerderjahr.min_vzae_pro_stelle,
                ),
            }
            for a in anteile
        ]
