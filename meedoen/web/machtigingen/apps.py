from django.apps import AppConfig


class MachtigingenConfig(AppConfig):
    name = "meedoen.web.machtigingen"
    label = "machtigingen"
    verbose_name = "Machtigingen"
