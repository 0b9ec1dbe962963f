from django.apps import AppConfig


class JobpaysConfig(AppConfig):
    name = "meedoen.web.jobpays"
    label = "jobpays"
    verbose_name = "Loont werk?"
