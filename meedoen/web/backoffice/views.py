"""The consultants' side: the area team's queue, the case page and its actions, and the figures.

A case is always looked up together with the consultant's own team, so another team's case is 404.
Every case page view is written to the audit log with its purpose.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, F, Q, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from meedoen.rules.errors import RulesError
from meedoen.rules.expiry import DEFAULT_WITHIN_DAYS, Expiring, expiring
from meedoen.rules.money import cents_of
from meedoen.web.accounts.access import case_worker_required, figures_required
from meedoen.web.accounts.models import Role
from meedoen.web.accounts.teams import own_team
from meedoen.web.applications.models import OPEN_STATUSES, Application, Document, Status
from meedoen.web.applications.procedure import decide_refusal
from meedoen.web.applications.views import send_document
from meedoen.web.audit.log import reads_of, record, record_many
from meedoen.web.audit.models import Action
from meedoen.web.backoffice import trace
from meedoen.web.backoffice.forms import AskForm, DecideForm, NoteForm, QueueFilterForm
from meedoen.web.calculation import evaluate
from meedoen.web.decisions.models import Decision, Outcome
from meedoen.web.decisions.recording import Undecidable, record_decision, scheme_in

PURPOSE = "behandeling aanvraag"
# The forms a case page can come back with (the bijstand procedure's too), by the title in the summary.
FORM_TITLES = {
    "decide_form": "Beslissen",
    "ask_form": "Informatie vragen",
    "note_form": "Notitie",
    "dates_form": "Datums van de melding en de aanvraag",
    "lift_form": "Zoektijd",
    "start_form": "Ingangsdatum",
}


# Where staff without an application queue start after logging in.
LANDING = {
    Role.POLICY_ADVISER: "backoffice:figures",
    Role.ADMIN: "backoffice:figures",
    Role.OUTREACH_WORKER: "vroegsignalering:worklist",
    Role.SIGNALS_LEAD: "vroegsignalering:worklist",
    Role.DEBT_PARTNER: "vroegsignalering:worklist",
    Role.PROVIDER: "citypass:provider",
    Role.PASS_OFFICER: "citypass:officer",
    Role.JURIST: "objections:queue",
    Role.EMPLOYER: "work:employer-home",
}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    if request.user.handles_cases:
        return redirect("backoffice:queue")
    if request.user.role in LANDING:
        return redirect(LANDING[request.user.role])
    raise PermissionDenied


def team_applications(user):
    """The applications of the user's team; none for staff without a team (accounts.teams)."""
    return own_team(Application.objects, user, "submission__team").select_related(
        "submission__resident", "submission__team"
    )


@case_worker_required
def queue(request: HttpRequest) -> HttpResponse:
    applications = team_applications(request.user)
    schemes = sorted(set(applications.values_list("scheme_id", "scheme_name")))
    form = QueueFilterForm(request.GET or {"status": "open"}, schemes=schemes)
    if form.is_valid():
        status, scheme, search = (form.cleaned_data[k] for k in ("status", "scheme", "search"))
        if status == "open":
            applications = applications.filter(status__in=OPEN_STATUSES)
        elif status:
            applications = applications.filter(status=status)
        if scheme:
            applications = applications.filter(scheme_id=scheme)
        if search:
            name = Q(submission__resident__first_name__icontains=search) | Q(
                submission__resident__last_name__icontains=search
            )
            applications = applications.filter(name | Q(public_id__startswith=search.lower()[:36]))
    # the nearest decision term first (Awb 4:13); applications without one (older data) last
    ordered = applications.order_by(F("due_on").asc(nulls_last=True), "created_at")
    page = Paginator(ordered.select_related("procedure"), 25).get_page(request.GET.get("pagina"))
    record_many(
        request,
        Action.VIEW,
        shown=[(a, a.submission.resident_id) for a in page],
        what=f"werkvoorraad {request.user.team}",
        why=PURPOSE,
    )
    context = {"form": form, "page": page, "today": timezone.localdate()}
    return render(request, "backoffice/queue.html", context)


