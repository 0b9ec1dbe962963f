"""Users, roles, area teams and the pluggable log-in (DigiD via OIDC, demo, password)."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "meedoen.web.accounts"
    label = "accounts"
