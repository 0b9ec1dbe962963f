from django.urls import path

from meedoen.web.objections import views

app_name = "objections"
urlpatterns = [
    path("besluit/<uuid:public_id>/", views.file, name="file"),
    path("<uuid:public_id>/ontvangen/", views.filed, name="filed"),
    path("<uuid:public_id>/besluit-op-bezwaar.pdf", views.letter, name="letter"),
    path("document/<uuid:document_id>/", views.document, name="document"),
    path("jurist/", views.queue, name="queue"),
    path("jurist/<uuid:public_id>/", views.case, name="case"),
    path("jurist/<uuid:public_id>/verdagen/", views.extend, name="extend"),
    path("jurist/<uuid:public_id>/horen/", views.hearing, name="hearing"),
    path("jurist/<uuid:public_id>/beslissen/", views.decide, name="decide"),
]