def _case(request: HttpRequest, public_id: UUID) -> Application:
    return get_object_or_404(team_applications(request.user), public_id=public_id)


def _render_case(
    request: HttpRequest, application: Application, forms=None, status: int = 200
) -> HttpResponse:
    record(
        request,
        Action.VIEW,
        obj=application,
        subject_id=application.submission.resident_id,
        what=f"aanvraag {application.public_id}",
        why=PURPOSE,
    )
    try:
        result = evaluate(application.submission.household, trace=True)
        explanation = {"scheme": scheme_in(result, application.scheme_id), "result": result}
    except RulesError as exc:
        explanation = {"error": str(exc)}
    forms = {"decide_form": DecideForm(), "ask_form": AskForm(), "note_form": NoteForm(), **(forms or {})}
    household = application.submission.household
    context = {
        "household_people": trace.household_people(household),
        "housing_kind": trace.plain(household.get("housing", {}).get("kind"), "text", "input:housing.kind"),
        "forms_with_errors": [
            (FORM_TITLES.get(name, "Formulier"), form)
            for name, form in forms.items()
            if getattr(form, "is_bound", False) and form.errors
        ],
        "application": application,
        "submission": application.submission,
        "resident": application.submission.resident,
        "explanation": explanation,
        "documents": application.submission.documents.all(),
        "notes": application.notes.select_related("author"),
        "thread": application.messages.select_related("author"),
        "events": application.events.select_related("actor"),
        "decision": Decision.objects.filter(application=application).first(),
        "viewed_by": reads_of(application)[:20],
        **forms,
    }
    return render(request, "backoffice/case.html", context, status=status)


