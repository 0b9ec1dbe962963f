from django.apps import AppConfig


class YouthFundConfig(AppConfig):
    name = "meedoen.web.youthfund"
    label = "youthfund"
    verbose_name = "Jongerenperspectieffonds"

    def ready(self) -> None:
        from meedoen.web.casework.monitor_export import register_debt_help_source
        from meedoen.web.youthfund.monitor import debt_help_rows

        register_debt_help_source(debt_help_rows)
