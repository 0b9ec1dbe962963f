"""Shared by the city pass views: who may open what, and the landing page per role."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect

from meedoen.reporting import safe_csv
from meedoen.web.accounts.access import role_required
from meedoen.web.accounts.models import Role

provider_required = role_required([Role.PROVIDER])
officer_required = role_required([Role.PASS_OFFICER])
HOMES = {
    Role.RESIDENT: "citypass:mine",
    Role.PROVIDER: "citypass:provider",
    Role.PASS_OFFICER: "citypass:officer",
}


def home(request: HttpRequest) -> HttpResponseRedirect:
    """Residents to their passes, providers to redeeming, pass officers to their page; others to offers."""
    role = request.user.role if request.user.is_authenticated else None
    return redirect(HOMES.get(role, "citypass:offers"))


def csv_response(rows: Iterable[list[str]], filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    safe_csv.writer(response, delimiter=";").writerows(rows)
    return response
