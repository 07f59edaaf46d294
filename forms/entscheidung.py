"""The Gemeinde's decision wizard (django-formtools): choice → positions → financing → council
decision → summary. Drafts live on the ``Entscheidung`` (``forms.entwurf.EntwurfStorage``), so they
survive logout; "Zurück" and "Entwurf speichern" keep what was typed, valid or not. The last step calls
``workflows.optin.services.einreichen``, the one door for a submission."""

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.utils import ErrorDict
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forms.entwurf import EntwurfWizard
from portal.core.darstellung import dezimal
from portal.core.felder import DatumsFeld, upload_mb
from portal.core.uploads import pruefe_pdf
from portal.funding.finanzierung import finanzierung
from portal.funding.fristen import ist_verspaetet
from portal.funding.verteilung_services import gebuendelter_anteil, veroeffentlichte_verteilung
from portal.organisations.models import Gemeinde, Traeger
from workflows.optin import services
from workflows.optin.models import Entscheidung, Stelle, Wahl

VZAE_MESSAGES = {
    "invalid": gettext_lazy("Bitte geben Sie den Stellenumfang als Zahl an, z. B. 0,5."),
    "max_decimal_places": gettext_lazy("Bitte höchstens zwei Nachkommastellen angeben."),
    "max_digits": gettext_lazy("Höchstens 1,0 VZÄ je Stelle."),
    "max_whole_digits": gettext_lazy("Höchstens 1,0 VZÄ je Stelle."),
}


