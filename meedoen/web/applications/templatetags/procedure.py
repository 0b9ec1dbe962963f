"""The law's dates of an application on the pages that show it: the case page's panel for the consultant,
the resident's "what happens now" in Mijn aanvragen."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from meedoen.web.applications.forms import LiftSearchPeriodForm, ProcedureDatesForm, StartDateForm
from meedoen.web.applications.models import Application
from meedoen.web.applications.procedure import Terms, decision_due

register = template.Library()


def terms_of(application: Application) -> Terms | None:
    record = getattr(application, "procedure", None)
    return record.terms() if record is not None else None


@register.simple_tag
def application_terms(application: Application) -> Terms | None:
    """The procedure's dates of an application for algemene bijstand (None for other schemes)."""
    return terms_of(application)


@register.inclusion_tag("applications/_procedure_panel.html", takes_context=True)
def procedure_panel(context: template.Context, application: Application) -> dict[str, Any]:
    """The consultant's panel: dates, search period, decision term and start date, with the forms to
    change them (a form that failed comes back from the context with its errors)."""
    today = timezone.localdate()
    record = getattr(application, "procedure", None)
    out: dict[str, Any] = {
        "application": application,
        "record": record,
        "today": today,
        "csrf_token": context.get("csrf_token"),
        "due": application.due_on or (application.received_on and decision_due(application.received_on)),
    }
    if record is not None:
        initial = {"melding_on": record.melding_on, "received_on": application.received_on}
        out |= {
            "terms": record.terms(),
            "changes": record.changes.select_related("by"),
            "dates_form": context.get("dates_form")
            or ProcedureDatesForm(record=record, today=today, prefix="datums", initial=initial),
            "lift_form": context.get("lift_form")
            or LiftSearchPeriodForm(record=record, today=today, prefix="zoektijd"),
            "start_form": context.get("start_form")
            or StartDateForm(
                record=record, today=today, prefix="ingang", initial={"start_on": record.start_date}
            ),
        }
    return out
