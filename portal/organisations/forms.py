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
