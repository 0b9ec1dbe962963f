"""``Cache-Control: no-store`` on every page the app builds (issue 16, item 9).

Pages show a resident's answers, income, decisions, pass numbers or signals; a shared computer's
browser cache or a proxy must keep none of it. The rule is for every dynamic response rather than a
list of personal pages, so a new page cannot be forgotten; a view that knows its page is public may
set its own Cache-Control. Static files never reach this middleware (WhiteNoise answers them first).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


def no_store(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = "no-store"
        return response

    return middleware
