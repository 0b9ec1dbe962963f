"""The public Regelingencheck: questions step by step, then every scheme with why."""

from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "meedoen.web.portal"
    label = "portal"
