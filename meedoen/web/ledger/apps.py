from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "meedoen.web.ledger"
    label = "ledger"
    verbose_name = "Grootboek van de fondsen"
