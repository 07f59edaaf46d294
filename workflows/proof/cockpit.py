"""The cockpit: figures that show whether the money works, across years and across Gemeinden or
Kreise, each role in its scope (Gemeinde: itself against the Kreis average; Kreis: its Gemeinden;
Land: all Kreise). Numbers come from the records (Kennzahlen, counts, allocations, proofs)."""

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import connection
from django.db.models import Count, DecimalField, F, IntegerField, Max, Q, Sum
from django.db.models.expressions import RawSQL
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from portal.core.datenstand import DatenstandMixin, spaeter
from portal.core.diagramme import balken_svg
from portal.funding.models import Foerderjahr, Mittelverteilung, Verteilungsanteil
from portal.funding.verteilung import Zielgruppenmeldung
from portal.organisations.models import Gemeinde
from portal.organisations.scope import scope_of
from workflows.proof.kennzahlen import Kennzahlmeldung
from workflows.proof.models import NachweisStelle, Verwendungsnachweis

KENNZAHLEN = [
    ("personen_erreicht", gettext_lazy("Erreichte Personen")),
    ("beratungsgespraeche", gettext_lazy("Beratungsgespräche")),
    ("integrationsplaene_erstellt", gettext_lazy("Erstellte Integrationspläne")),
]
CENT = Decimal("0.01")


def kennzahl_summe(key: str):
    """The sum of one Kennzahl over the records, in SQL (values are validated whole numbers)."""
    return Coalesce(Sum(Cast(KT(f"werte__{key}"), IntegerField())), 0)


def jahresreihe(foerderjahre, gemeinde_ids=None) -> list[dict]:
    """Per year: Kennzahlen sums, funds per person in the target group, staffed VZÄ, proofs on time.

    Six queries whatever the number of years and Gemeinden (the Land's cockpit spans 5 years of 1,101):
    sums and counts grouped by year in SQL; only the monthly VZÄ come back as plain values."""
    jahre = sorted({fj.jahr for fj in foerderjahre})
    if not jahre:
        return []
    meldungen = Kennzahlmeldung.objects.filter(foerderjahr__in=foerderjahre)
    anteile = Verteilungsanteil.objects.filter(
        verteilung__foerderjahr__in=foerderjahre, verteilung__status=Mittelverteilung.Status.VEROEFFENTLICHT
    )
    personen = Zielgruppenmeldung.objects.filter(foerderjahr__in=foerderjahre).aktuell()
    nachweise = Verwendungsnachweis.objects.filter(foerderjahr__in=foerderjahre)
    if gemeinde_ids is not None:
        meldungen = meldungen.filter(gemeinde__in=gemeinde_ids)
        anteile = anteile.filter(gemeinde__in=gemeinde_ids)
        personen = personen.filter(gemeinde__in=gemeinde_ids)
        nachweise = nachweise.filter(gemeinde__in=gemeinde_ids)

    def je_jahr(qs, feld, **summen):
        return {r.pop("j"): r for r in qs.values(j=F(feld)).order_by().annotate(**summen)}

    kennzahlen = je_jahr(
        meldungen, "foerderjahr__jahr", **{key: kennzahl_summe(key) for key, _label in KENNZAHLEN}
    )
    mittel = je_jahr(anteile, "verteilung__foerderjahr__jahr", s=Sum("anteil"))
    anzahl = je_jahr(personen, "foerderjahr__jahr", s=Sum("anzahl"))
    zahlen = je_jahr(
        nachweise,
        "foerderjahr__jahr",
        alle=Count("pk"),
        puenktlich=Count("pk", filter=Q(einreichungen__gt=0, verspaetet=False)),
    )
    stellen = NachweisStelle.objects.filter(nachweis__in=nachweise.filter(einreichungen__gt=0))
    vzae = defaultdict(Decimal)
    if connection.vendor == "postgresql":  # the monthly lists summed in SQL (statewide: 18,000 lists)
        monate = RawSQL(
            "(SELECT COALESCE(SUM(m::numeric), 0) "
            "FROM jsonb_array_elements_text(proof_nachweisstelle.vzae_monate) m)",
            [],
            output_field=DecimalField(),
        )
        vzae.update(
            (jahr, Decimal(summe))
            for jahr, summe in stellen.values_list("nachweis__foerderjahr__jahr")
            .order_by()
            .annotate(s=Sum(monate / 12))
        )
    else:
        for jahr, liste in stellen.values_list("nachweis__foerderjahr__jahr", "vzae_monate"):
            vzae[jahr] += sum((Decimal(v) for v in liste), Decimal("0")) / 12
    zeilen = []
    for jahr in jahre:
        summe = mittel.get(jahr, {}).get("s") or Decimal("0")
        personen_zahl = anzahl.get(jahr, {}).get("s") or 0
        nachweis_zahlen = zahlen.get(jahr, {"alle": 0, "puenktlich": 0})
        zeilen.append(
            {
                "jahr": jahr,
                **{key: kennzahlen.get(jahr, {}).get(key, 0) for key, _label in KENNZAHLEN},
                "mittel_je_person": (summe / personen_zahl).quantize(CENT, rounding=ROUND_HALF_UP)
                if personen_zahl
                else None,
                "vzae": vzae[jahr].quantize(CENT, rounding=ROUND_HALF_UP),
                "nachweise_puenktlich": round(100 * nachweis_zahlen["puenktlich"] / nachweis_zahlen["alle"])
                if nachweis_zahlen["alle"]
                else None,
            }
        )
    return zeilen


