from django.urls import path

from meedoen.web.changes import views

app_name = "changes"
urlpatterns = [
    path("", views.start, name="start"),
    path("<uuid:public_id>/", views.review, name="review"),
    path("<uuid:public_id>/bevestigen/", views.confirm, name="confirm"),
    path("<str:kind>/", views.answer, name="answer"),
]
