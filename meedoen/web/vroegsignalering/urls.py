"""The signals team's pages (namespace ``vroegsignalering``) and the platforms' API beside them (its
own namespace: django-ninja reverses its root by that name, which a nested namespace would hide)."""

from django.urls import include, path

from meedoen.web.vroegsignalering import upload_jobs, views
from meedoen.web.vroegsignalering.api import api

pages = [
    path("", views.worklist, name="worklist"),
    path("zaak/<int:pk>/", views.case, name="case"),
    path("zaak/<int:pk>/contactpoging/", views.attempt, name="attempt"),
    path("zaak/<int:pk>/notitie/", views.note, name="note"),
    path("zaak/<int:pk>/afsluiten/", views.close, name="close"),
    path("zaak/<int:pk>/overdragen/", views.hand_over, name="hand-over"),
    path("zaak/<int:pk>/schuldhulp/", views.debt_help, name="debt-help"),
    path("zaak/<int:pk>/schuldhulp/voortgang/", views.debt_help_progress, name="debt-help-progress"),
    path("zaak/<int:pk>/aanbod/", views.offer_at_the_door, name="offer"),
    path("aanleveren/", views.upload, name="upload"),
    path("aanleveren/<int:pk>/", upload_jobs.upload_status, name="upload-status"),
    path("cijfers/", views.figures, name="figures"),
]
urlpatterns = [
    path("", include((pages, "vroegsignalering"))),
    path("api/", api.urls),
]
