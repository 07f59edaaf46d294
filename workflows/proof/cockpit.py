"""The cockpit: figures that show whether the money works, across years and across Gemeinden or
Kreise, each role in its scope (Gemeinde: itself against the Kreis average; Kreis: its Gemeinden;
Land: all Kreise). Numbers come from the records (Kennzahlen, counts, allocations, proofs)."""

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.cache import caches
from django.db import connection
from django.db.models import Count, DecimalField, F, IntegerField, Q, Sum
from django.db.models.expressions import RawSQL
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from portal.core import datenstand
from portal.core.datenstand import DatenstandMixin, spaeter
from portal.core.diagramme import balken_svg
from portal.core.tabellen import download, tabelle_xlsx
from portal.funding.fristen import berliner_datum
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
#: The additive figures per Kreis and year that the cockpit's rows are computed from.
SUMMEN = [
    *(key for key, _label in KENNZAHLEN),
    "meldungen",
    "mittel",
    "personen",
    "nachweise",
    "eingereicht",
    "faellig",
    "puenktlich",
    "vzae",
    "erhalten",
    "verausgabt",
]


def kennzahl_summe(key: str):
    """The sum of one Kennzahl over the records, in SQL (values are validated whole numbers)."""
    return Coalesce(Sum(Cast(KT(f"werte__{key}"), IntegerField())), 0)


def summen(foerderjahre, gemeinde_ids=None) -> dict[tuple[int, int], dict]:
    """Per (Kreis, year) the additive sums the cockpit is made of: Kennzahlen, funds and persons of the
    target group, proofs (all and on time), staffed VZÄ, number of Kennzahlen records.

    Six queries whatever the number of Kreise, years and Gemeinden (the Land's cockpit spans 5 years of
    1,101): sums and counts grouped in SQL; only on SQLite the monthly VZÄ come back as plain values."""
    if not foerderjahre:
        return {}
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
    ergebnis = defaultdict(lambda: dict.fromkeys(SUMMEN, 0))

    def eintragen(qs, fj_pfad, **summen_sql):
        for zeile in (
            qs.values(k=F(f"{fj_pfad}__kreis_id"), j=F(f"{fj_pfad}__jahr")).order_by().annotate(**summen_sql)
        ):
            ergebnis[zeile.pop("k"), zeile.pop("j")].update({k: v or 0 for k, v in zeile.items()})

    eintragen(
        meldungen,
        "foerderjahr",
        meldungen=Count("pk"),
        **{key: kennzahl_summe(key) for key, _label in KENNZAHLEN},
    )
    eintragen(anteile, "verteilung__foerderjahr", mittel=Sum("anteil"))
    eintragen(personen, "foerderjahr", personen=Sum("anzahl"))
    heute = berliner_datum(timezone.now())
    eingereicht = Q(einreichungen__gt=0)
    eintragen(
        nachweise,
        "foerderjahr",
        nachweise=Count("pk"),
        eingereicht=Count("pk", filter=eingereicht),
        # due: submitted, or its deadline has passed – a proof not yet due is not late (#19)
        faellig=Count("pk", filter=eingereicht | Q(foerderjahr__frist_verwendungsnachweis__lt=heute)),
        puenktlich=Count("pk", filter=Q(einreichungen__gt=0, verspaetet=False)),
        erhalten=Sum("mittel_erhalten", filter=eingereicht),
    )
    stellen = NachweisStelle.objects.filter(nachweis__in=nachweise.filter(einreichungen__gt=0))
    eintragen(stellen, "nachweis__foerderjahr", verausgabt=Sum(F("personalkosten") + F("sachkosten")))
    if connection.vendor == "postgresql":  # the monthly lists summed in SQL (statewide: 18,000 lists)
        monate = RawSQL(
            "(SELECT COALESCE(SUM(m::numeric), 0) "
            "FROM jsonb_array_elements_text(proof_nachweisstelle.vzae_monate) m)",
            [],
            output_field=DecimalField(),
        )
        eintragen(stellen, "nachweis__foerderjahr", vzae=Sum(monate / 12))
    else:
        for k, j, liste in stellen.values_list(
            "nachweis__foerderjahr__kreis_id", "nachweis__foerderjahr__jahr", "vzae_monate"
        ):
            ergebnis[k, j]["vzae"] += sum((Decimal(v) for v in liste), Decimal("0")) / 12
    return dict(ergebnis)


