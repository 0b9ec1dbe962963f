from django.urls import path

from meedoen.web.followup import views

app_name = "followup"
urlpatterns = [
    path("mijn/uitkomsten/", views.saved_list, name="saved"),
    path("mijn/uitkomsten/bewaren/", views.save_result, name="save"),
    path("mijn/uitkomsten/<uuid:public_id>/", views.saved_detail, name="saved-detail"),
    path("mijn/plan/", views.my_plan, name="plan"),
    path("regelingencheck/uitkomst/mailen/", views.mail_result, name="mail"),
    path("nuttig/", views.feedback, name="feedback"),
    path("vervolg/<str:token>/", views.followup_answer, name="answer"),
    path("medewerkers/feedback/", views.feedback_list, name="feedback-list"),
]
