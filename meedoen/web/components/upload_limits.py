"""Uploads within bounds (issue 16, item 10): how large a request with files may be, refused on its
``Content-Length`` before anything reads the body, and how many documents one application may hold.

Django's own limits do not stop a large upload: ``DATA_UPLOAD_MAX_MEMORY_SIZE`` leaves files out, and
``FILE_UPLOAD_MAX_MEMORY_SIZE`` only decides between memory and a temporary file, so any size is
streamed to disk first and the form's size check (``applications.uploads``) comes after. The
middleware here runs before the CSRF check (the first thing that reads a POST body) and answers 413
with a page in plain Dutch. The reverse proxy in front should refuse the same size
(``client_max_body_size``, docs/operations.md); this check holds without it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve

from meedoen.web.themes.site import call_us

BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


def megabytes(size: int) -> str:
    """A size as a resident reads it: whole megabytes, at least 1."""
    return f"{max(1, round(size / (1024 * 1024)))} MB"


@dataclass(frozen=True)
class BodyLimit:
    """The largest body a page with files takes, and the sentence that explains it."""

    max_bytes: int
    rule: str


def body_limit(view_name: str) -> BodyLimit:
    """The limit for a request with files to ``view_name`` (``namespace:name``; "" when unknown).

    A page that takes several files allows that many times the per-file maximum; the signals
    delivery (a CSV from the signals lead) has its own setting. The margin is for the form's fields.
    """
    per_file, margin = settings.UPLOAD_MAX_BYTES, settings.UPLOAD_FORM_MARGIN_BYTES
    if view_name == "vroegsignalering:upload":
        limit = settings.SIGNALS_UPLOAD_MAX_BYTES
        return BodyLimit(limit + margin, f"Een bestand met signalen mag maximaal {megabytes(limit)} zijn.")
    if view_name == "objections:file":
        from meedoen.web.objections.forms import MAX_FILES  # the objection form's own number

        return BodyLimit(
            MAX_FILES * per_file + margin,
            f"U kunt hoogstens {MAX_FILES} bestanden meesturen, samen maximaal "
            f"{megabytes(MAX_FILES * per_file)} en elk maximaal {megabytes(per_file)}.",
        )
    return BodyLimit(per_file + margin, f"Een bestand mag maximaal {megabytes(per_file)} zijn.")


def _view_name(request: HttpRequest) -> str:
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return ""


def _declared_length(request: HttpRequest) -> int | None:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None  # Django reads such a body as empty


def request_body_limit(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[..., HttpResponse]:
    """Refuse a request with files whose declared length is over its page's limit, unread (413)."""

    def middleware(request: HttpRequest) -> HttpResponse:
        content_type = (request.content_type or "").lower()
        if request.method in BODY_METHODS and content_type == "multipart/form-data":
            length = _declared_length(request)
            limit = body_limit(_view_name(request))
            if length is not None and length > limit.max_bytes:
                context = {"size": megabytes(length), "rule": limit.rule, "back": request.path}
                return render(request, "components/413.html", context, status=413)
        return get_response(request)

    return middleware


class TooManyDocuments(Exception):
    """The application holds ``UPLOAD_MAX_DOCUMENTS`` documents already; the message says what to do."""

    def __init__(self, limit: int, draft: bool) -> None:
        documents = "1 document" if limit == 1 else f"{limit} documenten"
        if draft:
            text = (
                f"U heeft al {documents} toegevoegd. Meer kan niet bij één aanvraag. "
                "Verwijder eerst een document dat u niet nodig hebt."
            )
        else:
            text = (
                f"U heeft al {documents} gestuurd. Meer kan niet bij één aanvraag. "
                f"Moet u toch nog iets sturen? {call_us()}"
            )
        super().__init__(text)


def ensure_room_for_document(submission: Any) -> None:
    """Raise :class:`TooManyDocuments` when ``submission`` is full. Call inside a transaction: the
    submission's row is locked, so two uploads at the same moment cannot both take the last place."""
    model: type[models.Model] = type(submission)
    list(model.objects.select_for_update().filter(pk=submission.pk).values_list("pk", flat=True))
    limit = settings.UPLOAD_MAX_DOCUMENTS
    if submission.documents.count() >= limit:
        raise TooManyDocuments(limit, draft=submission.submitted_at is None)
