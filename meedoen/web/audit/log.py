"""Writing the audit log from a view: one call per view of, or change to, a resident's data.

Every entry points at the object it is about (``object_type``, ``object_id``, indexed), so "who looked
at this case" is a query (:func:`reads_of`), not a match on the free text in ``what``. A caller passes
the model instance (``obj=application``); a page that shows no single object passes ``obj=None`` with a
comment that says why (tests/web/test_audit_objects.py checks every call site).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.db.models import Q
from django.http import HttpRequest

from meedoen.web.audit.address import client_address
from meedoen.web.audit.models import Action, AuditEntry

# The object types the log names, by model (app_label.model_name); any other model is named by its
# model name. Short, stable words: they are stored in every entry and queried on.
OBJECT_TYPES = {
    "applications.application": "application",
    "applications.submission": "submission",
    "applications.document": "document",
    "casework.client": "client",
    "vroegsignalering.signalcase": "signal_case",
    "vroegsignalering.signal": "signal",
    "objections.objection": "bezwaar",
    "objections.objectiondocument": "bezwaar_document",
    "decisions.decision": "decision",
    "citypass.pass": "pass",
    "machtigingen.machtiging": "machtiging",
    "machtigingen.sharedcheck": "shared_check",
    "accounts.user": "user",
}


def object_ref(obj: models.Model | None) -> tuple[str, str]:
    """The (object_type, object_id) an entry about ``obj`` carries; ("", "") for none."""
    if obj is None:
        return "", ""
    meta = obj._meta
    return OBJECT_TYPES.get(meta.label_lower, meta.model_name), str(obj.pk)


def _entry(
    request: HttpRequest,
    action: Action,
    subject_id: int | None,
    obj: models.Model | None,
    what: str,
    why: str,
    in_list: bool = False,
) -> AuditEntry:
    user = request.user
    namens = getattr(request, "namens", None)  # acting under an authorisation (meedoen/web/machtigingen)
    if namens is not None:
        why = f"namens {namens.resident_name} (machtiging {namens.pk}): {why}"
        request.meedoen_audited = True
    object_type, object_id = object_ref(obj)
    return AuditEntry(
        actor_id=user.pk if user.is_authenticated else None,
        actor_name=user.get_username() if user.is_authenticated else "anoniem",
        actor_role=getattr(user, "role", ""),
        action=action,
        subject_id=subject_id,
        object_type=object_type,
        object_id=object_id,
        in_list=in_list,
        namens_id=namens.pk if namens is not None else None,
        what=what[:200],
        why=why[:200],
        path=request.path[:300],
        ip_address=client_address(request),
    )


def record(
    request: HttpRequest,
    action: Action,
    *,
    obj: models.Model | None,
    subject_id: int | None,
    what: str,
    why: str,
) -> None:
    """Record who (the logged-in user) did what to whose data (``subject_id``) and to which object
    (``obj``; None only for a page that shows no single object), and why, at this moment."""
    _entry(request, action, subject_id, obj, what, why).save()


def record_many(
    request: HttpRequest,
    action: Action,
    *,
    shown: Iterable[tuple[models.Model | None, int | None]],
    what: str,
    why: str,
) -> None:
    """One entry per object shown, e.g. the rows of a list page, in one query. ``shown`` holds
    (object, resident id) pairs; an object shown twice is written once."""
    unique = {(object_ref(obj), subject_id): (obj, subject_id) for obj, subject_id in shown}
    AuditEntry.objects.bulk_create(
        _entry(request, action, subject_id, obj, what, why, in_list=True)
        for obj, subject_id in unique.values()
    )


def entries_about(obj: models.Model) -> models.QuerySet[AuditEntry]:
    """Every entry about ``obj`` (reads, changes, decisions, rows of a list page), newest first: the
    whole answer to "who had this in front of them"."""
    object_type, object_id = object_ref(obj)
    return AuditEntry.objects.filter(object_type=object_type, object_id=object_id)


def reads_of(obj: models.Model) -> models.QuerySet[AuditEntry]:
    """Who opened ``obj`` itself (viewed or downloaded it, not as a row of a list), newest first: what
    a case page shows as "bekeken door"."""
    return entries_about(obj).filter(action__in=(Action.VIEW, Action.DOWNLOAD), in_list=False)


def done_namens(machtiging: models.Model) -> models.QuerySet[AuditEntry]:
    """Every entry written while someone acted under this authorisation, newest first. Entries written
    before the log named the machtiging (audit migration 0004; the log is never rewritten) are found by
    the words ``_entry`` put in ``why``."""
    legacy = Q(namens_id__isnull=True, why__contains=f"(machtiging {machtiging.pk}):")
    return AuditEntry.objects.filter(Q(namens_id=machtiging.pk) | legacy)
