"""The consultants' work queue and case pages, scoped to the area team."""

from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    name = "meedoen.web.backoffice"
    label = "backoffice"
