from django.urls import path

from forms.verwendungsnachweis import NachweisWizard
from workflows.proof import views

app_name = "proof"

urlpatterns = [
    path("", views.UebersichtView.as_view(), name="uebersicht"),
    path("jahr/<int:pk>/", views.JahrView.as_view(), name="jahr"),
    path("jahr/<int:pk>/gesamt.<str:format>", views.GesamtView.as_view(), name="gesamt"),
    path("<int:pk>/", views.NachweisDetailView.as_view(), name="detail"),
    path("<int:pk>/bearbeiten/", NachweisWizard.as_view(), name="bearbeiten"),
    path(
        "<int:pk>/rueckforderungsbescheid.pdf",
        views.RueckforderungsbescheidView.as_view(),
        name="rueckforderungsbescheid",
    ),
    path("<int:pk>/<str:art>.pdf", views.DateiView.as_view(), name="datei"),
]
