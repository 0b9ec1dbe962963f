"""The Regelingencheck inside the municipality's own website: a ``frame-ancestors`` allow-list for the
check pages only; every other page keeps ``frame-ancestors 'none'`` and ``X-Frame-Options: DENY``.

Settings: ``EMBED_FRAME_ANCESTORS`` (origins such as ``https://www.nijmegen.nl``; empty: no page may
be framed) and ``EMBED_PATHS`` (path prefixes of the pages that may be framed). The answers of the
check live in the session, whose cookie is ``SameSite=Lax``: a browser sends it inside a frame only
when the framing site is the same site (e.g. ``check.nijmegen.nl`` inside ``www.nijmegen.nl``).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from meedoen.web.components.middleware import POLICY

NONE = "frame-ancestors 'none'"


def policy_for(ancestors: list[str]) -> str:
    return POLICY.replace(NONE, "frame-ancestors 'self' " + " ".join(ancestors))


def embeddable(path: str) -> bool:
    return any(path.startswith(prefix) for prefix in settings.EMBED_PATHS)


def frame_ancestors(get_response: Callable[[HttpRequest], HttpResponse]):
    """Last in MIDDLEWARE, so it sees the response first: the CSP middleware (``setdefault``) then
    keeps this policy, and Django's X-Frame-Options middleware skips an exempt response."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        ancestors = settings.EMBED_FRAME_ANCESTORS
        if ancestors and embeddable(request.path) and "Content-Security-Policy" not in response.headers:
            response.headers["Content-Security-Policy"] = policy_for(ancestors)
            response.xframe_options_exempt = True
        return response

    return middleware