# --- step 1: choice ------------------------------------------------------------------------------------
class WahlForm(forms.Form):
    wahl = forms.ChoiceField(
        label=gettext_lazy("Wie soll das Integrationsmanagement ab dem Förderjahr erbracht werden?"),
        choices=Wahl.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Bitte wählen Sie eine der drei Möglichkeiten.")},
    )
    verbund_name = forms.CharField(
        label=gettext_lazy("Name des Verbunds"),
        max_length=150,
        required=False,
        help_text=gettext_lazy("nur bei einem Verbund"),
    )
    partner = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Partnergemeinden"),
        queryset=Gemeinde.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("nur bei einem Verbund: die anderen Gemeinden des Verbunds (aus Ihrem Kreis)"),
        error_messages={"invalid_choice": gettext_lazy("Bitte wählen Sie nur Gemeinden aus Ihrem Kreis.")},
    )
    federfuehrend = forms.ModelChoiceField(
        label=gettext_lazy("Federführende Gemeinde"),
        queryset=Gemeinde.objects.all(),
        required=False,
        help_text=gettext_lazy(
            "nur bei einem Verbund: die Gemeinde, die den Verbund führt und die Mittel erhält"
        ),
        error_messages={"invalid_choice": gettext_lazy("Diese Gemeinde gibt es nicht.")},
    )

    def __init__(self, *args, entscheidung=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.entscheidung = entscheidung
        kreis_gemeinden = Gemeinde.objects.filter(kreis_id=entscheidung.foerderjahr.kreis_id).order_by("name")
        # only the own Kreis's Gemeinden are choices: an id of another Kreis is no valid choice, and its
        # name is never looked up into a message (#18, finding 7)
        self.fields["partner"].queryset = kreis_gemeinden.exclude(pk=entscheidung.gemeinde_id)
        self.fields["federfuehrend"].queryset = kreis_gemeinden
        self.fields["partner"].widget.choices = [
            (g.pk, g.name) for g in kreis_gemeinden if g.pk != entscheidung.gemeinde_id
        ]
        self.fields["federfuehrend"].widget.choices = [("", "---------")] + [
            (g.pk, g.name) for g in kreis_gemeinden
        ]

    def clean(self):
        data = super().clean()
        if data.get("wahl") != Wahl.VERBUND:
            return data
        partner = list(data.get("partner") or [])
        if not partner and "partner" not in self.errors:
            self.add_error("partner", _("Ein Verbund braucht mindestens eine Partnergemeinde."))
        meldungen = services.partner_fehler(self.entscheidung, partner)
        if not (data.get("verbund_name") or "").strip():
            self.add_error("verbund_name", _("Bitte geben Sie dem Verbund einen Namen."))
        else:
            meldungen += services.verbund_fehler(self.entscheidung, partner, data["verbund_name"])
        for message in dict.fromkeys(meldungen):  # one message per refused partner
            self.add_error("partner", message)
        lead = data.get("federfuehrend")
        members = {self.entscheidung.gemeinde_id, *(g.pk for g in partner)}
        if lead is None and "federfuehrend" not in self.errors:
            self.add_error("federfuehrend", _("Bitte wählen Sie die federführende Gemeinde."))
        elif lead is not None and lead.pk not in members:
            self.add_error("federfuehrend", _("Die federführende Gemeinde muss zum Verbund gehören."))
        return data


# --- step 2: positions -----------------------------------------------------------------------------------
class StelleForm(forms.Form):
    vzae = forms.DecimalField(
        label=gettext_lazy("Stellenumfang (VZÄ)"),
        max_digits=3,
        decimal_places=2,
        help_text=gettext_lazy("z. B. 0,5 für eine halbe Stelle"),
        error_messages={**VZAE_MESSAGES, "required": gettext_lazy("Bitte geben Sie den Stellenumfang an.")},
        localize=True,
    )
    arbeitgeber = forms.ChoiceField(label=gettext_lazy("Anstellungsträger"))
    beginn = DatumsFeld(
        label=gettext_lazy("geplanter Beginn"),
        error_messages={
            "required": gettext_lazy("Bitte geben Sie den geplanten Beginn an."),
        },
    )
    qualifikation = forms.ChoiceField(
        label=gettext_lazy("Qualifikation"),
        choices=Stelle.Qualifikation.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Bitte wählen Sie die Qualifikation.")},
    )

    def __init__(self, *args, traeger=(), gemeinde_name="", maximum=None, **kwargs):
        super().__init__(*args, **kwargs)
        #: the Förderjahr's maximum per position (a parameter of the year)
        self.maximum = maximum
        if maximum is not None:
            self.fields["vzae"].help_text = _(
                "z. B. 0,5 für eine halbe Stelle; höchstens %(max)s je Stelle"
            ) % {"max": dezimal(maximum)}
        # the default employer is the Gemeinde itself; as the initial value it leaves empty rows unchanged
        self.fields["arbeitgeber"].initial = "gemeinde"
        self.fields["arbeitgeber"].choices = [
            ("gemeinde", _("%(gemeinde)s (selbst)") % {"gemeinde": gemeinde_name})
        ] + [(str(t.pk), str(t)) for t in traeger]

    def clean_vzae(self):
        value = self.cleaned_data["vzae"]
        if value <= 0:
            raise ValidationError(_("Der Stellenumfang muss größer als 0 sein."))
        if self.maximum is not None and value > self.maximum:
            raise ValidationError(_("Höchstens %(max)s VZÄ je Stelle.") % {"max": dezimal(self.maximum)})
        return value


class BaseStellenFormSet(forms.BaseFormSet):
    """The planned positions. A submitted position can be struck out ("Diese Stelle streichen"), and a
    row whose size and start were both cleared counts as struck out too (its radio buttons cannot be
    cleared); there is always one empty row at the end for another position (``mit_leerer_zeile``)."""

    #: the Förderjahr's minimum position, set by the wizard (``get_form``)
    minimum: Decimal | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.initial:  # a returned decision: its positions and one empty row
            self.extra = 1

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Diese Stelle streichen")

    def full_clean(self):
        super().full_clean()
        if not self.is_bound:
            return
        # a struck-out or cleared row is not a position: it shows no errors when the page comes back
        for form in self.forms:
            if self._should_delete_form(form):
                form._errors = ErrorDict()

    def _should_delete_form(self, form):
        if super()._should_delete_form(form):
            return True
        if not form.is_bound:
            return False
        return not any((form.data.get(form.add_prefix(name)) or "").strip() for name in ("vzae", "beginn"))

    def clean(self):
        if any(self.errors):
            return
        vzae = [
            f.cleaned_data["vzae"] for f in self.forms if f.cleaned_data and not self._should_delete_form(f)
        ]
        fehler = services.mindeststelle_fehler(vzae, self.minimum)
        if fehler:
            raise ValidationError(fehler)


StellenFormSet = forms.formset_factory(
    StelleForm,
    formset=BaseStellenFormSet,
    extra=2,
    max_num=10,
    validate_max=True,
    absolute_max=12,
    can_delete=True,
    can_delete_extra=False,
)


def mit_leerer_zeile(data, prefix: str, hoechstens: int = 10):
    """The posted or stored rows with one empty row added when the last one is filled in, so another
    position can always be added (without JavaScript; an empty row is ignored)."""
    try:
        anzahl = int(data.get(f"{prefix}-TOTAL_FORMS", ""))
    except (TypeError, ValueError):
        return data
    letzte = anzahl - 1
    belegt = any((data.get(f"{prefix}-{letzte}-{name}") or "").strip() for name in ("vzae", "beginn"))
    if anzahl < 1 or anzahl >= hoechstens or not belegt:
        return data
    data = data.copy()
    data[f"{prefix}-TOTAL_FORMS"] = str(anzahl + 1)
    return data


# --- step 3: financing (display only) ---------------------------------------------------------------------
class FinanzierungForm(forms.Form):
    """Nothing to enter: the step shows what the share funds, for the council."""


# --- step 4: council decision and contact -----------------------------------------------------------------
class BeschlussForm(forms.Form):
    beschluss_datum = DatumsFeld(
        label=gettext_lazy("Datum des Gemeinderatsbeschlusses"),
        required=False,
    )
    beschluss_datei = forms.FileField(
        label=format_lazy(gettext_lazy("Gemeinderatsbeschluss (PDF, höchstens {mb} MB)"), mb=upload_mb()),
        required=False,
        validators=[pruefe_pdf],
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
    ansprechperson = forms.CharField(
        label=gettext_lazy("Ansprechperson"),
        max_length=150,
        error_messages={"required": gettext_lazy("Bitte nennen Sie eine Ansprechperson.")},
    )
    ansprechperson_email = forms.EmailField(
        label=gettext_lazy("E-Mail"),
        error_messages={
            "required": gettext_lazy("Bitte geben Sie eine E-Mail-Adresse an."),
            "invalid": gettext_lazy("Bitte geben Sie eine gültige E-Mail-Adresse an."),
        },
    )
    ansprechperson_telefon = forms.CharField(label=gettext_lazy("Telefon"), max_length=50, required=False)

    def __init__(self, *args, opt_in=True, datei_vorhanden=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.opt_in = opt_in
        self.datei_vorhanden = datei_vorhanden
        if datei_vorhanden:
            self.fields["beschluss_datei"].help_text = _(
                "Ein Beschluss ist bereits hochgeladen; laden Sie nur hoch, um ihn zu ersetzen."
            )

    def clean(self):
        data = super().clean()
        if self.opt_in:
            if not data.get("beschluss_datum") and "beschluss_datum" not in self.errors:
                self.add_error(
                    "beschluss_datum", _("Bitte geben Sie das Datum des Gemeinderatsbeschlusses an.")
                )
            if (
                not data.get("beschluss_datei")
                and not self.datei_vorhanden
                and "beschluss_datei" not in self.errors
            ):
                self.add_error(
                    "beschluss_datei", _("Bitte laden Sie den Gemeinderatsbeschluss als PDF hoch.")
                )
        return data


# --- step 5: summary ----------------------------------------------------------------------------------------
class ZusammenfassungForm(forms.Form):
    bestaetigung = forms.BooleanField(
        label=gettext_lazy("Die Angaben sind vollständig und entsprechen dem Beschluss der Gemeinde."),
        error_messages={"required": gettext_lazy("Bitte bestätigen Sie die Angaben.")},
    )


def _opt_in(wizard) -> bool:
    data = wizard.get_cleaned_data_for_step("wahl") or {}
    return data.get("wahl") in (Wahl.ALLEIN, Wahl.VERBUND)


def _mit_stellen(wizard) -> bool:
    """The steps on posts and financing belong to the path unless "beim Landkreis" was chosen: before
    the choice the heading counts the long path ("Schritt 1 von 5"), not 3 and then 5 (#19)."""
    data = wizard.get_cleaned_data_for_step("wahl") or {}
    return data.get("wahl") != Wahl.LANDKREIS


class EntscheidungWizard(EntwurfWizard):
    form_list = [
        ("wahl", WahlForm),
        ("stellen", StellenFormSet),
        ("finanzierung", FinanzierungForm),
        ("beschluss", BeschlussForm),
        ("zusammenfassung", ZusammenfassungForm),
    ]
    condition_dict = {"stellen": _mit_stellen, "finanzierung": _mit_stellen}
    storage_name = "forms.entwurf.EntwurfStorage"
    template_name = "optin/wizard.html"
    step_titles = {
        "wahl": gettext_lazy("Entscheidung"),
        "stellen": gettext_lazy("Stellen"),
        "finanzierung": gettext_lazy("Finanzierung"),
        "beschluss": gettext_lazy("Beschluss und Ansprechperson"),
        "zusammenfassung": gettext_lazy("Zusammenfassung"),
    }

    record_model = Entscheidung
    permission = "entscheidung.bearbeiten"
    prefix_name = "entscheidung"

    def get_record_queryset(self):
        return super().get_record_queryset().select_related("foerderjahr__kreis", "gemeinde")

    def entwurf_gespeichert(self):
        services.entwurf_gespeichert(self.record, self.request.user)

    @property
    def entscheidung(self):
        return self.record

    # --- forms ---------------------------------------------------------------------------------------
    def get_form_kwargs(self, step=None):
        fj = self.entscheidung.foerderjahr
        if step == "wahl":
            return {"entscheidung": self.entscheidung}
        if step == "stellen":
            return {
                "form_kwargs": {
                    "traeger": list(Traeger.objects.filter(kreis_id=fj.kreis_id).order_by("name")),
                    "gemeinde_name": self.entscheidung.gemeinde.name,
                    "maximum": fj.max_vzae_pro_stelle,
                }
            }
        if step == "beschluss":
            return {"opt_in": _opt_in(self), "datei_vorhanden": bool(self.entscheidung.beschluss_datei)}
        return {}

    def get_form(self, step=None, data=None, files=None):
        if (step or self.steps.current) == "stellen" and data is not None:
            data = mit_leerer_zeile(data, self.get_form_prefix("stellen"))
        form = super().get_form(step, data, files)
        if isinstance(form, BaseStellenFormSet):
            form.minimum = self.entscheidung.foerderjahr.min_vzae_pro_stelle
        return form

    def get_form_initial(self, step):
        """After a return for rework, the wizard starts from what was submitted."""
        e = self.entscheidung
        if not e.einreichungen:
            return (
                {}
                if step != "beschluss"
                else {
                    "ansprechperson": self.request.user.get_full_name(),
                    "ansprechperson_email": self.request.user.email,
                }
            )
        if step == "wahl":
            return {
                "wahl": e.wahl,
                "verbund_name": e.verbund_name,
                "partner": list(e.partner.values_list("pk", flat=True)),
                "federfuehrend": e.federfuehrend_id,
            }
        if step == "stellen":
            return [
                {
                    "vzae": s.vzae,
                    "arbeitgeber": str(s.traeger_id) if s.traeger_id else "gemeinde",
                    "beginn": s.beginn,
                    "qualifikation": s.qualifikation,
                }
                for s in e.stellen.all()
            ]
        if step == "beschluss":
            return {
                "beschluss_datum": e.beschluss_datum,
                "ansprechperson": e.ansprechperson,
                "ansprechperson_email": e.ansprechperson_email,
                "ansprechperson_telefon": e.ansprechperson_telefon,
            }
        return {}

    # --- context ---------------------------------------------------------------------------------------
    def _stellen(self) -> list[services.StellenAngabe]:
        rows = self.get_cleaned_data_for_step("stellen") or []
        traeger = {
            str(t.pk): t for t in Traeger.objects.filter(kreis_id=self.entscheidung.foerderjahr.kreis_id)
        }
        return [
            services.StellenAngabe(
                vzae=r["vzae"],
                beginn=r["beginn"],
                qualifikation=r["qualifikation"],
                traeger=traeger.get(r["arbeitgeber"]),
            )
            for r in rows
            if r and not r.get("DELETE") and "vzae" in r
        ]

    def finanzierung_kontext(self) -> dict:
        """Share (pooled over the Verbund), what it funds, and the own contribution for the planned VZÄ."""
        fj = self.entscheidung.foerderjahr
        wahl = self.get_cleaned_data_for_step("wahl") or {}
        mitglieder = [self.entscheidung.gemeinde]
        if wahl.get("wahl") == Wahl.VERBUND:
            mitglieder += list(wahl.get("partner") or [])
        verteilung = veroeffentlichte_verteilung(fj)
        if verteilung is None:
            return {"verteilung": None}
        anteile = list(verteilung.anteile.filter(gemeinde__in=mitglieder).select_related("gemeinde"))
        summe = gebuendelter_anteil({a.gemeinde_id: a.anteil for a in anteile}, [g.pk for g in mitglieder])
        geplant = sum((s.vzae for s in self._stellen()), Decimal("0.00"))
        return {
            "verteilung": verteilung,
            "anteile": anteile,
            "summe": summe,
            "geplante_vzae": geplant,
            "rechnung": finanzierung(summe, fj.referenzkosten_pro_vzae, geplant),
            "minimum": finanzierung(summe, fj.referenzkosten_pro_vzae, fj.min_vzae_pro_stelle),
        }

    def get_context_data(self, form, **kwargs):
        ctx = super().get_context_data(form=form, **kwargs)
        fj = self.entscheidung.foerderjahr
        ctx.update(
            entscheidung=self.entscheidung,
            foerderjahr=fj,
            schritte=[(name, self.step_titles[name]) for name in self.get_form_list()],
            schritt_titel=self.step_titles[self.steps.current],
        )
        if self.steps.current in ("finanzierung", "zusammenfassung") and _opt_in(self):
            ctx["finanzierung"] = self.finanzierung_kontext()
        if self.steps.current == "zusammenfassung":
            ctx["wahl"] = self.get_cleaned_data_for_step("wahl") or {}
            ctx["stellen"] = self._stellen() if _opt_in(self) else []
            ctx["beschluss"] = self.get_cleaned_data_for_step("beschluss") or {}
            ctx["frist_verpasst"] = ist_verspaetet(timezone.now(), fj.frist_entscheidung)
        return ctx

    # --- submit ----------------------------------------------------------------------------------------
    def done(self, form_list, form_dict=None, **kwargs):
        wahl = form_dict["wahl"].cleaned_data
        beschluss = form_dict["beschluss"].cleaned_data
        opt_in = wahl["wahl"] in (Wahl.ALLEIN, Wahl.VERBUND)
        verbund = wahl["wahl"] == Wahl.VERBUND
        daten = services.Einreichung(
            wahl=wahl["wahl"],
            partner=list(wahl.get("partner") or []) if verbund else [],
            federfuehrend=wahl.get("federfuehrend") if verbund else None,
            verbund_name=wahl.get("verbund_name") or "",
            stellen=self._stellen() if opt_in else [],
            beschluss_datum=beschluss.get("beschluss_datum"),
            beschluss_datei=beschluss.get("beschluss_datei"),
            ansprechperson=beschluss["ansprechperson"],
            ansprechperson_email=beschluss["ansprechperson_email"],
            ansprechperson_telefon=beschluss.get("ansprechperson_telefon") or "",
        )
        try:
            entscheidung = services.einreichen(self.entscheidung, daten, self.request.user)
        except PermissionDenied as e:
            messages.info(self.request, str(e))
            return redirect(self.entscheidung.get_absolute_url())
        except ValidationError as e:
            return self.fehler_im_letzten_schritt(form_dict, e)
        if entscheidung.verspaetet:
            messages.warning(
                self.request,
                _(
                    "Ihre Entscheidung ist nach der Frist eingegangen. "
                    "Die koordinierende Stelle entscheidet, ob sie angenommen wird."
                ),
            )
        else:
            messages.success(
                self.request,
                _("Ihre Entscheidung ist eingereicht. Sie erhalten eine Eingangsbestätigung per E-Mail."),
            )
        return redirect(entscheidung.get_absolute_url())
