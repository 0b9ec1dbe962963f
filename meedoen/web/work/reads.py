"""What the work pages write to the audit log when they show a candidate, and why."""

from __future__ import annotations

from django.http import HttpRequest

from meedoen.web.audit.log import record_many
from meedoen.web.audit.models import Action
from meedoen.web.work.models import Proposal

PURPOSE = "bemiddeling naar werk (Participatiewet, werkgeversdienstverlening)"


def profile_shown(request: HttpRequest, proposals: list[Proposal], what: str) -> None:
    record_many(
        request,
        Action.VIEW,
        shown=[(p.candidate.client, p.candidate.client.resident_id) for p in proposals],
        what=what,
        why=PURPOSE,
    )
