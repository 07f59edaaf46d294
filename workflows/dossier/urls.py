from django.urls import path

from workflows.dossier import views

app_name = "dossier"

# mounted under portal/nachweise/ beside the proof of use (the URL stays where it always was)
urlpatterns = [
    path("jahr/<int:pk>/pruefakte.zip", views.PruefakteView.as_view(), name="pruefakte"),
]
