from django.apps import AppConfig


class ThemesConfig(AppConfig):
    name = "meedoen.web.themes"
    label = "themes"
