"""Bezwaar: objections to decisions and the jurist's cases."""

from django.apps import AppConfig


class ObjectionsConfig(AppConfig):
    name = "meedoen.web.objections"
    label = "objections"
    verbose_name = "Bezwaar"