def kreissummen(foerderjahre) -> dict[tuple[int, int], dict]:
    """``summen`` of the Förderjahre, each Kreis's cached under that Kreis's newest audit event: after a
    change only the changed Kreis is summed again (the Land's cockpit, while the Kreise work). The
    sums are figures of whole Kreise; callers pass only Förderjahre the user may see."""
    je_kreis = defaultdict(list)
    for fj in foerderjahre:
        je_kreis[fj.kreis_id].append(fj)
    cache = caches[datenstand.ALIAS]
    koepfe = datenstand.kreis_koepfe(je_kreis)  # before the data
    schluessel = {
        k: f"kreissummen2:{k}:{koepfe[k]}:"
        + ",".join(str(fj.pk) for fj in sorted(je_kreis[k], key=lambda f: f.pk))
        for k in je_kreis
    }
    gefunden = cache.get_many(schluessel.values())
    fehlend = [k for k in je_kreis if schluessel[k] not in gefunden]
    neu = summen([fj for k in fehlend for fj in je_kreis[k]]) if fehlend else {}
    fuer_cache = {schluessel[k]: {j: w for (kk, j), w in neu.items() if kk == k} for k in fehlend}
    cache.set_many(fuer_cache, settings.FRAGMENT_CACHE_SEKUNDEN)
    ergebnis = {}
    for k in je_kreis:
        # a Kreis without any figures is cached as {}: present, though empty
        werte_je_jahr = gefunden[schluessel[k]] if schluessel[k] in gefunden else fuer_cache[schluessel[k]]
        for j, werte in werte_je_jahr.items():
            ergebnis[k, j] = werte
    return ergebnis


def _quotient(zaehler, nenner) -> Decimal | None:
    return (Decimal(zaehler) / nenner).quantize(CENT, rounding=ROUND_HALF_UP) if nenner else None


def reihe(summen_je_kreis: dict[tuple[int, int], dict], jahre) -> list[dict]:
    """Per year: Kennzahlen sums, funds per person in the target group, staffed VZÄ, proofs on time,
    funds received and spent, cost per person reached. A figure without data is ``None`` ("keine
    Daten"), never 0: a year without any Kennzahlen report, a year without a submitted proof."""
    je_jahr = defaultdict(lambda: dict.fromkeys(SUMMEN, 0))
    for (_kreis, jahr), werte in summen_je_kreis.items():
        for name in SUMMEN:
            je_jahr[jahr][name] += werte.get(name, 0)
    zeilen = []
    for jahr in sorted(set(jahre)):
        z = je_jahr[jahr]
        gemeldet, eingereicht = z["meldungen"] > 0, z["eingereicht"] > 0
        zeilen.append(
            {
                "jahr": jahr,
                "meldungen": z["meldungen"],
                **{key: z[key] if gemeldet else None for key, _label in KENNZAHLEN},
                "mittel_je_person": _quotient(z["mittel"], z["personen"]),
                "vzae": Decimal(z["vzae"]).quantize(CENT, rounding=ROUND_HALF_UP) if eingereicht else None,
                "nachweise_puenktlich": round(100 * z["puenktlich"] / z["faellig"]) if z["faellig"] else None,
                "erhalten": Decimal(z["erhalten"]).quantize(CENT) if eingereicht else None,
                "verausgabt": Decimal(z["verausgabt"]).quantize(CENT) if eingereicht else None,
                # spending and persons reached of the same Gemeinden: only once every proof is in
                "kosten_je_person": _quotient(z["verausgabt"], z["personen_erreicht"])
                if eingereicht and gemeldet and z["eingereicht"] == z["nachweise"]
                else None,
            }
        )
    return zeilen


