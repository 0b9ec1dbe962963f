"""Starting and saving a draft: a submission is saved after every step, so nothing typed is lost."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from meedoen.web.accounts.models import AreaTeam
from meedoen.web.applications.models import Application, Document, Submission
from meedoen.web.decisions.automation import handle_new
from meedoen.web.decisions.models import SchemePolicy
from meedoen.web.decisions.recording import cents
from meedoen.web.portal.outcome import Outcome


def start_draft(resident, answers: dict[str, Any], outcome: Outcome) -> Submission:
    """A draft prefilled from a completed check: the schemes it found, that are applied for here,
    are chosen already."""
    result = {**outcome.result, "trace": []}
    elsewhere = SchemePolicy.elsewhere([s["id"] for s in outcome.result["schemes"]])
    return Submission.objects.create(
        resident=resident,
        municipality=settings.MUNICIPALITY,
        peildatum=outcome.date,
        answers=answers,
        household=outcome.household,
        check_result=result,
        schemes=[s["id"] for s in outcome.eligible if s["id"] not in elsewhere],
        postcode=resident.postcode,
    )


def add_document(submission: Submission, kind: str, upload: UploadedFile, by) -> Document:
    return Document.objects.create(
        submission=submission,
        kind=kind,
        file=upload,
        original_name=(upload.name or "document")[:200],
        content_type=upload.checked_content_type,
        size=upload.size,
        uploaded_by=by,
    )


def submit(submission: Submission) -> list[Application]:
    """Send the draft: one application per chosen scheme, each handled (automatically or not)."""
    names = submission.scheme_names()
    outcomes = {s["id"]: s for s in submission.scheme_outcomes()}
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        if not submission.is_draft:
            return list(submission.applications.all())
        submission.team = AreaTeam.for_postcode(submission.municipality, submission.postcode)
        submission.submitted_at = timezone.now()
        submission.save(update_fields=["team", "submitted_at", "updated_at"])
        applications = []
        for scheme_id in submission.schemes:
            outcome = outcomes.get(scheme_id, {})
            application = Application.objects.create(
                submission=submission,
                scheme_id=scheme_id,
                scheme_name=names.get(scheme_id, scheme_id),
                # an unknown scheme (amount None) expects nothing: a consultant looks at it
                expected_amount_cents=cents(outcome.get("amount") or 0.0),
                period=outcome.get("period", "month"),
            )
            application.events.create(status=application.status, note="Aanvraag ontvangen.")
            applications.append(application)
    for application in applications:
        handle_new(application)
    return applications
