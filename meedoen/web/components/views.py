"""Error pages in plain Dutch, in the site's layout."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without a valid security code (often: the page was open too long)."""
    return render(request, "403_csrf.html", status=403)
