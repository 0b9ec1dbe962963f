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


@register.simple_tag
def forms_with_errors(*titled: Any) -> list[tuple[str, Any]]:
    """``{% forms_with_errors "Stap" step_form "Instrument" instrument_form as failed %}``: the forms of
    a page that came back with errors, by title, for the summary at the top
    (``backoffice/_error_summary.html``). A form the view did not pass is skipped."""
    pairs = zip(titled[::2], titled[1::2], strict=True)
    return [(title, form) for title, form in pairs if getattr(form, "is_bound", False) and form.errors]


@register.filter
def expected_amount(application) -> str:
    return trace.expected_amount(application)
