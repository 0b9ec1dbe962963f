from django.urls import path

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
]
