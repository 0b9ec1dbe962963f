"""The end of every staff form that changes a record: the change in the audit log, a confirmation
in Dutch, and back to the record's page (post/redirect/get). One definition, so no module forgets
the audit entry."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from meedoen.web.audit.log import record
from meedoen.web.audit.models import Action


def changed(
    request: HttpRequest,
    obj: models.Model,
    *,
    subject_id: int | None,
    what: str,
    why: str,
    message: str,
    to: str,
    **kwargs: Any,
) -> HttpResponse:
    """Record ``what`` was changed on ``obj`` (about resident ``subject_id``, for purpose ``why``),
    show ``message`` and redirect to the URL named ``to`` with ``kwargs``."""
    record(request, Action.CHANGE, obj=obj, subject_id=subject_id, what=what, why=why)
    messages.success(request, message)
    return redirect(to, **kwargs)
