from django.apps import AppConfig


class CityPassConfig(AppConfig):
    name = "meedoen.web.citypass"
    label = "citypass"
    verbose_name = "Stadspas"
