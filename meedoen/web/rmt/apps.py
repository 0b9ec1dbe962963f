from django.apps import AppConfig


class RmtConfig(AppConfig):
    name = "meedoen.web.rmt"
    label = "rmt"
    verbose_name = "Werk naar werk (Regionaal Mobiliteitsteam)"
