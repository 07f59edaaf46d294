from django.urls import path

from workflows.proof import kennzahlen_views as views
from workflows.proof.cockpit import CockpitView

app_name = "kennzahlen"

urlpatterns = [
    path("", views.UebersichtView.as_view(), name="uebersicht"),
    path("land/", views.LandView.as_view(), name="land"),
    path("cockpit/", CockpitView.as_view(), name="cockpit"),
    path("jahr/<int:pk>/", views.JahrView.as_view(), name="jahr"),
    path("jahr/<int:pk>/<int:gemeinde>/", views.GemeindeView.as_view(), name="gemeinde"),
]
