"""Applying for several schemes in one go: drafts, documents, messages."""

from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "meedoen.web.applications"
    label = "applications"
