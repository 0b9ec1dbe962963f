"""Template helpers: the objection panel of an application (for the resident) and due-date filters."""

from __future__ import annotations

import datetime as dt

from django import template

from meedoen.web.objections import procedure, terms
from meedoen.web.objections.models import Objection

register = template.Library()


@register.filter
def overdue(objection: Objection, today: dt.date) -> bool:
    return objection.overdue(today)


@register.filter
def extended(due: dt.date) -> dt.date:
    return terms.extended(due)


@register.inclusion_tag("objections/_panel.html")
def objection_panel(application, decision) -> dict:
    """Bezwaar on the resident's application page: the objections with their status and letters,
    and the way to object to the decision in force (or why that is not possible)."""
    objections = list(Objection.objects.filter(application=application).select_related("decision"))
    can_object = bool(decision) and procedure.refusal(decision) is None
    return {"objections": objections, "decision": decision, "can_object": can_object}


@register.simple_tag
def objection_status(application) -> str:
    """One line for Mijn aanvragen: the status of the latest objection, or empty."""
    latest = Objection.objects.filter(application=application).order_by("-received_at", "-id").first()
    return latest.resident_status if latest else ""
