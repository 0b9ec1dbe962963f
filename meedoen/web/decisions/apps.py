"""Decisions (besluiten): automated where the automation policy allows, otherwise by a consultant."""

from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.core import checks


def automation_policy_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """``manage.py check`` (and every deploy) fails on a policy file that is not allowed, e.g. one that
    lets the machine decide algemene bijstand."""
    from meedoen.web.decisions.policy import PolicyError, checked

    try:
        checked()
    except PolicyError as exc:
        return [checks.Error(str(exc), id="decisions.E001")]
    return []


class DecisionsConfig(AppConfig):
    name = "meedoen.web.decisions"
    label = "decisions"

    def ready(self) -> None:
        checks.register(automation_policy_check)
