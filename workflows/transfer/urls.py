from django.urls import path

from workflows.transfer import views

app_name = "transfer"

urlpatterns = [
    path("", views.UebersichtView.as_view(), name="uebersicht"),
    path("jahr/<int:pk>/", views.JahrView.as_view(), name="jahr"),
    path(
        "jahr/<int:pk>/vorbereiten/<int:entscheidung>/", views.VorbereitenView.as_view(), name="vorbereiten"
    ),
    path("jahr/<int:pk>/export.<str:format>", views.ExportView.as_view(), name="export"),
    path("jahr/<int:pk>/zahlungslauf/", views.ZahlungslaufAnlegenView.as_view(), name="zahlungslauf_anlegen"),
    path("zahlungslauf/<int:pk>.xml", views.ZahlungslaufDateiView.as_view(), name="zahlungslauf"),
    path(
        "zahlungslauf/<int:pk>/stornieren/",
        views.ZahlungslaufStornierenView.as_view(),
        name="zahlungslauf_stornieren",
    ),
    path("<int:pk>/", views.WeiterleitungDetailView.as_view(), name="detail"),
    path("<int:pk>/<str:art>.pdf", views.DokumentView.as_view(), name="dokument"),
]
