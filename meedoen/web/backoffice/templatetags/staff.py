"""Template helpers of the staff screens: the staff navigation, trace values and expected amounts in
Dutch (never True/False, never an internal code, never "€ 0,00" for no right)."""

from __future__ import annotations

from typing import Any

from django import template

from meedoen.web.backoffice import navigation, trace

register = template.Library()


@register.simple_tag
def staff_links(user) -> list[navigation.Link]:
    return navigation.staff_links(user)


@register.simple_tag
def trace_rows(result: dict[str, Any], household: dict[str, Any]) -> list[trace.Row]:
    """``{% trace_rows result household as rows %}``: every trace step in Dutch."""
    return trace.rows(result.get("trace", []), household)


@register.filter
def expected_amount(application) -> str:
    return trace.expected_amount(application)
