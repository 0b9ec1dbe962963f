"""The decision letter as PDF (meedoen/web/letters), for the resident it is about and for the consultants
of their team."""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from meedoen.web.accounts.teams import in_own_team
from meedoen.web.audit.log import record
from meedoen.web.audit.models import Action
from meedoen.web.decisions.models import Decision
from meedoen.web.jobs.models import LetterKind
from meedoen.web.letters.tasks import letter_response
from meedoen.web.machtigingen.models import Act
from meedoen.web.machtigingen.namens import resident_of


@login_required
def letter(request: HttpRequest, public_id: UUID) -> HttpResponse:
    decision = get_object_or_404(Decision.objects.select_related("decided_by"), public_id=public_id)
    submission = decision.case.submission
    user = request.user
    if (
        user.is_resident
        and submission.resident_id == resident_of(request, Act.VIEW, decision.case.scheme_id).pk
    ):
        why = "inwoner bekijkt eigen besluit"
    elif user.handles_cases and in_own_team(user, submission.team_id):
        why = "behandeling aanvraag"
    else:  # another resident, another team, staff without a team, any other role
        raise Http404
    record(
        request,
        Action.DOWNLOAD,
        obj=decision,
        subject_id=submission.resident_id,
        what=f"besluit {public_id}",
        why=why,
    )
    # Rendered by a job and stored (meedoen/web/letters/tasks.py): "wordt gemaakt" until it is there.
    return letter_response(
        LetterKind.DECISION, decision.pk, request, f"besluit-{decision.case.scheme_id}.pdf"
    )
