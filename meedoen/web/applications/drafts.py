"""Starting and saving a draft: a submission is saved after every step, so nothing typed is lost."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from meedoen.rules.money import cents_of
from meedoen.web.accounts.models import AreaTeam
from meedoen.web.applications import procedure
from meedoen.web.applications.models import Application, BijstandProcedure, Document, Status, Submission
from meedoen.web.components.upload_limits import ensure_room_for_document
from meedoen.web.decisions.automation import handle_new
from meedoen.web.decisions.models import Decision, SchemePolicy
from meedoen.web.portal.outcome import Outcome

log = logging.getLogger(__name__)


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
        reported_on=timezone.localdate(),  # starting an application is reporting (melding, art. 44 Pw)
    )


def add_document(submission: Submission, kind: str, upload: UploadedFile, by) -> Document:
    """Store a checked upload; ``TooManyDocuments`` when the application is full (UPLOAD_MAX_DOCUMENTS)."""
    with transaction.atomic():
        ensure_room_for_document(submission)
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
    """Send the draft: one application per chosen scheme, each handled (automatically or not).

    The day it is sent is the application date; the decision term runs from it (Awb 4:13). Algemene
    bijstand also gets its procedure (melding, search period for the young) and always goes to a
    consultant, whatever the scheme's automation policy says."""
    names = submission.scheme_names()
    outcomes = {s["id"]: s for s in submission.scheme_outcomes()}
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        if not submission.is_draft:
            return list(submission.applications.all())
        submission.team = AreaTeam.for_postcode(submission.municipality, submission.postcode)
        submission.submitted_at = timezone.now()
        today = timezone.localdate()
        submission.reported_on = min(submission.reported_on or today, today)
        submission.save(update_fields=["team", "submitted_at", "reported_on", "updated_at"])
        applications = []
        for scheme_id in submission.schemes:
            outcome = outcomes.get(scheme_id, {})
            application = Application.objects.create(
                submission=submission,
                scheme_id=scheme_id,
                scheme_name=names.get(scheme_id, scheme_id),
                # an unknown scheme (amount None) expects nothing: a consultant looks at it
                expected_amount_cents=cents_of(outcome.get("amount") or 0.0),
                period=outcome.get("period", "month"),
                received_on=today,
                due_on=procedure.decision_due(today),
            )
            application.events.create(status=application.status, note="Aanvraag ontvangen.")
            if scheme_id == procedure.ALGEMENE_BIJSTAND:
                start_procedure(application, submission.reported_on)
            applications.append(application)
    for application in applications:
        if application.scheme_id in procedure.CONSULTANT_ONLY:
            _never_automated(application)
        else:
            handle_new(application)
    return applications


class _DecidedAutomatically(Exception):
    pass


def _never_automated(application: Application) -> None:
    """The automation policy may add its proposal; if it ever decided, that is undone (savepoint) and
    logged: algemene bijstand always lands with a consultant."""
    try:
        with transaction.atomic():
            handle_new(application)
            if Decision.objects.filter(application=application).exists():
                raise _DecidedAutomatically
    except _DecidedAutomatically:
        log.error("automated decision on %s undone: a consultant decides", application.public_id)
        application.refresh_from_db()
    to_consultant(application)


def start_procedure(application: Application, melding) -> BijstandProcedure:
    """Algemene bijstand: record the melding, whether the search period holds, and the due date."""
    household = application.submission.household
    record = BijstandProcedure.objects.create(
        application=application,
        melding_on=melding,
        search_applies=procedure.search_period_applies(household, melding),
    )
    application.due_on = record.terms().due
    application.save(update_fields=["due_on", "updated_at"])
    return record


def to_consultant(application: Application) -> None:
    """A scheme only a consultant decides; the note says so and, for the young, until when they wait."""
    note = "Algemene bijstand beoordeelt altijd een consulent."
    record = getattr(application, "procedure", None)
    if record is not None:
        t = record.terms()
        if t.waiting:
            last, end = procedure.nl_date(t.search_last_day), procedure.nl_date(t.search_end)
            note += (
                f" Zoektijd van {t.search_weeks} weken (Participatiewet art. 41 lid 4) tot en met {last}; "
                f"beslissen kan vanaf {end}."
            )
    application.move_to(Status.IN_REVIEW, note=note)
