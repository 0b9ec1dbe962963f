from django.urls import path

from meedoen.web.jobpays import views

app_name = "jobpays"
urlpatterns = [
    path("regelingencheck/uitkomst/loont-werk/", views.resident, name="resident"),
    path("medewerkers/klanten/<int:pk>/baan/", views.client, name="client"),
]
