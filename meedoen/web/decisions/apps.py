"""Decisions (besluiten): automated where the policy allows, letters as PDF."""

from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "meedoen.web.decisions"
    label = "decisions"
