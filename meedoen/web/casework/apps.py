"""Case work (issue 8): people on bijstand, their plan, instruments, benefit spells and debt help."""

from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "meedoen.web.casework"
    label = "casework"
    verbose_name = "Klantbegeleiding"
