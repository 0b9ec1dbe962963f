from django.urls import path

from meedoen.web.rmt import views

app_name = "rmt"
urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("intake/", views.intake, name="intake"),
    path("<int:pk>/", views.trajectory_page, name="trajectory"),
    path("<int:pk>/stap/", views.add_step, name="add-step"),
    path("<int:pk>/voucher/", views.grant_voucher, name="voucher"),
    path("<int:pk>/betalen/", views.pay, name="pay"),
    path("<int:pk>/uitkomst/", views.set_outcome, name="outcome"),
]
