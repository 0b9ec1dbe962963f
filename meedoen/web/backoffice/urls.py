from django.urls import path

from meedoen.web.applications import procedure_views
from meedoen.web.backoffice import views

app_name = "backoffice"
urlpatterns = [
    path("", views.home, name="home"),
    path("werkvoorraad/", views.queue, name="queue"),
    path("cijfers/", views.figures, name="figures"),
    path("aanvraag/<uuid:public_id>/", views.case, name="case"),
    path("aanvraag/<uuid:public_id>/besluit/", views.decide, name="decide"),
    path("aanvraag/<uuid:public_id>/vraag/", views.ask, name="ask"),
    path("aanvraag/<uuid:public_id>/notitie/", views.note, name="note"),
    path("document/<uuid:document_id>/", views.document, name="document"),
    path("aanvraag/<uuid:public_id>/bijstand/datums/", procedure_views.dates, name="procedure-dates"),
    path(
        "aanvraag/<uuid:public_id>/bijstand/zoektijd/", procedure_views.lift_search_period, name="lift-search"
    ),
    path("aanvraag/<uuid:public_id>/bijstand/ingang/", procedure_views.start_date, name="start-date"),
]
