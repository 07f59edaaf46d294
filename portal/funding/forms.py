"""Forms for the coordinator's work on Förderjahre."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core.felder import DatumsFeld, EuroField
from portal.funding.models import Foerderjahr, Foerderprogramm
from portal.organisations.models import Kreis


class ErinnerungTageField(forms.CharField):
    """Reminder offsets typed as "28, 7, 1"."""

    def prepare_value(self, value):
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return []
        try:
            days = sorted(
                {int(part) for part in value.replace(";", ",").split(",") if part.strip()}, reverse=True
            )
        except ValueError as e:
            raise forms.ValidationError(
                _("Bitte ganze Tage durch Komma getrennt angeben, z. B. 28, 7, 1.")
            ) from e
        if any(d < 0 or d > 365 for d in days):
            raise forms.ValidationError(_("Bitte ganze Tage zwischen 0 und 365 angeben, z. B. 28, 7, 1."))
        return days


class FoerderjahrForm(forms.ModelForm):
    """Edit a Förderjahr. The reason is required once the year is published or in use."""

    erinnerung_tage = ErinnerungTageField(label=_("Erinnerungen (Tage vor der Frist)"), required=False)
    begruendung = forms.CharField(
        label=_("Begründung der Änderung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Pflicht, sobald das Förderjahr veröffentlicht oder in Verwendung ist; wird protokolliert."
        ),
    )

    class Meta:
        model = Foerderjahr
        fields = Foerderjahr.EDITABLE_FIELDS
        field_classes = dict.fromkeys(Foerderjahr.FRISTFELDER, DatumsFeld)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.braucht_begruendung:
            self.fields["begruendung"].required = True
            self.fields["begruendung"].error_messages["required"] = _(
                "Dieses Förderjahr ist bereits in Verwendung: bitte begründen Sie die Änderung."
            )

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class FoerderjahrAnlegenForm(forms.Form):
    kreis = forms.ModelChoiceField(label=_("Kreis"), queryset=Kreis.objects.none())
    programm = forms.ModelChoiceField(label=_("Förderprogramm"), queryset=Foerderprogramm.objects.all())
    jahr = forms.IntegerField(label=_("Förderjahr"), min_value=2000, max_value=2100)
    planungsrahmen = EuroField(label=_("Planungsrahmen (EUR)"), min_value=0)

    def __init__(self, *args, kreise=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kreis"].queryset = kreise if kreise is not None else Kreis.objects.none()

    def clean(self):
        data = super().clean()
        if (
            data.get("kreis")
            and data.get("jahr")
            and Foerderjahr.objects.filter(kreis=data["kreis"], jahr=data["jahr"]).exists()
        ):
            self.add_error("jahr", _("Für diesen Kreis gibt es das Förderjahr schon."))
        return data
