"""Writing the audit log from a view: one call per view of, or change to, a resident's data."""

from __future__ import annotations

from django.http import HttpRequest

from meedoen.web.audit.address import client_address
from meedoen.web.audit.models import Action, AuditEntry


def _entry(request: HttpRequest, action: Action, subject_id: int | None, what: str, why: str) -> AuditEntry:
    user = request.user
    namens = getattr(request, "namens", None)  # acting under an authorisation (meedoen/web/machtigingen)
    if namens is not None:
        why = f"namens {namens.resident_name} (machtiging {namens.pk}): {why}"
        request.meedoen_audited = True
    return AuditEntry(
        actor_id=user.pk if user.is_authenticated else None,
        actor_name=user.get_username() if user.is_authenticated else "anoniem",
        actor_role=getattr(user, "role", ""),
        action=action,
        subject_id=subject_id,
        what=what[:200],
        why=why[:200],
        path=request.path[:300],
        ip_address=client_address(request),
    )


def record(request: HttpRequest, action: Action, *, subject_id: int | None, what: str, why: str) -> None:
    """Record who (the logged-in user) did what to whose data, and why, at this moment."""
    _entry(request, action, subject_id, what, why).save()


def record_many(request: HttpRequest, action: Action, *, subject_ids: list[int], what: str, why: str) -> None:
    """One entry per resident shown, e.g. on a list page, in one query."""
    AuditEntry.objects.bulk_create(
        _entry(request, action, subject_id, what, why) for subject_id in dict.fromkeys(subject_ids)
    )
