from django.contrib.auth import views as auth_views
from django.urls import path

from meedoen.web.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.login_page, name="login"),
    path("medewerkers/", views.StaffLoginView.as_view(), name="staff-login"),
    path("verder/", views.after_login, name="after-login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
]
