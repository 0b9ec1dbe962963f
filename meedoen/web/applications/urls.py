from django.urls import path

from meedoen.web.applications import views

app_name = "applications"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("nieuw/", views.start, name="start"),
    path("concept/<uuid:public_id>/<slug:step>/", views.draft_step, name="draft-step"),
    path(
        "concept/<uuid:public_id>/documenten/<uuid:document_id>/verwijderen/",
        views.delete_document,
        name="delete-document",
    ),
    path("document/<uuid:document_id>/", views.download_document, name="document"),
    path("<uuid:public_id>/", views.application_detail, name="detail"),
]
