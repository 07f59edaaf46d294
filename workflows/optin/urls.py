from django.urls import path

from forms.entscheidung import EntscheidungWizard
from workflows.optin import views

app_name = "optin"

urlpatterns = [
    path("", views.UebersichtView.as_view(), name="uebersicht"),
    path("jahr/<int:pk>/", views.RegisterView.as_view(), name="register"),
    path("jahr/<int:pk>/eroeffnen/", views.RundeEroeffnenView.as_view(), name="eroeffnen"),
    path("<int:pk>/", views.EntscheidungDetailView.as_view(), name="detail"),
    path("<int:pk>/bearbeiten/", EntscheidungWizard.as_view(), name="bearbeiten"),
    path("<int:pk>/pruefen/", views.PruefenView.as_view(), name="pruefen"),
    path("<int:pk>/wieder-oeffnen/", views.WiederOeffnenView.as_view(), name="wieder_oeffnen"),
    path("<int:pk>/beschluss.pdf", views.BeschlussView.as_view(), name="beschluss"),
    path("<int:pk>/beschlussvorlage.docx", views.BeschlussvorlageView.as_view(), name="beschlussvorlage"),
    path("bestaetigung/<int:pk>/", views.BestaetigungView.as_view(), name="bestaetigung"),
]
