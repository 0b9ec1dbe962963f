"""The decision letter (besluitbrief): what the resident gets when an application is decided.

Everything it says comes from the stored decision (amount, period, reasons, structured references,
status), the application (name and postal address, case number), the municipality's letterhead and
the legal facts in ``legal.yaml``. The same letter is the resident's download and the consultant's.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from meedoen.web.citypass.models import LedgerEntry
from meedoen.web.letters.letterhead import legal_facts
from meedoen.web.letters.numbering import case_number
from meedoen.web.letters.rendering import Letter, render_letter
from meedoen.web.objections.terms import OBJECTION_WEEKS, objection_term_end

TEMPLATE = "decisions/letter.html"
PAYMENT_WEEKS = 6  # Awb 4:87 lid 1: payment within six weeks after the obligation to pay is fixed


def _field(submission, name: str) -> str:
    return (getattr(submission, name, "") or "").strip()


def recipient(submission) -> dict[str, Any]:
    """Name and postal address as the resident gave them; missing parts are left out, never a BSN."""
    street = " ".join(p for p in (_field(submission, "street"), _field(submission, "house_number")) if p)
    place = " ".join(p for p in (_field(submission, "postcode"), _field(submission, "city")) if p)
    return {"name": _field(submission, "full_name"), "lines": [line for line in (street, place) if line]}


def online_objection_url(decision, request: HttpRequest | None) -> str | None:
    """The resident's online objection form for this decision, as a full URL (a letter is read on
    paper too, so a path alone is no use): None without a request or while the objections app is not
    installed."""
    try:
        path = reverse("objections:file", args=[decision.public_id])
    except NoReverseMatch:
        return None
    return request.build_absolute_uri(path) if request is not None else None


def objections_online() -> bool:
    try:
        reverse("objections:file", args=["00000000-0000-0000-0000-000000000000"])
    except NoReverseMatch:
        return False
    return True


def _refs(articles) -> list[dict[str, Any]]:
    return [a.model_dump() for a in articles]


def start_date(decision) -> dt.date:
    """The day the right starts: for algemene bijstand the procedure's ingangsdatum (the melding, or
    up to three months earlier: Participatiewet art. 44), otherwise the peildatum of the decision."""
    procedure = getattr(decision.case, "procedure", None)
    return (procedure.start_date if procedure is not None else None) or decision.peildatum


def payment(decision, sent: dt.date) -> dict[str, Any] | None:
    """When the money comes: on the city pass at once where the grant put a budget on it; otherwise
    within six weeks after the decision (Awb 4:87 lid 1) for a granted amount; None without money."""
    if not decision.granted:
        return None
    if LedgerEntry.objects.filter(decision_id=decision.pk).exists():
        return {"on_pass": True, "date": sent}
    if decision.amount_cents:
        return {"on_pass": False, "date": sent + dt.timedelta(weeks=PAYMENT_WEEKS)}
    return None


def decision_context(decision, *, request: HttpRequest | None = None) -> dict[str, Any]:
    application = decision.case
    submission = application.submission
    sent = timezone.localdate(decision.decided_at) if decision.decided_at else timezone.localdate()
    facts = legal_facts()
    return {
        "decision": decision,
        "application": application,
        "submission": submission,
        "recipient": recipient(submission),
        "case_number": case_number(application),
        "letter_date": sent,
        "start_date": start_date(decision),
        "payment": payment(decision, sent),
        "payment_refs": _refs(facts.payment),
        "objection_weeks": OBJECTION_WEEKS,
        "objection_deadline": objection_term_end(sent),
        "objection_url": online_objection_url(decision, request),
        "objections_online": objections_online(),
        "objection_refs": _refs(facts.objection.references),
        "extension_refs": _refs(facts.objection.extension),
        "information_duty_refs": _refs(facts.information_duty),
        "human_review_refs": _refs(facts.human_review),
    }


def decision_letter(decision, *, request: HttpRequest | None = None) -> Letter:
    """The decision letter of ``decision`` on the letterhead of the resident's municipality."""
    context = decision_context(decision, request=request)
    return render_letter(TEMPLATE, context, context["submission"].municipality)
