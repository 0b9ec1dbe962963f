from django.apps import AppConfig


class DebtHelpConfig(AppConfig):
    name = "meedoen.web.debthelp"
    label = "debthelp"
    verbose_name = "Schuldhulp als traject"
