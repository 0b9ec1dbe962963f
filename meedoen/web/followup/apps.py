from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "meedoen.web.followup"
    label = "followup"
    verbose_name = "Bewaren, delen en vervolg"