def jahresreihe(foerderjahre, gemeinde_ids=None) -> list[dict]:
    """The cockpit's figures per year for the Förderjahre (of the given Gemeinden only, if named)."""
    return reihe(summen(foerderjahre, gemeinde_ids), [fj.jahr for fj in foerderjahre])


class CockpitView(DatenstandMixin, LoginRequiredMixin, TemplateView):
    """The charts are computed on first use and cached under the Datenstand (the Land's span all Kreise)."""

    template_name = "proof/cockpit.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["diagramme"] = spaeter(self.diagramme)
        ctx["fehlende_kennzahlen"] = self.fehlende_kennzahlen()
        scope = scope_of(self.request.user)
        # a Gemeinde sees its own Kennzahlen beside the Kreis average, not the money of the Kreis
        ctx["nur_gemeinde"] = not scope.alles and not scope.kreis_ids
        return ctx

    def fehlende_kennzahlen(self) -> list[tuple[Foerderjahr, list[str]]]:
        """For a coordinator: per year whose Kennzahlen can be entered, the Gemeinden that run the work
        themselves (alone or in a Verbund) and have not reported yet."""
        from workflows.optin.models import Entscheidung, Status, Wahl

        kreis_ids = scope_of(self.request.user).koordination_kreis_ids
        if not kreis_ids:
            return []
        jahre = (
            # years whose Kennzahlen can be entered (the window is data of the year) and not closed
            Foerderjahr.objects.filter(
                kreis_id__in=kreis_ids, beginn_kennzahlen__lte=berliner_datum(timezone.now())
            )
            .exclude(status__in=[Foerderjahr.Status.ENTWURF, Foerderjahr.Status.ABGESCHLOSSEN])
            .select_related("kreis")
            .order_by("-jahr", "kreis__name")
        )
        fehlend = []
        for fj in jahre:
            gemeldet = Kennzahlmeldung.objects.filter(foerderjahr=fj).values("gemeinde")
            namen = list(
                Entscheidung.objects.filter(
                    foerderjahr=fj, status=Status.ANGENOMMEN, wahl__in=[Wahl.ALLEIN, Wahl.VERBUND]
                )
                .exclude(gemeinde__in=gemeldet)
                .order_by("gemeinde__name")
                .values_list("gemeinde__name", flat=True)
            )
            if namen:
                fehlend.append((fj, namen))
        return fehlend

    def diagramme(self) -> list[dict]:
        user = self.request.user
        scope = scope_of(user)
        jahre = list(Foerderjahr.objects.visible_to(user).select_related("kreis").only("jahr", "kreis__name"))
        diagramme = []
        if scope.alles or scope.kreis_ids:
            eigene = jahre if scope.alles else [fj for fj in jahre if fj.kreis_id in scope.kreis_ids]
            je_kreis = kreissummen(eigene)
            zeilen = reihe(je_kreis, [fj.jahr for fj in eigene])
            ebene = _("alle Kreise") if scope.alles else _("Ihr Kreis")
            for key, label in KENNZAHLEN:
                titel = _("%(kennzahl)s je Jahr (%(ebene)s)") % {"kennzahl": label, "ebene": ebene}
                diagramme.append(self._diagramm(titel, [(r["jahr"], r[key]) for r in zeilen]))
            diagramme.append(
                self._diagramm(
                    _("Mittel je Person der Zielgruppe (EUR)"),
                    [(r["jahr"], r["mittel_je_person"]) for r in zeilen],
                )
            )
            diagramme.append(
                self._diagramm(
                    _("Besetzte VZÄ (Jahresdurchschnitt)"), [(r["jahr"], r["vzae"]) for r in zeilen]
                )
            )
            diagramme.append(
                self._diagramm(
                    _("Verwendungsnachweise fristgerecht (%)"),
                    [(r["jahr"], r["nachweise_puenktlich"]) for r in zeilen],
                )
            )
            geld = []
            for r in zeilen:
                geld.append((_("%(jahr)s erhalten") % {"jahr": r["jahr"]}, r["erhalten"]))
                geld.append((_("%(jahr)s verausgabt") % {"jahr": r["jahr"]}, r["verausgabt"]))
            diagramme.append(
                self._diagramm(_("Mittel erhalten und verausgabt laut Verwendungsnachweis (EUR)"), geld)
            )
            diagramme.append(
                self._diagramm(
                    _("Kosten je erreichter Person (EUR)"),
                    [(r["jahr"], r["kosten_je_person"]) for r in zeilen],
                )
            )
            letzte = max((j for (_k, j), w in je_kreis.items() if w["meldungen"]), default=None)
            if letzte and scope.alles:
                namen = {fj.kreis_id: fj.kreis.name for fj in eigene}
                einheiten = {
                    namen[k]: w["personen_erreicht"]
                    for (k, j), w in je_kreis.items()
                    if j == letzte and w["meldungen"]
                }
                titel = _("Erreichte Personen %(jahr)s je Kreis") % {"jahr": letzte}
                diagramme.append(self._diagramm(titel, sorted(einheiten.items())))
            elif letzte:
                einheiten = dict(
                    Kennzahlmeldung.objects.filter(foerderjahr__in=[fj for fj in eigene if fj.jahr == letzte])
                    .values_list("gemeinde__name")
                    .order_by()
                    .annotate(s=kennzahl_summe("personen_erreicht"))
                )
                titel = _("Erreichte Personen %(jahr)s je Gemeinde") % {"jahr": letzte}
                diagramme.append(self._diagramm(titel, sorted(einheiten.items())))
        for gemeinde in Gemeinde.objects.filter(pk__in=scope.gemeinde_ids).select_related("kreis"):
            kreis_jahre = [fj for fj in jahre if fj.kreis_id == gemeinde.kreis_id]
            eigen = {r["jahr"]: r for r in jahresreihe(kreis_jahre, [gemeinde.pk])}
            kreis = {r["jahr"]: r for r in reihe(kreissummen(kreis_jahre), [fj.jahr for fj in kreis_jahre])}
            for key, label in KENNZAHLEN[:1] + KENNZAHLEN[2:]:
                werte = []
                for jahr in sorted(eigen):
                    werte.append((f"{jahr} {gemeinde.name}", eigen[jahr][key]))
                    # the average over the Gemeinden that reported, not over all (#19)
                    gemeldet = kreis[jahr]["meldungen"]
                    schnitt = (
                        (Decimal(kreis[jahr][key]) / gemeldet).quantize(Decimal("0.1")) if gemeldet else None
                    )
                    werte.append((_("%(jahr)s Kreisdurchschnitt") % {"jahr": jahr}, schnitt))
                titel = _("%(kennzahl)s: %(gemeinde)s und Kreisdurchschnitt") % {
                    "kennzahl": label,
                    "gemeinde": gemeinde.name,
                }
                diagramme.append(self._diagramm(titel, werte))
        return diagramme

    def get(self, request, *args, **kwargs):
        """``?format=xlsx``: every chart's numbers in one sheet; ``?format=svg&nr=N``: chart N as a file."""
        format = request.GET.get("format")
        if format not in ("xlsx", "svg"):
            return super().get(request, *args, **kwargs)
        diagramme = self.diagramme()
        if format == "xlsx":
            zeilen = [[_("Diagramm"), _("Bezeichnung"), _("Wert")]]
            zeilen += [[d["titel"], str(label), wert] for d in diagramme for label, wert in d["werte"]]
            inhalt = tabelle_xlsx(_("Cockpit"), zeilen, autor=request.user.get_full_name())
            return download(inhalt, "Cockpit.xlsx")
        try:
            nr = int(request.GET.get("nr", ""))
            if nr < 1:
                raise ValueError
            d = diagramme[nr - 1]
        except (ValueError, IndexError):
            raise Http404 from None
        antwort = HttpResponse(str(d["svg"]), content_type="image/svg+xml; charset=utf-8")
        antwort["Content-Disposition"] = content_disposition_header(
            True, f"Cockpit-{int(request.GET['nr'])}.svg"
        )
        return antwort

    @staticmethod
    def _diagramm(titel, werte):
        return {"titel": titel, "svg": mark_safe(balken_svg(titel, werte)), "werte": werte}  # noqa: S308 – escaped in balken_svg
