"""Making a decision: the engine is run again (with trace) and everything it said is kept."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from meedoen.rules.money import cents_of
from meedoen.web.applications.models import Application, Status
from meedoen.web.calculation import evaluate, parameter_version
from meedoen.web.citypass.issuing import end_for_decision, issue_for_decision
from meedoen.web.decisions.models import Basis, Decision, Outcome
from meedoen.web.decisions.policy import ASSISTED, MACHINE, policy_for


class Undecidable(Exception):
    """The engine cannot compute the scheme on the peildatum (status ``unknown``: no answer, no
    amount): nobody, neither the automation nor a consultant, may grant or reject on it."""


def scheme_in(result: dict[str, Any], scheme_id: str) -> dict[str, Any] | None:
    return next((s for s in result["schemes"] if s["id"] == scheme_id), None)


def is_unknown(scheme: dict[str, Any]) -> bool:
    """Whether a scheme's result has no answer on its date (``eligible`` and ``amount`` null)."""
    return scheme.get("status") == "unknown" or scheme.get("eligible", False) is None


def status_of(scheme: dict[str, Any]) -> dict[str, Any]:
    keys = ("status", "provisional_basis", "values_until")
    return {k: scheme[k] for k in keys if k in scheme}


def proposal_of(scheme: dict[str, Any]) -> dict[str, Any]:
    """What the engine proposes for a scheme: grant with its amount, or reject (never on an unknown
    scheme, see :func:`is_unknown`)."""
    if scheme.get("eligible") is True:
        return {"outcome": Outcome.GRANTED.value, "amount_cents": cents_of(scheme.get("amount") or 0.0)}
    return {"outcome": Outcome.REJECTED.value, "amount_cents": 0}


def basis_for(application: Application, scheme: dict[str, Any], by) -> tuple[str, dict[str, Any]]:
    """How a decision is taken under the automation policy, and the engine's proposal it saw if assisted."""
    if by is None:
        return Basis.MACHINE, {}
    policy = policy_for(
        application.submission.municipality, application.scheme_id, application.submission.peildatum
    )
    if policy.level in (
        ASSISTED,
        MACHINE,
    ):  # a machine scheme in the queue: the proposal was on the case page
        return Basis.ASSISTED, proposal_of(scheme)
    return Basis.HUMAN, {}


@transaction.atomic
def record_decision(
    application: Application,
    outcome: Outcome,
    *,
    by=None,
    motivation: str = "",
    amount_cents: int | None = None,
    result: dict[str, Any] | None = None,
    facts_basis: str = "",
) -> Decision:
    """Store the decision with the engine's reasons, references, status, trace and the parameter
    version, and how it was taken (machine, assisted with the engine's proposal, human). Raises
    :class:`Undecidable` when the engine cannot compute the scheme on the date."""
    result, scheme, fields = _engine_fields(application, outcome, amount_cents, result)
    granted = outcome == Outcome.GRANTED
    basis, proposal = basis_for(application, scheme, by)
    decision = Decision.objects.create(
        application=application,
        basis=basis,
        proposal=proposal,
        facts_basis=facts_basis,
        peildatum=result["date"],
        motivation=motivation,
        automated=by is None,
        decided_by=by,
        **fields,
    )
    issue_for_decision(decision)  # a granted city pass or budget scheme: passes and budgets
    application.move_to(Status.GRANTED if granted else Status.REJECTED, by=by, note=motivation)
    application.messages.create(
        author=by,
        text=f"Er is een besluit over uw aanvraag {application.scheme_name}: "
        f"{decision.get_outcome_display().lower()}. U vindt de brief bij deze aanvraag.",
    )
    return decision


def _engine_fields(
    application, outcome: Outcome, amount_cents: int | None, result: dict[str, Any] | None
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """The engine's result, the scheme's entry in it, and the decision's fields that come from the
    engine (a first decision and a revision store them alike). Raises :class:`Undecidable` when the
    engine cannot compute the scheme on the date."""
    result = result or evaluate(application.submission.household, trace=True)
    scheme = scheme_in(result, application.scheme_id) or {}
    if is_unknown(scheme):
        raise Undecidable(application.scheme_id, result["date"])
    granted = outcome == Outcome.GRANTED
    if amount_cents is None:
        amount_cents = cents_of(scheme.get("amount") or 0.0) if granted else 0
    return (
        result,
        scheme,
        {
            "outcome": outcome,
            "amount_cents": amount_cents if granted else 0,
            "period": scheme.get("period", application.period),
            "reasons": scheme.get("reasons", []),
            "legal_basis": scheme.get("sources", []),
            "references": scheme.get("references", []),
            "scheme_status": status_of(scheme),
            "trace": result.get("trace", []),
            "parameter_version": parameter_version(),
        },
    )


@transaction.atomic
def revise_decision(
    decision: Decision,
    outcome: Outcome,
    *,
    by,
    motivation: str,
    amount_cents: int | None = None,
    result: dict[str, Any] | None = None,
) -> Decision:
    """Replace a decision in force by a new one (e.g. after an objection was upheld, Awb 7:11).

    The old decision stays as it was, for the record, linked to the new one; the application's
    decision is the new one. Payments follow: a grant issues its passes and budgets (topped up, never
    doubled), a grant that is revoked ends the budgets it gave. Raises :class:`Undecidable` when the
    engine cannot compute the scheme, ``ValueError`` when the decision is no longer in force.
    """
    old = Decision.objects.select_for_update().get(pk=decision.pk)
    if not old.in_force:
        raise ValueError("this decision has already been replaced")
    application = old.application
    _, _, fields = _engine_fields(application, outcome, amount_cents, result)
    granted = outcome == Outcome.GRANTED
    Decision.objects.filter(pk=old.pk).update(application=None, superseded_at=timezone.now())
    new = Decision.objects.create(
        application=application,
        supersedes=old,
        peildatum=old.peildatum,
        motivation=motivation,
        automated=False,
        decided_by=by,
        **fields,
    )
    if old.granted and not granted:
        end_for_decision(old)
    issue_for_decision(new)
    application.move_to(Status.GRANTED if granted else Status.REJECTED, by=by, note=motivation)
    application.messages.create(
        author=by,
        text=f"Er is een nieuw besluit over uw aanvraag {application.scheme_name}: "
        f"{new.get_outcome_display().lower()}. Het vervangt het eerdere besluit.",
    )
    return new
