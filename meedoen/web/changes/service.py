"""What a change does: the resident's schemes now, the same household with the change evaluated again
(through the calculation gateway), and, once confirmed, a task per changed scheme for the consultant."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from meedoen.rules.money import cents_of
from meedoen.web.applications.models import Application, Status, Submission
from meedoen.web.applications.procedure import decision_due
from meedoen.web.calculation import evaluate, peildatum
from meedoen.web.changes.models import ChangeReport
from meedoen.web.decisions.automation import assess
from meedoen.web.decisions.models import Outcome
from meedoen.web.portal.questionnaire import Questionnaire

DECLARED = (
    "U heeft deze wijziging zelf doorgegeven. Wat alleen is opgegeven, beslist nooit automatisch: "
    "een consulent controleert het."
)


def base_submission(resident: Any) -> Submission | None:
    """The latest sent application: its answers are what the municipality last heard."""
    return (
        Submission.objects.filter(resident=resident)
        .exclude(submitted_at=None)
        .order_by("-submitted_at")
        .first()
    )


def current_schemes(resident: Any) -> dict[str, dict[str, Any]]:
    """Per scheme the resident applied for, what holds now: the decision in force (granted or not, its
    amount) or, while still open, the amount the check expected."""
    found: dict[str, dict[str, Any]] = {}
    applications = (
        Application.objects.filter(submission__resident=resident)
        .exclude(submission__submitted_at=None)
        .select_related("decision")
        .order_by("created_at", "id")
    )
    for application in applications:  # a later application of a scheme replaces an earlier one
        decision = getattr(application, "decision", None)
        if decision is not None:
            eligible, amount = decision.outcome == Outcome.GRANTED, decision.amount_cents
        elif application.is_open:
            eligible, amount = None, application.expected_amount_cents
        else:
            continue
        found[application.scheme_id] = {
            "scheme_id": application.scheme_id,
            "name": application.scheme_name,
            "eligible": eligible,
            "amount_cents": amount,
            "period": application.period,
            "application": application,
        }
    return found


def consequences(before: dict[str, dict[str, Any]], result: dict[str, Any]) -> list[dict[str, Any]]:
    """Per scheme the resident has, before and after; ``changed`` when the outcome or amount differs.
    A scheme the engine cannot compute after the change is 'onbekend' (never €0) and counts as changed."""
    after = {s["id"]: s for s in result["schemes"]}
    out = []
    for scheme_id, now in before.items():
        new = after.get(scheme_id)
        unknown = new is None or new["eligible"] is None or (new["eligible"] and new.get("amount") is None)
        new_eligible = None if unknown else bool(new["eligible"])
        new_cents = None if unknown or not new_eligible else cents_of(new.get("amount") or 0)
        if now["eligible"] is None:  # still open: compare with what the check expected
            changed = unknown or not new_eligible or new_cents != now["amount_cents"]
        else:
            old_cents = now["amount_cents"] if now["eligible"] else None
            changed = unknown or new_eligible != now["eligible"] or new_cents != old_cents
        out.append(
            {
                "scheme_id": scheme_id,
                "name": now["name"],
                "period": (new or {}).get("period") or now["period"],
                "before_eligible": now["eligible"],
                "before_amount_cents": now["amount_cents"],
                "after_eligible": new_eligible,
                "after_amount_cents": new_cents,
                "after_status": "unknown" if unknown else new.get("status", "final"),
                "changed": changed,
            }
        )
    return out


def evaluate_change(q: Questionnaire) -> tuple[dict[str, Any], dict[str, Any]]:
    """The household of the changed answers and the engine's result (raises the engine's errors)."""
    municipality = settings.MUNICIPALITY
    household, _steps = q.household(municipality, peildatum(municipality))
    return household, evaluate(household)


@transaction.atomic
def confirm(report: ChangeReport) -> list[Application]:
    """Put every changed scheme before the consultant: one sent application per scheme, with the new
    household, so the queue, the case page and a decision work as for any application. The automation
    policy is asked for its reasons and proposal; the declared change itself keeps it from deciding."""
    report = ChangeReport.objects.select_for_update().get(pk=report.pk)
    if report.confirmed_at is not None:
        return list(report.submission.applications.all()) if report.submission else []
    base = report.base
    today = timezone.localdate()
    changed = report.changed
    submission = None
    applications: list[Application] = []
    if changed:
        submission = Submission.objects.create(
            resident=report.resident,
            team=base.team,
            municipality=base.municipality,
            peildatum=peildatum(base.municipality),
            answers=report.answers,
            household=report.household,
            check_result=report.check_result,
            schemes=[c["scheme_id"] for c in changed],
            step=Submission.Step.REVIEW,
            email=base.email,
            phone=base.phone,
            full_name=base.full_name,
            street=base.street,
            house_number=base.house_number,
            postcode=base.postcode,
            city=base.city,
            iban=base.iban,
            submitted_at=timezone.now(),
            reported_on=today,
        )
    for change in changed:
        application = Application.objects.create(
            submission=submission,
            scheme_id=change["scheme_id"],
            scheme_name=change["name"],
            expected_amount_cents=change["after_amount_cents"] or 0,
            period=change["period"],
            received_on=today,
            due_on=decision_due(today),
        )
        application.events.create(
            status=application.status, note=f"Wijziging doorgegeven: {report.get_kind_display().lower()}."
        )
        route(application, report)
        applications.append(application)
    report.confirmed_at = timezone.now()
    report.submission = submission
    report.save(update_fields=["confirmed_at", "submission"])
    return applications


def route(application: Application, report: ChangeReport) -> None:
    """To the consultant, with what changed and the automation policy's own reasons."""
    result = evaluate(report.household, trace=True)
    found = assess(application, result)
    change = next(c for c in report.consequences if c["scheme_id"] == application.scheme_id)
    before = _words(change["before_eligible"], change["before_amount_cents"], expected=True)
    after = _words(change["after_eligible"], change["after_amount_cents"])
    reasons = [f"Gevolg volgens de berekening: eerst {before}, nu {after}.", DECLARED, *found.refusals]
    application.move_to(Status.IN_REVIEW, note="Wijziging, niet automatisch besloten. " + " ".join(reasons))


def _words(eligible: bool | None, cents: int | None, expected: bool = False) -> str:
    from meedoen.rules.money import euro_text

    if eligible is None:
        return f"aangevraagd (verwacht {euro_text(cents or 0)})" if expected else "onbekend"
    if not eligible:
        return "geen recht"
    return f"recht, {euro_text(cents)}" if cents else "recht"
