from django.urls import path

from meedoen.web.machtigingen import views

app_name = "machtigingen"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("nieuw/", views.new, name="new"),
    path("<uuid:public_id>/intrekken/", views.revoke, name="revoke"),
    path("namens/", views.choose, name="choose"),
    path("namens/start/", views.acting, name="acting"),
    path("namens/stoppen/", views.stop, name="stop"),
    path("namens/beeindigd/", views.ended, name="ended"),
    path("delen/", views.share_new, name="share-new"),
    path("delen/<uuid:public_id>/", views.share_created, name="share-created"),
    path("delen/<uuid:public_id>/intrekken/", views.share_revoke, name="share-revoke"),
    path("gedeeld/<str:token>/", views.shared, name="shared"),
]
