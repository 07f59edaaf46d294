"""The cockpit: figures that show whether the money works, across years and across Gemeinden or
Kreise, each role in its scope (Gemeinde: itself against the Kreis average; Kreis: its Gemeinden;
Land: all Kreise). Numbers come from the records (Kennzahlen, counts, allocations, proofs)."""

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count, Max, Q, Sum
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

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


def _summe(werte, key):
    return sum(w.get(key, 0) for w in werte)


def jahresreihe(foerderjahre, gemeinde_ids=None) -> list[dict]:
    """Per year: Kennzahlen sums, funds per person in the target group, staffed VZÄ, proofs on time.

    A fixed number of queries per year whatever the number of Gemeinden (the Land's cockpit spans 1,101):
    sums and counts in SQL, only the Kennzahlen values and the monthly VZÄ come back as plain values."""
    zeilen = []
    for jahr in sorted({fj.jahr for fj in foerderjahre}):
        fjs = [fj for fj in foerderjahre if fj.jahr == jahr]
        meldungen = Kennzahlmeldung.objects.filter(foerderjahr__in=fjs)
        anteile = Verteilungsanteil.objects.filter(
            verteilung__foerderjahr__in=fjs, verteilung__status=Mittelverteilung.Status.VEROEFFENTLICHT
        )
        personen = Zielgruppenmeldung.objects.filter(foerderjahr__in=fjs).aktuell()
        nachweise = Verwendungsnachweis.objects.filter(foerderjahr__in=fjs)
        if gemeinde_ids is not None:
            meldungen = meldungen.filter(gemeinde__in=gemeinde_ids)
            anteile = anteile.filter(gemeinde__in=gemeinde_ids)
            personen = personen.filter(gemeinde__in=gemeinde_ids)
            nachweise = nachweise.filter(gemeinde__in=gemeinde_ids)
        werte = list(meldungen.values_list("werte", flat=True))
        mittel = anteile.aggregate(s=Sum("anteil"))["s"] or Decimal("0")
        anzahl = personen.aggregate(s=Sum("anzahl"))["s"] or 0
        zahlen = nachweise.aggregate(
            alle=Count("pk"),
            puenktlich=Count("pk", filter=Q(einreichungen__gt=0, verspaetet=False)),
        )
        monate = NachweisStelle.objects.filter(
            nachweis__in=nachweise.filter(einreichungen__gt=0)
        ).values_list("vzae_monate", flat=True)
        vzae = sum(
            (sum((Decimal(v) for v in liste), Decimal("0")) / 12 for liste in monate), Decimal("0")
        ).quantize(CENT, rounding=ROUND_HALF_UP)
        zeilen.append(
            {
                "jahr": jahr,
                **{key: _summe(werte, key) for key, _label in KENNZAHLEN},
                "mittel_je_person": (mittel / anzahl).quantize(CENT, rounding=ROUND_HALF_UP)
                if anzahl
                else None,
                "vzae": vzae,
                "nachweise_puenktlich": round(100 * zahlen["puenktlich"] / zahlen["alle"])
                if zahlen["alle"]
                else None,
            }
        )
    return zeilen


class CockpitView(LoginRequiredMixin, TemplateView):
    template_name = "proof/cockpit.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
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
                einheiten = defaultdict(int)
                for name, werte in Kennzahlmeldung.objects.filter(
                    foerderjahr__in=[fj for fj in eigene if fj.jahr == letzte]
                ).values_list("gemeinde__kreis__name" if scope.alles else "gemeinde__name", "werte"):
                    einheiten[name] += werte.get("personen_erreicht", 0)
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
        ctx["diagramme"] = diagramme
        return ctx

    @staticmethod
    def _diagramm(titel, werte):
        return {"titel": titel, "svg": mark_safe(balken_svg(titel, werte)), "werte": werte}  # noqa: S308 – escaped in balken_svg
