"""What django-axes counts failed log-ins against: the staff user name or the demo BSN."""

from typing import Any

from django.http import HttpRequest


def username_of(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    credentials = credentials or {}
    return str(
        credentials.get("username")
        or credentials.get("demo_bsn")
        or request.POST.get("username")
        or request.POST.get("bsn")
        or ""
    )
