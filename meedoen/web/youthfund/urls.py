from django.urls import path

from meedoen.web.youthfund import views

app_name = "youthfund"
urlpatterns = [
    path("aanvragen/", views.apply, name="apply"),
    path("aangevraagd/", views.applied, name="applied"),
    path("verwijzen/", views.refer, name="refer"),
    path("trajecten/", views.worklist, name="worklist"),
    path("trajecten/<int:pk>/", views.trajectory_page, name="trajectory"),
    path("trajecten/<int:pk>/coach/", views.assign_coach, name="assign-coach"),
    path("trajecten/<int:pk>/afspraken/", views.agree, name="agree"),
    path("trajecten/<int:pk>/schulden/", views.add_debt, name="add-debt"),
    path("trajecten/<int:pk>/schulden/<int:debt>/betalen/", views.pay_debt, name="pay-debt"),
    path("trajecten/<int:pk>/voortgang/", views.add_progress, name="progress"),
    path("trajecten/<int:pk>/einde/", views.end, name="end"),
    path("cijfers/", views.figures, name="figures"),
]
