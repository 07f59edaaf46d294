"""The proof-of-use wizard (django-formtools): Sachbericht → Stellen (VZÄ for each month, costs) →
Einnahmen → Anlagen → Prüfung (the checks, then submit). Drafts and going back as in
``forms.entwurf.EntwurfWizard``; the last step calls ``workflows.proof.services.einreichen``."""

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forms.entscheidung import VZAE_MESSAGES
from forms.entwurf import EntwurfWizard
from portal.core.darstellung import dezimal
from portal.core.felder import EuroField, upload_mb
from portal.core.uploads import pruefe_pdf
from workflows.proof import pruefungen, services
from workflows.proof.models import NachweisStelle, Verwendungsnachweis

MONATSNAMEN = [
    gettext_lazy("Januar"),
    gettext_lazy("Februar"),
    gettext_lazy("März"),
    gettext_lazy("April"),
    gettext_lazy("Mai"),
    gettext_lazy("Juni"),
    gettext_lazy("Juli"),
    gettext_lazy("August"),
    gettext_lazy("September"),
    gettext_lazy("Oktober"),
    gettext_lazy("November"),
    gettext_lazy("Dezember"),
]
EURO_FEHLER = {
    "invalid": gettext_lazy("Bitte einen Betrag in Euro angeben, z. B. 12345,67."),
    "max_decimal_places": gettext_lazy("Bitte höchstens zwei Nachkommastellen (ganze Cent) angeben."),
    "max_digits": gettext_lazy("Der Betrag ist zu groß."),
    "max_whole_digits": gettext_lazy("Der Betrag ist zu groß."),
    "min_value": gettext_lazy("Der Betrag darf nicht negativ sein."),
    "required": gettext_lazy("Bitte einen Betrag angeben (0, wenn keiner)."),
}


def euro(label, **kwargs):
    return EuroField(label=label, min_value=Decimal("0"), error_messages=EURO_FEHLER, **kwargs)


