from django.urls import path

from meedoen.web.casework import views

app_name = "casework"
urlpatterns = [
    path("klanten/", views.caseload_page, name="caseload"),
    path("klanten/<int:pk>/", views.client_page, name="client"),
    path("klanten/<int:pk>/plan/", views.new_plan, name="plan"),
    path("klanten/<int:pk>/contactpersoon/", views.assign_consultant, name="assign-consultant"),
    path("klanten/<int:pk>/stap/", views.add_step, name="add-step"),
    path("klanten/<int:pk>/stap/<int:step>/gedaan/", views.step_done, name="step-done"),
    path("klanten/<int:pk>/instrument/", views.add_instrument, name="add-instrument"),
    path("klanten/<int:pk>/uitkering/", views.add_spell, name="add-spell"),
    path("klanten/<int:pk>/schuldhulp/", views.add_debt_help, name="add-debt-help"),
    path("klanten/<int:pk>/<str:kind>/<int:item>/beeindigen/", views.end_item, name="end"),
    path("monitor/", views.dashboard_page, name="dashboard"),
    path("monitor/download.<str:kind>", views.dashboard_download, name="dashboard-download"),
]