class CockpitView(DatenstandMixin, LoginRequiredMixin, TemplateView):
    """The charts are computed on first use and cached under the Datenstand (the Land's span all Kreise)."""

    template_name = "proof/cockpit.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["diagramme"] = spaeter(self.diagramme)
        return ctx

    def diagramme(self) -> list[dict]:
        user = self.request.user
        scope = scope_of(user)
        jahre = list(Foerderjahr.objects.visible_to(user).select_related("kreis"))
        diagramme = []
        if scope.alles or scope.kreis_ids:
            eigene = jahre if scope.alles else [fj for fj in jahre if fj.kreis_id in scope.kreis_ids]
            reihe = jahresreihe(eigene)
            ebene = _("alle Kreise") if scope.alles else _("Ihr Kreis")
            for key, label in KENNZAHLEN:
                titel = _("%(kennzahl)s je Jahr (%(ebene)s)") % {"kennzahl": label, "ebene": ebene}
                diagramme.append(self._diagramm(titel, [(r["jahr"], r[key]) for r in reihe]))
            diagramme.append(
                self._diagramm(
                    _("Mittel je Person der Zielgruppe (EUR)"),
                    [(r["jahr"], r["mittel_je_person"]) for r in reihe],
                )
            )
            diagramme.append(
                self._diagramm(
                    _("Besetzte VZÄ (Jahresdurchschnitt)"), [(r["jahr"], r["vzae"]) for r in reihe]
                )
            )
            diagramme.append(
                self._diagramm(
                    _("Verwendungsnachweise fristgerecht (%)"),
                    [(r["jahr"], r["nachweise_puenktlich"]) for r in reihe],
                )
            )
            letzte = Kennzahlmeldung.objects.filter(foerderjahr__in=eigene).aggregate(
                j=Max("foerderjahr__jahr")
            )["j"]
            if letzte:
                einheiten = dict(
                    Kennzahlmeldung.objects.filter(foerderjahr__in=[fj for fj in eigene if fj.jahr == letzte])
                    .values_list("gemeinde__kreis__name" if scope.alles else "gemeinde__name")
                    .order_by()
                    .annotate(s=kennzahl_summe("personen_erreicht"))
                )
                titel = (
                    _("Erreichte Personen %(jahr)s je Kreis")
                    if scope.alles
                    else _("Erreichte Personen %(jahr)s je Gemeinde")
                )
                diagramme.append(self._diagramm(titel % {"jahr": letzte}, sorted(einheiten.items())))
        for gemeinde in Gemeinde.objects.filter(pk__in=scope.gemeinde_ids).select_related("kreis"):
            kreis_jahre = [fj for fj in jahre if fj.kreis_id == gemeinde.kreis_id]
            eigen = {r["jahr"]: r for r in jahresreihe(kreis_jahre, [gemeinde.pk])}
            kreis = {r["jahr"]: r for r in jahresreihe(kreis_jahre)}
            anzahl = Gemeinde.objects.filter(kreis=gemeinde.kreis).count() or 1
            for key, label in KENNZAHLEN[:1] + KENNZAHLEN[2:]:
                werte = []
                for jahr in sorted(eigen):
                    werte.append((f"{jahr} {gemeinde.name}", eigen[jahr][key]))
                    schnitt = (Decimal(kreis[jahr][key]) / anzahl).quantize(Decimal("0.1"))
                    werte.append((_("%(jahr)s Kreisdurchschnitt") % {"jahr": jahr}, schnitt))
                titel = _("%(kennzahl)s: %(gemeinde)s und Kreisdurchschnitt") % {
                    "kennzahl": label,
                    "gemeinde": gemeinde.name,
                }
                diagramme.append(self._diagramm(titel, werte))
        return diagramme

    @staticmethod
    def _diagramm(titel, werte):
        return {"titel": titel, "svg": mark_safe(balken_svg(titel, werte)), "werte": werte}  # noqa: S308 – escaped in balken_svg
