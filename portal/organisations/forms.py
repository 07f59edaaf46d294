from django import forms
from django.utils.translation import gettext_lazy as _


class BegruendungForm(forms.Form):
    begruendung = forms.CharField(
        label=_("Begründung"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
