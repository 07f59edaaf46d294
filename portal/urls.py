from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal.cms import views as cms_views
from portal.core.gesundheit import healthz
from portal.konto import views as konto_views
from portal.organisations import zugang_views
from workflows.optin.flows import BestaetigungFlow, EntscheidungFlow
from workflows.proof.flows import NachweisFlow
from workflows.transfer.flows import WeiterleitungFlow
from workflows.viewsets import ScopedFlowViewset

urlpatterns = [
    path("", wagtail_views.serve, {"path": ""}, name="home"),
    path("search/", cms_views.search, name="search"),
    path("healthz", healthz, name="healthz"),
    path("fristen/<str:schluessel>.ics", cms_views.fristen_ics, name="fristen_ics"),
    path("portal/", include("portal.start.urls")),
    path("portal/foerderjahre/", include("portal.funding.urls")),
    path("portal/organisationen/", include("portal.organisations.urls")),
    path("portal/protokoll/", include("portal.audit.urls")),
    path("portal/entscheidungen/", include("workflows.optin.urls")),
    path("portal/weiterleitungen/", include("workflows.transfer.urls")),
    path("portal/nachweise/", include("workflows.proof.urls")),
    path("portal/nachweise/", include("workflows.dossier.urls")),
    path("portal/kennzahlen/", include("workflows.proof.kennzahlen_urls")),
    # viewflow's back-office views of the processes, scoped (workflows/viewsets.py)
    path("portal/ablauf/entscheidung/", ScopedFlowViewset(EntscheidungFlow).urls),
    path("portal/ablauf/bestaetigung/", ScopedFlowViewset(BestaetigungFlow).urls),
    path("portal/ablauf/weiterleitung/", ScopedFlowViewset(WeiterleitungFlow).urls),
    path("portal/ablauf/nachweis/", ScopedFlowViewset(NachweisFlow).urls),
    path("anmelden/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("einladung/<str:token>/", zugang_views.EinladungAnnehmenView.as_view(), name="einladung"),
    path("passwort-vergessen/", konto_views.PasswortVergessenView.as_view(), name="password_reset"),
    path(
        "passwort-vergessen/gesendet/",
        auth_views.PasswordResetDoneView.as_view(template_name="konto/passwort_vergessen_gesendet.html"),
        name="password_reset_done",
    ),
    path(
        "passwort-neu/<uidb64>/<token>/", konto_views.PasswortNeuView.as_view(), name="password_reset_confirm"
    ),
    path(
        "passwort-neu/fertig/",
        auth_views.PasswordResetCompleteView.as_view(template_name="konto/passwort_neu_fertig.html"),
        name="password_reset_complete",
    ),
    path("abmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("konto/", include("portal.konto.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("cms/", include(wagtailadmin_urls)),
    path("dokumente/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

if settings.BENCHMARK:  # bench/run.py only: the floor the key pages are measured against
    from portal.core.boden import boden

    urlpatterns += [path("bench/boden/", boden, name="bench_boden")]

# Wagtail serves the guidance pages for every other path; keep this last.
urlpatterns += [path("", include(wagtail_urls))]
