"""The job question for a resident (their check answers) and for a consultant (a client's household
from their latest application). Nothing is computed here: :func:`meedoen.analysis.job_offer.compare`."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from meedoen.analysis.job_offer import JobComparison, compare
from meedoen.rules.errors import RulesError
from meedoen.rules.household import parse_household
from meedoen.web.accounts.access import case_worker_required
from meedoen.web.audit.log import record
from meedoen.web.audit.models import Action
from meedoen.web.casework.caseload import PURPOSE, client_of_team
from meedoen.web.jobpays.forms import OfferForm
from meedoen.web.portal.outcome import AnswersNeedAttention, outcome_of
from meedoen.web.portal.questionnaire import Questionnaire

MONTHS = 12


def rows_of(comparison: JobComparison) -> dict[str, Any]:
    """The table the page shows: per month the money to spend now and with the job, bijstand with the
    job, and whether the earnings disregard (vrijlating) applies that month, from the engine's reasons."""
    names = {s["id"]: s["name"] for s in comparison.months[0].now["schemes"]}
    rows, disregard_texts = [], []
    for m in comparison.months:
        bijstand = next((s for s in m.with_job["schemes"] if s["id"] == "bijstand"), None)
        disregard = [
            r["text"] for r in (bijstand or {}).get("reasons", []) if r.get("code") == "earnings_disregard"
        ]
        for text in disregard:
            if text not in disregard_texts:
                disregard_texts.append(text)
        now, job = m.now["disposable_income_month"], m.with_job["disposable_income_month"]
        rows.append(
            {
                "month": m.month,
                "now": now,
                "with_job": job,
                "difference": None if now is None or job is None else round(job - now, 2),
                "bijstand": bijstand["amount"] if bijstand and bijstand["eligible"] else None,
                "disregard": bool(disregard),
                "provisional": m.now["provisional"] or m.with_job["provisional"],
            }
        )
    return {
        "rows": rows,
        "stops": [names.get(s, s) for s in comparison.stops],
        "lower": [(names.get(s, s), by) for s, by in comparison.lower],
        "disregard_texts": disregard_texts,
        "comparison": comparison,
        "gain_abs": abs(comparison.gain_month),
    }


def _answer(
    request: HttpRequest, household: dict[str, Any], template: str, context: dict[str, Any]
) -> HttpResponse:
    form = OfferForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            comparison = compare(parse_household(household), form.offer(), months=MONTHS)
        except RulesError as exc:
            form.add_error(None, f"Dit kunnen wij niet uitrekenen: {exc}")
        else:
            context |= rows_of(comparison)
    context["form"] = form
    status = 400 if request.method == "POST" and form.errors else 200
    return render(request, template, context, status=status)


@require_http_methods(["GET", "POST"])
def resident(request: HttpRequest) -> HttpResponse:
    """From the check result: the household of the answers in this session (no log-in needed)."""
    q = Questionnaire.from_session(request.session)
    if q.first_incomplete():
        return redirect("portal:check-start")
    try:
        outcome = outcome_of(q, with_changes=False)
    except AnswersNeedAttention as exc:
        return redirect("portal:check-step", slug=exc.step)
    return _answer(request, outcome.household, "jobpays/resident.html", {})


@case_worker_required
@require_http_methods(["GET", "POST"])
def client(request: HttpRequest, pk: int) -> HttpResponse:
    """For a client of the consultant's team: the household of the client's latest application."""
    from meedoen.web.applications.models import Submission

    found = client_of_team(request.user, pk)
    submission = (
        Submission.objects.filter(resident=found.resident)
        .exclude(submitted_at=None)
        .order_by("-submitted_at")
        .first()
    )
    record(request, Action.VIEW, obj=found, subject_id=found.resident_id, what="loont werk?", why=PURPOSE)
    context = {"client": found, "submission": submission}
    if submission is None:
        return render(request, "jobpays/client.html", context)
    return _answer(request, submission.household, "jobpays/client.html", context)
