"""Append-only log of who saw or changed a resident's personal data, when and why."""

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "meedoen.web.audit"
    label = "audit"
