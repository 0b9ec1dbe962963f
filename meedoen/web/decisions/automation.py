"""Automated handling of a new application: grant when the outcome is clear and the evidence is
complete and the scheme's policy allows it; anything else goes to a consultant of the area team.

A rejection is never automated: when the engine says no, a person looks at it and decides. Nor is a
grant on provisional amounts (the figures for the peildatum are not published yet) or on a scheme
the engine cannot compute on the date (``unknown``).
Whatever fails here, the application is kept and lands in the consultants' queue.
"""

from __future__ import annotations

import logging

from meedoen.web.applications.models import Application, Evidence, Status
from meedoen.web.calculation import evaluate
from meedoen.web.decisions.models import Outcome, SchemePolicy
from meedoen.web.decisions.recording import is_unknown, record_decision, scheme_in

log = logging.getLogger(__name__)


def missing_evidence(application: Application, policy: SchemePolicy) -> list[str]:
    present = set(application.submission.documents.values_list("kind", flat=True))
    return [kind for kind in policy.evidence if kind not in present]


def handle_new(application: Application) -> None:
    """Decide automatically where allowed, otherwise route to a consultant with the reason."""
    policy = SchemePolicy.for_scheme(application.scheme_id)
    try:
        if not policy.automated:
            return _to_consultant(application, "Deze regeling beoordeelt altijd een consulent.")
        missing = missing_evidence(application, policy)
        if missing:
            labels = ", ".join(Evidence(kind).label.lower() for kind in missing)
            return _to_consultant(application, f"Bewijsstukken ontbreken: {labels}.")
        result = evaluate(application.submission.household, trace=True)
        scheme = scheme_in(result, application.scheme_id)
        if scheme is None:
            return _to_consultant(application, "De berekening kent deze regeling niet (meer).")
        if is_unknown(scheme):
            return _to_consultant(
                application,
                "De berekening kan deze regeling op de peildatum niet maken: de bedragen zijn niet bekend.",
            )
        if scheme["eligible"] is not True:
            return _to_consultant(
                application, "De berekening geeft geen recht. Over een afwijzing beslist een consulent."
            )
        if scheme.get("status", "final") != "final":
            return _to_consultant(
                application,
                "De bedragen voor de peildatum zijn nog niet gepubliceerd; de berekening is voorlopig. "
                "Een consulent beoordeelt.",
            )
        record_decision(application, Outcome.GRANTED, result=result)
    except Exception:  # the application must never be lost: a person takes over
        log.exception("automated handling failed for application %s", application.public_id)
        _to_consultant(application, "Automatisch afhandelen lukte niet; een consulent beoordeelt.")


def _to_consultant(application: Application, note: str) -> None:
    application.move_to(Status.IN_REVIEW, note=note)
