from django.urls import path

from portal.konto import views

app_name = "konto"
urlpatterns = [
    path("zwei-faktor/", views.UebersichtView.as_view(), name="uebersicht"),
    path("zwei-faktor/einrichten/", views.EinrichtenView.as_view(), name="einrichten"),
    path("zwei-faktor/pruefen/", views.PruefenView.as_view(), name="pruefen"),
    path("zwei-faktor/backup-codes/", views.BackupCodesView.as_view(), name="backup_codes"),
    path("bestaetigen/", views.BestaetigenView.as_view(), name="bestaetigen"),
    path("passwort/", views.PasswortAendernView.as_view(), name="passwort"),
]
