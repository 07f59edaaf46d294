from django.urls import path

from portal.organisations import kreis_views, verzeichnis_views, views, zugang_views

app_name = "organisations"

urlpatterns = [
    path("gemeinden/", views.GemeindeListView.as_view(), name="gemeinden"),
    path("gemeinden/<int:pk>/", views.GemeindeDetailView.as_view(), name="gemeinde"),
    path("verzeichnis/", verzeichnis_views.VerzeichnisImportView.as_view(), name="verzeichnis"),
    path("einladungen/", zugang_views.EinladungenView.as_view(), name="einladungen"),
    path("einladungen/<int:pk>/erneut/", zugang_views.EinladungAktionView.as_view(), name="einladung_erneut"),
    path(
        "einladungen/<int:pk>/widerrufen/",
        zugang_views.EinladungAktionView.as_view(aktion="widerrufen"),
        name="einladung_widerrufen",
    ),
    path("rollen/", zugang_views.RollenView.as_view(), name="rollen"),
    path("rollen/<int:pk>/bestaetigen/", zugang_views.RolleAktionView.as_view(), name="rolle_bestaetigen"),
    path(
        "rollen/<int:pk>/ablehnen/",
        zugang_views.RolleAktionView.as_view(aktion="ablehnen"),
        name="rolle_ablehnen",
    ),
    path(
        "rollen/<int:pk>/entziehen/",
        zugang_views.RolleAktionView.as_view(aktion="entziehen"),
        name="rolle_entziehen",
    ),
    path(
        "kreis/<int:pk>/einstellungen/",
        kreis_views.KreisEinstellungenView.as_view(),
        name="kreis_einstellungen",
    ),
    path("gemeinden/<int:pk>/anschrift/", kreis_views.AnschriftView.as_view(), name="gemeinde_anschrift"),
    path("verbuende/", views.VerbundListView.as_view(), name="verbuende"),
    path("benutzer/", views.BenutzerListView.as_view(), name="benutzer"),
    path("benutzer/<int:pk>/deaktivieren/", views.BenutzerStatusView.as_view(), name="benutzer_deaktivieren"),
    path(
        "benutzer/<int:pk>/reaktivieren/",
        views.BenutzerStatusView.as_view(deaktivieren=False),
        name="benutzer_reaktivieren",
    ),
]
