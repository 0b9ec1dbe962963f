"""The public calculation API: the household contract in, entitlements out."""

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "meedoen.web.api"
    label = "api"
