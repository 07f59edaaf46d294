from django.urls import path

from portal.start import views

app_name = "start"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
]
