from django.urls import path

from meedoen.web.themes import views

app_name = "site"
urlpatterns = [
    path("contact/", views.contact, name="contact"),
    path("privacy/", views.privacy, name="privacy"),
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
]