class SachberichtForm(forms.Form):
    ziele = forms.CharField(
        label=gettext_lazy("Ziele und Ergebnisse"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": gettext_lazy("Bitte beschreiben Sie die Ziele und Ergebnisse.")},
    )
    kooperationspartner = forms.CharField(
        label=gettext_lazy("Kooperationspartner"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    integrationsplaene = forms.CharField(
        label=gettext_lazy("Integrationspläne"),
        help_text=gettext_lazy("Wie viele wurden erstellt, mit welchen Zielen, mit welchem Ergebnis?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    schwierigkeiten = forms.CharField(
        label=gettext_lazy("Schwierigkeiten"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    sachbericht_datei = forms.FileField(
        label=format_lazy(gettext_lazy("Sachbericht als PDF (optional, höchstens {mb} MB)"), mb=upload_mb()),
        required=False,
        validators=[pruefe_pdf],
    )


class StelleNachweisForm(forms.Form):
    qualifikation = forms.ChoiceField(
        label=gettext_lazy("Qualifikation"),
        choices=NachweisStelle.Qualifikation.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Bitte wählen Sie die Qualifikation.")},
    )
    personalkosten = euro(gettext_lazy("Personalkosten (EUR)"))
    sachkosten = euro(gettext_lazy("Sachkosten (EUR)"), required=False)

    def __init__(self, *args, maximum=Decimal("1.00"), **kwargs):
        """``maximum``: the Förderjahr's maximum VZÄ per position (the wizard passes it)."""
        super().__init__(*args, **kwargs)
        for m, name in enumerate(MONATSNAMEN, 1):
            self.fields[f"vzae_{m:02d}"] = forms.DecimalField(
                label=name,
                max_digits=3,
                decimal_places=2,
                localize=True,
                min_value=Decimal("0"),
                max_value=maximum,
                error_messages={
                    **VZAE_MESSAGES,
                    "required": gettext_lazy("Bitte den Stellenumfang angeben (0, wenn unbesetzt)."),
                    "min_value": gettext_lazy("Der Stellenumfang darf nicht negativ sein."),
                    "max_value": _("Höchstens %(max)s VZÄ je Stelle.") % {"max": dezimal(maximum)},
                },
                widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 4}),
            )

    def monate(self):
        return [self.cleaned_data[f"vzae_{m:02d}"] for m in range(1, 13)]


class BaseStellenNachweisFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        if not any(f.cleaned_data for f in self.forms):
            raise ValidationError(_("Bitte geben Sie mindestens eine Stelle an."))


StellenNachweisFormSet = forms.formset_factory(
    StelleNachweisForm,
    formset=BaseStellenNachweisFormSet,
    extra=1,
    max_num=10,
    validate_max=True,
    absolute_max=12,
)


class EinnahmenForm(forms.Form):
    """The transfer received is not typed: it is the Kreis's paid transfers (shown on the page)."""

    eigenmittel = euro(gettext_lazy("Eigenmittel (EUR)"))
    sonstige_zuschuesse = euro(gettext_lazy("sonstige Zuschüsse (EUR)"))


class AnlagenForm(forms.Form):
    anlage = forms.FileField(
        label=format_lazy(
            gettext_lazy("Weitere Anlage als PDF (optional, höchstens {mb} MB)"), mb=upload_mb()
        ),
        required=False,
        validators=[pruefe_pdf],
    )


class PruefungForm(forms.Form):
    bestaetigung = forms.BooleanField(
        label=gettext_lazy("Die Angaben sind vollständig und richtig; die Belege liegen vor."),
        error_messages={"required": gettext_lazy("Bitte bestätigen Sie die Angaben.")},
    )


class NachweisWizard(EntwurfWizard):
    form_list = [
        ("sachbericht", SachberichtForm),
        ("stellen", StellenNachweisFormSet),
        ("einnahmen", EinnahmenForm),
        ("anlagen", AnlagenForm),
        ("pruefung", PruefungForm),
    ]
    template_name = "proof/wizard.html"
    record_model = Verwendungsnachweis
    permission = "nachweis.bearbeiten"
    prefix_name = "nachweis"
    step_titles = {
        "sachbericht": gettext_lazy("Sachbericht"),
        "stellen": gettext_lazy("Stellen und Kosten"),
        "einnahmen": gettext_lazy("Einnahmen"),
        "anlagen": gettext_lazy("Anlagen"),
        "pruefung": gettext_lazy("Prüfung und Einreichen"),
    }

    def get_record_queryset(self):
        return super().get_record_queryset().select_related("foerderjahr__kreis", "gemeinde", "verbund")

    def get_form_kwargs(self, step=None):
        if step == "stellen":
            return {"form_kwargs": {"maximum": self.record.foerderjahr.max_vzae_pro_stelle}}
        return {}

    def entwurf_gespeichert(self):
        services.entwurf_gespeichert(self.record, self.request.user)

    def get_form_initial(self, step):
        n = self.record
        if step == "einnahmen":
            return {
                "eigenmittel": n.eigenmittel,
                "sonstige_zuschuesse": n.sonstige_zuschuesse,
            }
        if step == "sachbericht":
            return {
                k: getattr(n, k)
                for k in ("ziele", "kooperationspartner", "integrationsplaene", "schwierigkeiten")
            }
        if step == "stellen":
            return [
                {
                    "qualifikation": s.qualifikation,
                    "personalkosten": s.personalkosten,
                    "sachkosten": s.sachkosten,
                    **{f"vzae_{m:02d}": v for m, v in enumerate(s.monate(), 1)},
                }
                for s in n.stellen.all()
            ]
        return {}

    def _stellen(self) -> list[services.StellenNachweis]:
        rows = self.get_cleaned_data_for_step("stellen") or []
        return [
            services.StellenNachweis(
                qualifikation=r["qualifikation"],
                vzae_monate=[r[f"vzae_{m:02d}"] for m in range(1, 13)],
                personalkosten=r["personalkosten"],
                sachkosten=r.get("sachkosten") or Decimal("0.00"),
            )
            for r in rows
            if r
        ]

    def ergebnis(self):
        einnahmen = self.get_cleaned_data_for_step("einnahmen") or {}
        stellen = self._stellen()
        return pruefungen.pruefen(
            [s.vzae_monate for s in stellen],
            self.record.foerderjahr.min_vzae_pro_stelle,
            sum((s.personalkosten for s in stellen), Decimal("0.00")),
            sum((s.sachkosten for s in stellen), Decimal("0.00")),
            services.mittel_erhalten(self.record.entscheidung),
            einnahmen.get("eigenmittel") or Decimal("0.00"),
            einnahmen.get("sonstige_zuschuesse") or Decimal("0.00"),
            self.record.foerderjahr.finanzierungsart,
            self.record.foerderjahr.foerderanteil_prozent,
        )

    def get_context_data(self, form, **kwargs):
        ctx = super().get_context_data(form=form, **kwargs)
        ctx.update(
            nachweis=self.record,
            foerderjahr=self.record.foerderjahr,
            schritte=[(name, self.step_titles[name]) for name in self.get_form_list()],
            schritt_titel=self.step_titles[self.steps.current],
            monate=MONATSNAMEN,
            mittel_erhalten=services.mittel_erhalten(self.record.entscheidung),
        )
        if self.steps.current == "pruefung":
            ctx["ergebnis"] = self.ergebnis()
        return ctx

    def done(self, form_list, form_dict=None, **kwargs):
        bericht = form_dict["sachbericht"].cleaned_data
        einnahmen = form_dict["einnahmen"].cleaned_data
        daten = services.Nachweisdaten(
            ziele=bericht["ziele"],
            kooperationspartner=bericht.get("kooperationspartner", ""),
            integrationsplaene=bericht.get("integrationsplaene", ""),
            schwierigkeiten=bericht.get("schwierigkeiten", ""),
            stellen=self._stellen(),
            eigenmittel=einnahmen["eigenmittel"],
            sonstige_zuschuesse=einnahmen["sonstige_zuschuesse"],
            sachbericht_datei=bericht.get("sachbericht_datei"),
            anlage=form_dict["anlagen"].cleaned_data.get("anlage"),
        )
        try:
            n = services.einreichen(self.record, daten, self.request.user)
        except PermissionDenied as e:
            messages.info(self.request, str(e))
            return redirect(self.record.get_absolute_url())
        except ValidationError as e:
            return self.fehler_im_letzten_schritt(form_dict, e)
        messages.success(self.request, _("Der Verwendungsnachweis ist eingereicht."))
        return redirect(n.get_absolute_url())
