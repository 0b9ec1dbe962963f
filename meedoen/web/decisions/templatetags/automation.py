"""The case page's panel on the automation policy: the level, the engine's proposal, the facts."""

from __future__ import annotations

from typing import Any

from django import template

from meedoen.web.applications.models import Application
from meedoen.web.decisions.automation import assess, proposal_text
from meedoen.web.decisions.forms import FactCheckForm
from meedoen.web.decisions.models import FactCheck, Outcome
from meedoen.web.decisions.policy import HUMAN
from meedoen.web.decisions.recording import is_unknown, proposal_of

register = template.Library()


@register.inclusion_tag("decisions/_automation_panel.html", takes_context=True)
def automation_panel(
    context: template.Context, application: Application, explanation: dict[str, Any]
) -> dict[str, Any]:
    result = (explanation or {}).get("result")
    checks = list(FactCheck.objects.filter(submission=application.submission).select_related("checked_by"))
    out: dict[str, Any] = {
        "application": application,
        "checks": checks,
        "fact_form": FactCheckForm(),
        "csrf_token": context.get("csrf_token"),
    }
    if result is None:
        return out
    found = assess(application, result)
    scheme = found.scheme
    shown = scheme is not None and not is_unknown(scheme) and found.policy.level != HUMAN
    out.update(
        policy=found.policy,
        facts=found.facts,
        refusals=found.refusals if application.is_open else [],
        proposal_text=proposal_text(scheme) if shown else "",
        can_confirm=shown and proposal_of(scheme)["outcome"] == Outcome.GRANTED,
    )
    return out
