from django.urls import path

from portal.funding import views

app_name = "funding"

urlpatterns = [
    path("", views.FoerderjahrListView.as_view(), name="list"),
    path("neu/", views.FoerderjahrAnlegenView.as_view(), name="create"),
    path("<int:pk>/", views.FoerderjahrDetailView.as_view(), name="detail"),
    path("<int:pk>/bearbeiten/", views.FoerderjahrEditView.as_view(), name="edit"),
    path("<int:pk>/fortschreiben/", views.FoerderjahrFortschreibenView.as_view(), name="copy_forward"),
    path("<int:pk>/veroeffentlichen/", views.FoerderjahrVeroeffentlichenView.as_view(), name="publish"),
    path("<int:pk>/abschliessen/", views.FoerderjahrAbschliessenView.as_view(), name="close"),
]
