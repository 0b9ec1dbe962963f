"""Acting "namens" a resident: which resident a request is for, and whether the authorisation covers it.

The agent chooses whom to act for on /machtigingen/namens/; the session then holds that authorisation's
id. On every request ``middleware`` looks it up again: ``request.namens`` is the authorisation (or None)
and ``request.resident`` the resident the request is for (the user themself when not acting namens).
An authorisation that was revoked or has ended stops at once: the key is dropped, the check answers
typed for the resident are cleared, and the agent lands on a page that says so.

Resident-facing views never use ``request.user`` for the resident: they call ``resident_of(request, act,
scheme)``, which answers the represented resident only when the authorisation covers ``act`` (and the
scheme), and raises ``NotCovered`` (a 403 with a Dutch message) otherwise. Every request made namens is
written to the audit log (the views' own entries say "namens ..." too, see meedoen/web/audit/log.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from meedoen.web.audit.log import record
from meedoen.web.audit.models import Action
from meedoen.web.machtigingen.models import Act, Machtiging
from meedoen.web.portal.questionnaire import SESSION_KEY as CHECK_SESSION_KEY

SESSION_KEY = "meedoen_namens"
AUDIT_WHY = "handelt namens inwoner"  # the reason of the entries this module writes itself


class NotCovered(PermissionDenied):
    """The authorisation does not cover this action or scheme: a 403 page that says what it does cover."""

    def __init__(self, machtiging: Machtiging, message: str) -> None:
        self.machtiging = machtiging
        self.message = message
        super().__init__(message)


def _acts(acts: Act | Iterable[Act]) -> tuple[Act, ...]:
    return (acts,) if isinstance(acts, str) else tuple(acts)


def resident_of(request: HttpRequest, acts: Act | Iterable[Act], scheme: str | None = None):
    """The resident this request is for: the user, or, when acting namens, the represented resident if the
    authorisation covers one of ``acts`` (and ``scheme`` when given)."""
    machtiging: Machtiging | None = getattr(request, "namens", None)
    if machtiging is None:
        return request.user
    require(request, acts, scheme)
    return machtiging.resident


def require(request: HttpRequest, acts: Act | Iterable[Act], scheme: str | None = None) -> None:
    """Raise ``NotCovered`` unless the user acts for themself or the authorisation covers it."""
    machtiging: Machtiging | None = getattr(request, "namens", None)
    if machtiging is None:
        return
    wanted = _acts(acts)
    if not machtiging.covers(wanted, None):
        labels = " of ".join(Act(a).label.lower() for a in wanted)
        raise NotCovered(
            machtiging, f"Uw machtiging van {machtiging.resident_name} geldt niet voor: {labels}."
        )
    if scheme is not None and scheme not in machtiging.schemes:
        from meedoen.web.machtigingen.schemes import scheme_names

        name = scheme_names().get(scheme, scheme)
        raise NotCovered(machtiging, f"Uw machtiging van {machtiging.resident_name} geldt niet voor {name}.")


def require_schemes(request: HttpRequest, acts: Act | Iterable[Act], schemes: Iterable[str]) -> None:
    for scheme in schemes:
        require(request, acts, scheme)


def covered_schemes(request: HttpRequest) -> set[str] | None:
    """The schemes the authorisation covers, or None when the user acts for themself (everything)."""
    machtiging: Machtiging | None = getattr(request, "namens", None)
    return None if machtiging is None else set(machtiging.schemes)


def forbid(request: HttpRequest, what: str) -> None:
    """Things only the resident themself may do (authorise, share): never namens."""
    machtiging: Machtiging | None = getattr(request, "namens", None)
    if machtiging is not None:
        raise NotCovered(machtiging, f"Alleen {machtiging.resident_name} zelf kan {what}.")


def active_for_agent(user) -> list[Machtiging]:
    """The authorisations this person can act with today."""
    if not user.is_authenticated or not user.is_resident:
        return []
    today = timezone.localdate()
    found = Machtiging.objects.filter(
        agent=user, revoked_at=None, starts_on__lte=today, ends_on__gte=today
    ).select_related("resident")
    return [m for m in found if m.resident.is_active]


def start(request: HttpRequest, machtiging: Machtiging) -> None:
    """Act namens from the next request on; the check answers in the session start empty."""
    request.session.cycle_key()
    request.session[SESSION_KEY] = machtiging.pk
    request.session.pop(CHECK_SESSION_KEY, None)


def stop(request: HttpRequest) -> None:
    """Act for oneself again: the answers typed for the resident do not stay in the session."""
    request.session.pop(SESSION_KEY, None)
    request.session.pop(CHECK_SESSION_KEY, None)


def landing_for(user) -> str:
    """Where a resident goes after logging in: the choice of whom to act for, if anyone authorised them."""
    if active_for_agent(user):
        return reverse("machtigingen:choose")
    return reverse("applications:mine")


# Requests made namens that no view audits itself are still written down, in words the resident reads.
VIEW_WORDS = {
    "portal:check-result": "de uitkomst van de Regelingencheck bekeken",
    "portal:check-result-pdf": "de uitkomst van de Regelingencheck gedownload",
    "applications:start": "een aanvraag klaargezet",
    "applications:draft-step": "een aanvraag bekeken",
    "applications:mine": "de aanvragen bekeken",
}
CHANGE_WORDS = {
    "portal:check-step": "de Regelingencheck ingevuld",
    "portal:check-reset": "de Regelingencheck leeggemaakt",
    "applications:start": "een aanvraag begonnen",
    "applications:draft-step": "een aanvraag ingevuld of verstuurd",
    "applications:delete-document": "een document verwijderd",
    "applications:detail": "een bericht of document gestuurd bij een aanvraag",
    "objections:file": "bezwaar gemaakt",
}
# Pages without data of the resident: not worth a line (their POSTs are recorded).
QUIET = {
    "portal:home",
    "portal:check-start",
    "portal:check-step",
    "machtigingen:choose",
    "machtigingen:acting",
    "accounts:login",
}


def _audit(request: HttpRequest, response: HttpResponse) -> None:
    if getattr(request, "meedoen_audited", False) or response.status_code >= 500:
        return
    name = resolve_name(request)
    if not name or (request.method == "GET" and name in QUIET):
        return
    if request.method in ("GET", "HEAD"):
        action, words = Action.VIEW, VIEW_WORDS.get(name, f"pagina bekeken ({request.path[:100]})")
    else:
        action, words = Action.CHANGE, CHANGE_WORDS.get(name, f"iets gedaan ({request.path[:100]})")
    if response.status_code == 403:
        words = f"geweigerd: {words}"
    # obj=None: no view recorded this request, so no object is known; the entry names the page's path
    record(request, action, obj=None, subject_id=request.namens.resident_id, what=words, why=AUDIT_WHY)


def middleware(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    """Sets ``request.namens`` and ``request.resident``; after AuthenticationMiddleware and messages."""

    def handle(request: HttpRequest) -> HttpResponse:
        request.namens = None
        request.resident = request.user
        key = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
        if key is not None:
            machtiging = (
                Machtiging.objects.select_related("resident").filter(pk=key, agent_id=request.user.pk).first()
                if request.user.is_authenticated
                else None
            )
            if (
                machtiging is None
                or not machtiging.is_active()
                or not request.user.is_resident
                or not machtiging.resident.is_active
            ):
                stop(request)
                if request.user.is_authenticated and resolve_name(request) != "accounts:logout":
                    return redirect("machtigingen:ended")
            else:
                request.namens = machtiging
                request.resident = machtiging.resident
        response = get_response(request)
        if request.namens is not None:
            _audit(request, response)
        return response

    return handle


def resolve_name(request: HttpRequest) -> str:
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return ""


class NotCoveredMiddleware:
    """Turns ``NotCovered`` into a 403 page that names the resident and what the authorisation covers."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, NotCovered):
            return None
        context = {"message": exception.message, "machtiging": exception.machtiging}
        return render(request, "machtigingen/not_covered.html", context, status=403)
