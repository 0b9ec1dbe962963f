"""Demo data for development: a municipality's teams, staff, residents, applications."""

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "meedoen.web.demo"
    label = "demo"
