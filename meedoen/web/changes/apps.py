from django.apps import AppConfig


class ChangesConfig(AppConfig):
    name = "meedoen.web.changes"
    label = "changes"
    verbose_name = "Wijzigingen"
