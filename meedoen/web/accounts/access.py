"""Who may open which page: decorators that answer 403 for the wrong role (never a redirect loop)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from meedoen.web.accounts.models import CASE_ROLES, FIGURES_ROLES, Role

View = Callable[..., HttpResponse]


def role_required(roles: Iterable[Role]) -> Callable[[View], View]:
    allowed = frozenset(roles)

    def decorate(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.user.role not in allowed:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


resident_required = role_required([Role.RESIDENT])
case_worker_required = role_required(CASE_ROLES)
figures_required = role_required(FIGURES_ROLES)