@case_worker_required
def case(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _render_case(request, _case(request, public_id))


@case_worker_required
@require_POST
def decide(request: HttpRequest, public_id: UUID) -> HttpResponse:
    application = _case(request, public_id)
    form = DecideForm(request.POST)
    if not application.is_open:
        messages.error(request, "Over deze aanvraag is al besloten.")
        return redirect("backoffice:case", public_id=public_id)
    valid = form.is_valid()
    waiting = decide_refusal(application, timezone.localdate())  # the search period (art. 41 lid 4)
    if waiting:
        form.add_error(None, waiting)
    if not valid or waiting:
        return _render_case(request, application, {"decide_form": form}, status=400)
    amount = form.cleaned_data["amount"]
    try:
        decision = record_decision(
            application,
            Outcome(form.cleaned_data["outcome"]),
            by=request.user,
            motivation=form.cleaned_data["motivation"],
            amount_cents=cents_of(amount) if amount is not None else None,
        )
    except Undecidable:
        form.add_error(
            None,
            "Meedoen kan deze regeling op de peildatum niet berekenen: de bedragen zijn niet bekend. "
            "Toekennen of afwijzen kan pas als de berekening er is.",
        )
        return _render_case(request, application, {"decide_form": form}, status=400)
    record(
        request,
        Action.DECIDE,
        obj=decision,
        subject_id=application.submission.resident_id,
        what=f"besluit {decision.public_id} op aanvraag {application.public_id}",
        why=PURPOSE,
    )
    messages.success(request, f"Het besluit is vastgelegd: {decision.get_outcome_display().lower()}.")
    return redirect("backoffice:case", public_id=public_id)


@case_worker_required
@require_POST
def ask(request: HttpRequest, public_id: UUID) -> HttpResponse:
    application = _case(request, public_id)
    form = AskForm(request.POST)
    if not form.is_valid() or not application.is_open:
        return _render_case(request, application, {"ask_form": form}, status=400)
    application.messages.create(author=request.user, text=form.cleaned_data["question"])
    application.move_to(Status.INFO_REQUESTED, by=request.user, note="Informatie gevraagd.")
    messages.success(request, "Uw vraag is naar de inwoner gestuurd.")
    return redirect("backoffice:case", public_id=public_id)


@case_worker_required
@require_POST
def note(request: HttpRequest, public_id: UUID) -> HttpResponse:
    application = _case(request, public_id)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _render_case(request, application, {"note_form": form}, status=400)
    application.notes.create(author=request.user, text=form.cleaned_data["text"])
    messages.success(request, "De notitie is opgeslagen.")
    return redirect("backoffice:case", public_id=public_id)


@case_worker_required
def document(request: HttpRequest, document_id: UUID) -> HttpResponse:
    # never ``submission__team_id=None`` for staff without a team: that is every unsent draft's document
    documents = own_team(Document.objects, request.user, "submission__team")
    doc = get_object_or_404(documents, public_id=document_id)
    record(
        request,
        Action.DOWNLOAD,
        obj=doc,
        subject_id=doc.submission.resident_id,
        what=f"document {document_id}",
        why=PURPOSE,
    )
    return send_document(doc)


# Statistical disclosure control: a cell of fewer persons than this is shown as "< 10" and its amount
# not at all, so a figure never points at one resident (a team lead knows who applied in their area).
MIN_CELL = 10


def shown_count(n: int, persons: int) -> str:
    """A count of ``n`` applications or decisions of ``persons`` residents as the figures page may show
    it: "0", "< 10" or the number."""
    return "0" if n == 0 else f"< {MIN_CELL}" if persons < MIN_CELL else str(n)


@figures_required
def figures(request: HttpRequest) -> HttpResponse:
    """Aggregates only: counts and totals per scheme, never a person, never a cell under MIN_CELL."""
    applications = Application.objects.exclude(submission__submitted_at=None)
    decisions = Decision.objects.all()
    if request.user.role == Role.TEAM_LEAD:
        applications = own_team(applications, request.user, "submission__team")
        decisions = own_team(decisions, request.user, "application__submission__team")
    persons = Count("submission__resident", distinct=True)
    by_status = applications.values("scheme_name", "status").annotate(n=Count("id"), persons=persons)
    table: dict[str, dict[str, str]] = {}
    for row in by_status.order_by("scheme_name"):
        table.setdefault(row["scheme_name"], {})[row["status"]] = shown_count(row["n"], row["persons"])
    by_decision = [
        {
            **row,
            "n": shown_count(row["n"], row["persons"]),
            "suppressed": row["persons"] < MIN_CELL,
            "total": row["total"] if row["persons"] >= MIN_CELL else None,
        }
        for row in decisions.values("application__scheme_name", "outcome", "automated")
        .annotate(
            n=Count("id"),
            persons=Count("application__submission__resident", distinct=True),
            total=Sum("amount_cents"),
        )
        .order_by("application__scheme_name", "outcome", "automated")
    ]
    context = {"table": table, "statuses": Status.choices, "by_decision": by_decision, "min_cell": MIN_CELL}
    if request.user.role == Role.ADMIN:
        context["expiring"] = expiring_files(timezone.localdate())
        context["expiring_days"] = DEFAULT_WITHIN_DAYS
    return render(request, "backoffice/figures.html", context)


@dataclass(frozen=True)
class ExpiringFile:
    """The parameters of one file whose published values end on the same day: one row for the admin."""

    file: str
    covered_until: dt.date
    ended: bool
    parameters: list[Expiring]


def expiring_files(today: dt.date) -> list[ExpiringFile]:
    """What the admin must update within the next 60 days (or already should have), per file: the same
    list as ``meedoen parameters expiring``."""
    groups: dict[tuple[dt.date, str], list[Expiring]] = {}
    for e in expiring(today):
        groups.setdefault((e.covered_until, e.file), []).append(e)
    return [
        ExpiringFile(file.removeprefix("parameters/"), until, until < today, found)
        for (until, file), found in groups.items()
    ]
