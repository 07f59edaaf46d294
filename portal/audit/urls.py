from django.urls import path

from portal.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.EventListView.as_view(), name="list"),
    path("objekt/<str:label>/<int:pk>/", views.ObjectHistoryView.as_view(), name="object"),
]
