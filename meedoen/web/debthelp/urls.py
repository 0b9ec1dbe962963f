from django.urls import path

from meedoen.web.debthelp import views

app_name = "debthelp"
urlpatterns = [
    path("<int:pk>/", views.trajectory_page, name="trajectory"),
    path("<int:pk>/kenmerken/", views.marks, name="marks"),
    path("<int:pk>/fase/", views.phase, name="phase"),
    path("<int:pk>/schulden/", views.add_debt, name="add-debt"),
]
