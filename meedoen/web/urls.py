"""URLs: Dutch paths for residents and staff, /api/v1/ for the calculation API, /beheer/ for admins."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from meedoen.web.api.endpoints import api

urlpatterns = [
    path("", include("meedoen.web.portal.urls")),
    path("", include("meedoen.web.themes.urls")),
    path("inloggen/", include("meedoen.web.accounts.urls")),
    path("aanvragen/", include("meedoen.web.applications.urls")),
    path("besluiten/", include("meedoen.web.decisions.urls")),
    path("bezwaar/", include("meedoen.web.objections.urls")),
    path("machtigingen/", include("meedoen.web.machtigingen.urls")),
    path("medewerkers/", include("meedoen.web.backoffice.urls")),
    path("medewerkers/", include("meedoen.web.casework.urls")),
    path("medewerkers/", include("meedoen.web.decisions.review_urls")),
    path("medewerkers/simulaties/", include("meedoen.web.jobs.urls")),
    path("", include("meedoen.web.work.urls")),
    path("stadspas/", include("meedoen.web.citypass.urls")),
    path("vroegsignalering/", include("meedoen.web.vroegsignalering.urls")),
    path("jongerenfonds/", include("meedoen.web.youthfund.urls")),
    path("schuldhulp/", include("meedoen.web.debthelp.urls")),
    path("werk-naar-werk/", include("meedoen.web.rmt.urls")),
    path("", include("meedoen.web.followup.urls")),
    path("", include("meedoen.web.jobpays.urls")),
    path("mijn/wijziging/", include("meedoen.web.changes.urls")),
    path("api/v1/", api.urls),
    path("beheer/", admin.site.urls),
]
if settings.OIDC_RP_CLIENT_ID:
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))
