"""Shared page layout, form rendering and NL Design System components."""

from django.apps import AppConfig


class ComponentsConfig(AppConfig):
    name = "meedoen.web.components"
    label = "components"
