from django.urls import path

from meedoen.web.jobs import views

app_name = "simulations"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/simulatie.html", views.report, {"kind": "html"}, name="report-html"),
    path("<int:pk>/simulatie.pdf", views.report, {"kind": "pdf"}, name="report-pdf"),
]
