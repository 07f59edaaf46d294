from django.urls import path

from portal.organisations import verzeichnis_views, views

app_name = "organisations"

urlpatterns = [
    path("gemeinden/", views.GemeindeListView.as_view(), name="gemeinden"),
    path("gemeinden/<int:pk>/", views.GemeindeDetailView.as_view(), name="gemeinde"),
    path("verzeichnis/", verzeichnis_views.VerzeichnisImportView.as_view(), name="verzeichnis"),
    path("verbuende/", views.VerbundListView.as_view(), name="verbuende"),
    path("benutzer/", views.BenutzerListView.as_view(), name="benutzer"),
    path("benutzer/<int:pk>/deaktivieren/", views.BenutzerStatusView.as_view(), name="benutzer_deaktivieren"),
    path(
        "benutzer/<int:pk>/reaktivieren/",
        views.BenutzerStatusView.as_view(deaktivieren=False),
        name="benutzer_reaktivieren",
    ),
]
