"""Forms of the Weiterleitung; the rules themselves are checked again in ``services``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core.darstellung import datum, geld
from portal.core.felder import DatumsFeld, EuroField
from portal.core.iban import bic_pruefen, iban_pruefen
from workflows.transfer.models import Weiterleitung

BETRAG_FEHLER = {
    "invalid": _("Bitte einen Betrag in Euro angeben, z. B. 12345,67."),
    "max_decimal_places": _("Bitte höchstens zwei Nachkommastellen (ganze Cent) angeben."),
    "required": _("Bitte einen Betrag angeben."),
}


class AuszahlungForm(forms.Form):
    datum = DatumsFeld(
        label=_("Datum des Zahlungseingangs"),
        error_messages={"required": _("Bitte das Datum angeben.")},
    )
    betrag = EuroField(label=_("Betrag (EUR)"), error_messages=BETRAG_FEHLER)
    referenz = forms.CharField(label=_("Referenz / Kassenzeichen"), max_length=100)
    tranche = forms.IntegerField(label=_("Tranche"), min_value=1, max_value=9, initial=1)
    begruendung = forms.CharField(
        label=_("Begründung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("nur nötig, wenn die Auszahlungen zusammen den Planungsrahmen überschreiten"),
    )


class KorrekturForm(forms.Form):
    """A counter-entry to a recorded payout: the right amount and why."""

    auszahlung = forms.ModelChoiceField(label=_("Auszahlung"), queryset=None, empty_label=None)
    richtiger_betrag = EuroField(label=_("Richtiger Betrag (EUR)"), error_messages=BETRAG_FEHLER)
    begruendung = forms.CharField(
        label=_("Begründung der Korrektur"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        error_messages={"required": _("Bitte begründen Sie die Korrektur.")},
    )

    def __init__(self, *args, foerderjahr, **kwargs):
        super().__init__(*args, **kwargs)
        from workflows.transfer.models import Landesauszahlung

        self.fields["auszahlung"].queryset = foerderjahr.landesauszahlungen.filter(
            art=Landesauszahlung.Art.AUSZAHLUNG
        ).order_by("tranche")
        self.fields["auszahlung"].label_from_instance = lambda a: (
            _("Tranche %(t)s: %(b)s am %(d)s")
            % {
                "t": a.tranche,
                "b": geld(a.betrag),
                "d": datum(a.datum),
            }
        )


class ZahlungsForm(forms.Form):
    betrag = EuroField(
        label=_("Betrag (EUR)"),
        help_text=_("Vorgabe: der Anteil aus der veröffentlichten Mittelverteilung"),
        error_messages=BETRAG_FEHLER,
    )
    rechtsform = forms.ChoiceField(
        label=_("Rechtsform"), choices=Weiterleitung.Rechtsform.choices, widget=forms.RadioSelect
    )
    kontoinhaber = forms.CharField(label=_("Kontoinhaber"), max_length=70)
    iban = forms.CharField(label=_("IBAN"), max_length=42, help_text=_("wird mit Prüfziffer geprüft"))
    bic = forms.CharField(label=_("BIC"), max_length=14, required=False)
    verwendungszweck = forms.CharField(label=_("Verwendungszweck"), max_length=140, required=False)

    def clean_iban(self):
        return iban_pruefen(self.cleaned_data["iban"])

    def clean_bic(self):
        return bic_pruefen(self.cleaned_data["bic"]) if self.cleaned_data["bic"].strip() else ""

    def clean_betrag(self):
        betrag = self.cleaned_data["betrag"]
        if betrag <= 0:
            raise forms.ValidationError(_("Der Betrag muss größer als 0 sein."))
        return betrag


class BezahltForm(forms.Form):
    datum = DatumsFeld(
        label=_("bezahlt am"),
        error_messages={
            "required": _("Bitte das Zahlungsdatum angeben."),
        },
    )
    buchungsreferenz = forms.CharField(
        label=_("Buchungsreferenz"),
        max_length=100,
        error_messages={"required": _("Bitte die Buchungsreferenz angeben.")},
    )


class GrundForm(forms.Form):
    begruendung = forms.CharField(
        label=_("Grund der Rückgabe"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
