from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "meedoen.web.jobs"
    label = "jobs"
    verbose_name = "Achtergrondtaken: resultaten"
