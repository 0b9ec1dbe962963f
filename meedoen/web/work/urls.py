from django.urls import path

from meedoen.web.work import employer_views, views

app_name = "work"
urlpatterns = [
    path("werkgevers/", employer_views.employer_home, name="employer-home"),
    path("werkgevers/vacatures/nieuw/", employer_views.vacancy_new, name="vacancy-new"),
    path("werkgevers/vacatures/<int:pk>/", employer_views.employer_vacancy, name="employer-vacancy"),
    path("werkgevers/voorstellen/<int:pk>/antwoord/", employer_views.answer, name="answer"),
    path("medewerkers/werk/", views.staff_home, name="staff-home"),
    path("medewerkers/werk/werkgevers/nieuw/", views.employer_new, name="employer-new"),
    path("medewerkers/werk/werkgevers/<int:pk>/", views.employer_page, name="employer"),
    path("medewerkers/werk/kandidaten/<int:pk>/", views.candidate_page, name="candidate"),
    path("medewerkers/werk/vacatures/<int:pk>/", views.matches, name="matches"),
    path("medewerkers/werk/vacatures/<int:pk>/voorstellen/<int:candidate>/", views.propose, name="propose"),
    path("medewerkers/werk/voorstellen/<int:pk>/", views.proposal_page, name="proposal"),
    path("medewerkers/werk/voorstellen/<int:pk>/toestemming/", views.consent, name="consent"),
    path("medewerkers/werk/voorstellen/<int:pk>/plaatsing/", views.place, name="place"),
    path("medewerkers/werk/maatwerkbanen/", views.maatwerk, name="maatwerk"),
]
