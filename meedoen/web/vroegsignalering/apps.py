"""Early detection of payment arrears (vroegsignalering) and the debt help it leads to."""

from django.apps import AppConfig


class VroegsignaleringConfig(AppConfig):
    name = "meedoen.web.vroegsignalering"
    label = "vroegsignalering"
    verbose_name = "Vroegsignalering"

    def ready(self) -> None:
        from meedoen.web.casework.monitor_export import register_debt_help_source
        from meedoen.web.vroegsignalering.debt_help import debt_help_rows

        register_debt_help_source(debt_help_rows)
