from django import forms
from django.utils.translation import gettext_lazy as _


class BegruendungForm(forms.Form):
    begruendung = forms.CharField(
        label=_("Begründung"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class VerzeichnisForm(forms.Form):
    datei = forms.FileField(
        label=_("Gemeindeverzeichnis"),
        help_text=_(
            "GV100AD des Statistischen Bundesamts (Textdatei) oder CSV mit der Kopfzeile „ags;name“."
        ),
    )


class EinladungForm(forms.Form):
    """Whom to invite, in which role and organisation (the coordinator's Kreis or one of its Gemeinden)."""

    vorname = forms.CharField(label=_("Vorname"), max_length=150)
    nachname = forms.CharField(label=_("Nachname"), max_length=150)
    email = forms.EmailField(label=_("E-Mail-Adresse"))
    rolle = forms.ChoiceField(label=_("Rolle"))
    gemeinde = forms.ModelChoiceField(
        label=_("Gemeinde"),
        queryset=None,
        required=False,
        help_text=_("Nur für die Rolle Gemeinde."),
    )
    kreis = forms.ModelChoiceField(label=_("Kreis"), queryset=None)

    def __init__(self, *args, kreise, **kwargs):
        from portal.organisations.models import Gemeinde
        from portal.organisations.zugaenge import VERGEBBARE_ROLLEN

        super().__init__(*args, **kwargs)
        self.fields["rolle"].choices = [(r.value, r.label) for r in VERGEBBARE_ROLLEN]
        self.fields["kreis"].queryset = kreise
        self.fields["gemeinde"].queryset = Gemeinde.objects.filter(kreis__in=kreise, aktiv=True).order_by(
            "name"
        )
        if kreise.count() == 1:
            self.fields["kreis"].initial = kreise.first()
            self.fields["kreis"].widget = forms.HiddenInput()

    def clean(self):
        daten = super().clean()
        if daten.get("rolle") == "gemeinde" and not daten.get("gemeinde"):
            self.add_error("gemeinde", _("Bitte die Gemeinde wählen."))
        return daten


class RolleErteilenForm(EinladungForm):
    """A role for somebody who already has an account."""

    def __init__(self, *args, benutzer, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("vorname", "nachname", "email"):
            del self.fields[name]
        self.fields["benutzer"] = forms.ModelChoiceField(label=_("Benutzer"), queryset=benutzer)
        self.order_fields(["benutzer", "rolle", "gemeinde", "kreis"])


class PasswortSetzenForm(forms.Form):
    passwort1 = forms.CharField(
        label=_("Neues Passwort"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
    )
    passwort2 = forms.CharField(
        label=_("Neues Passwort (Wiederholung)"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
    )

    def clean(self):
        daten = super().clean()
        if daten.get("passwort1") and daten.get("passwort1") != daten.get("passwort2"):
            self.add_error("passwort2", _("Die beiden Passwörter stimmen nicht überein."))
        return daten


class KreisEinstellungenForm(forms.ModelForm):
    webseite = forms.URLField(label=_("Internetseite"), required=False, assume_scheme="https")

    class Meta:
        from portal.organisations.kreiseinstellungen import EINSTELLUNGEN
        from portal.organisations.models import Kreis

        model = Kreis
        fields = [*EINSTELLUNGEN, "logo"]
        widgets = {"rechtsbehelfsbelehrung": forms.Textarea(attrs={"rows": 6})}


class AnschriftForm(forms.ModelForm):
    class Meta:
        from portal.organisations.models import Gemeinde

        model = Gemeinde
        fields = ["strasse", "plz", "ort"]


class KontoForm(forms.Form):
    kontoinhaber = forms.CharField(label=_("Kontoinhaber (Kreiskasse)"), max_length=70)
    iban = forms.CharField(label=_("IBAN"), max_length=42, help_text=_("in Viererblöcken oder am Stück"))
    bic = forms.CharField(label=_("BIC"), max_length=14, required=False)
