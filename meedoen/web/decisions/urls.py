from django.urls import path

from meedoen.web.decisions import views

app_name = "decisions"
urlpatterns = [path("<uuid:public_id>/brief.pdf", views.letter, name="letter")]
