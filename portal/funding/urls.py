from django.urls import path

from portal.funding import verteilung_views, views

app_name = "funding"

urlpatterns = [
    path("", views.FoerderjahrListView.as_view(), name="list"),
    path("neu/", views.FoerderjahrAnlegenView.as_view(), name="create"),
    path("<int:pk>/", views.FoerderjahrDetailView.as_view(), name="detail"),
    path("<int:pk>/bearbeiten/", views.FoerderjahrEditView.as_view(), name="edit"),
    path("<int:pk>/fortschreiben/", views.FoerderjahrFortschreibenView.as_view(), name="copy_forward"),
    path("<int:pk>/veroeffentlichen/", views.FoerderjahrVeroeffentlichenView.as_view(), name="publish"),
    path("<int:pk>/abschliessen/", views.FoerderjahrAbschliessenView.as_view(), name="close"),
    path("<int:pk>/meldungen/", verteilung_views.MeldungenView.as_view(), name="meldungen"),
    path("<int:pk>/meldungen/import/", verteilung_views.MeldungImportView.as_view(), name="meldung_import"),
    path("<int:pk>/meldungen/<int:gemeinde>/", verteilung_views.MeldungView.as_view(), name="meldung"),
    path("<int:pk>/verteilung/", verteilung_views.VerteilungView.as_view(), name="verteilung"),
]
