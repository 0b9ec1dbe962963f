"""The automation policy's staff pages, under /medewerkers/ beside the back office (namespace ``review``)."""

from django.urls import path

from meedoen.web.decisions import review_views as views

app_name = "review"
urlpatterns = [
    path("steekproef/", views.overview, name="overview"),
    path("steekproef/trekken/", views.draw_sample, name="draw"),
    path("tweede-blik/", views.todo, name="todo"),
    path("tweede-blik/<uuid:public_id>/", views.review, name="review"),
    path("aanvraag/<uuid:public_id>/gegevens-gecontroleerd/", views.facts_checked, name="facts-checked"),
    path("aanvraag/<uuid:public_id>/voorstel-bevestigen/", views.confirm_proposal, name="confirm-proposal"),
]
