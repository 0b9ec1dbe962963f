from django.apps import AppConfig


class QueueConfig(AppConfig):
    name = "meedoen.web.queue"
    label = "queue"
    verbose_name = "Achtergrondtaken"
