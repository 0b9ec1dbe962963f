"""The decision letter as PDF, for the resident it is about and for the consultants of their team."""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from meedoen.web.audit.log import record
from meedoen.web.audit.models import Action
from meedoen.web.components.pdf import pdf_response, render_pdf
from meedoen.web.decisions.models import Decision


@login_required
def letter(request: HttpRequest, public_id: UUID) -> HttpResponse:
    decision = get_object_or_404(
        Decision.objects.select_related("application__submission__resident", "decided_by"),
        public_id=public_id,
    )
    submission = decision.application.submission
    user = request.user
    if user.is_resident and submission.resident_id == user.pk:
        why = "inwoner bekijkt eigen besluit"
    elif user.handles_cases and submission.team_id == user.team_id:
        why = "behandeling aanvraag"
    else:
        raise Http404
    record(request, Action.DOWNLOAD, subject_id=submission.resident_id, what=f"besluit {public_id}", why=why)
    pdf = render_pdf("decisions/letter.html", {"decision": decision, "submission": submission})
    return pdf_response(pdf, f"besluit-{decision.application.scheme_id}.pdf")
