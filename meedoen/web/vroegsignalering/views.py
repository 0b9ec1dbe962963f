"""The signals team's pages: worklist, case, contact attempts, end result, hand-over, debt help, the
offer at the door, upload (team lead) and the monthly figures.

Cases are always looked up through :func:`visible_cases`, so another area's case is a 404. Every
view of a case is written to the audit log with its purpose.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from meedoen.rules.errors import RulesError
from meedoen.signals.parsing import FileProblem, parse_bytes
from meedoen.signals.thresholds import threshold_cents
from meedoen.web.accounts.access import View
from meedoen.web.accounts.models import AreaTeam, Role, User
from meedoen.web.audit.log import entries_about, record
from meedoen.web.audit.models import Action
from meedoen.web.components.forms import UtrechtForm, posted
from meedoen.web.vroegsignalering import forms
from meedoen.web.vroegsignalering.access import (
    case_access_required,
    lead_required,
    signals_team_required,
    visible_cases,
)
from meedoen.web.vroegsignalering.debt_help import known_bsn, start_debt_help
from meedoen.web.vroegsignalering.feedback import creditor_status
from meedoen.web.vroegsignalering.models import CaseStatus, DebtHelp, SignalCase, Source
from meedoen.web.vroegsignalering.monitor import monthly_report
from meedoen.web.vroegsignalering.offer import known_of, offer
from meedoen.web.vroegsignalering.storage import Delivery, ingest
from meedoen.web.vroegsignalering.upload_jobs import queue_upload

PURPOSE = "vroegsignalering schulden"
URGENCY = ("deadline", "-crisis", "-creditor_count", "-arrears_cents", "id")


def _audit(request: HttpRequest, case: SignalCase, action: Action, what: str) -> None:
    """One audit entry for a case; the subject is the resident's account when one exists."""
    bsn = known_bsn(case)
    resident = User.objects.filter(bsn=bsn).values_list("id", flat=True).first() if bsn else None
    record(
        request,
        action,
        obj=case,
        subject_id=resident,
        what=f"vroegsignaalzaak {case.pk}: {what}",
        why=PURPOSE,
    )


def _filtered(request: HttpRequest, cases, form: forms.WorklistFilterForm, today: dt.date):
    if not form.is_valid():
        return cases.filter(status=CaseStatus.OPEN)
    status, team, partner, search = (form.cleaned_data[k] for k in ("status", "team", "partner", "search"))
    if status in ("open", "", None):
        cases = cases.filter(status=CaseStatus.OPEN)
    elif status == "overdue":
        cases = cases.filter(status=CaseStatus.OPEN, first_contact_on=None, deadline__lt=today)
    elif status == "closed":
        cases = cases.filter(status=CaseStatus.CLOSED)
    if team:
        cases = cases.filter(team=team)
    if partner:
        cases = cases.filter(signals__partner_type=partner).distinct()
    if search:
        compact = "".join(search.split()).upper()
        cases = cases.filter(Q(postcode__startswith=compact) | Q(street__icontains=search.strip()))
    return cases


@case_access_required
def worklist(request: HttpRequest) -> HttpResponse:
    """Open cases by deadline, then urgency: crisis, number of creditors, total arrears."""
    today = timezone.localdate()
    cases = visible_cases(request.user).select_related("team", "handed_to")
    teams = AreaTeam.objects.filter(municipality=settings.MUNICIPALITY)
    if request.user.team_id:
        teams = teams.filter(pk=request.user.team_id)
    form = forms.WorklistFilterForm(request.GET or {"status": "open"}, teams=teams)
    page = Paginator(_filtered(request, cases, form, today).order_by(*URGENCY), 25).get_page(
        request.GET.get("pagina")
    )
    for case in page:
        _audit(request, case, Action.VIEW, "in werkvoorraad")
    rows = [(case, case.is_overdue(today)) for case in page]
    return render(
        request, "vroegsignalering/worklist.html", {"form": form, "page": page, "rows": rows, "today": today}
    )


def _case(request: HttpRequest, pk: int) -> SignalCase:
    return get_object_or_404(visible_cases(request.user).select_related("team", "handed_to"), pk=pk)


def _render_case(
    request: HttpRequest, case: SignalCase, bound: dict | None = None, status: int = 200
) -> HttpResponse:
    _audit(request, case, Action.VIEW, "zaak bekeken")
    today = timezone.localdate()
    signals = list(case.signals.all())
    context = {
        "case": case,
        "overdue": case.is_overdue(today),
        "signals": [(s, creditor_status(s)) for s in signals],
        "attempts": case.attempts.select_related("by"),
        "notes": case.notes.select_related("author"),
        "debt_help": DebtHelp.objects.filter(case=case).first(),
        "today": today,
        "is_partner": request.user.role == Role.DEBT_PARTNER,
        "attempt_form": forms.AttemptForm(initial={"date": today}),
        "note_form": forms.NoteForm(),
        "result_form": forms.ResultForm(),
        "handover_form": forms.HandOverForm(),
        "debt_form": forms.DebtHelpForm(initial={"first_conversation_on": today}),
        "progress_form": forms.DebtHelpProgressForm(),
        "viewed_by": entries_about(case)[:10],
        **(bound or {}),
    }
    return render(request, "vroegsignalering/case.html", context, status=status)


@case_access_required
def case(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_case(request, _case(request, pk))


class Refused(Exception):
    """An action that does not apply to the case as it is now (e.g. closing a closed case)."""


Act = Callable[[HttpRequest, SignalCase, dict[str, Any]], tuple[Action, str, str]]


def case_action(form_key: str, form_class: type[UtrechtForm]) -> Callable[[Act], View]:
    """A POST on a case: show the case again with the form's errors, or act, audit and go back.

    The decorated function does the change and returns the audit action, what to log and the
    message for the worker; it raises :class:`Refused` when the change does not apply.
    """

    def decorate(act: Act) -> View:
        @require_POST
        @wraps(act)
        def view(request: HttpRequest, pk: int) -> HttpResponse:
            case = _case(request, pk)
            form = form_class(request.POST)
            if not form.is_valid():
                return _render_case(request, case, {form_key: form}, status=400)
            try:
                action, what, message = act(request, case, form.cleaned_data)
            except Refused as exc:
                messages.error(request, str(exc))
            else:
                _audit(request, case, action, what)
                messages.success(request, message)
            return redirect("vroegsignalering:case", pk=pk)

        return view

    return decorate


@case_access_required
@case_action("attempt_form", forms.AttemptForm)
def attempt(request: HttpRequest, case: SignalCase, data: dict[str, Any]) -> tuple[Action, str, str]:
    reached = data["reached"] == "ja"
    case.attempts.create(
        kind=data["kind"], date=data["date"], daypart=data["daypart"], reached=reached, by=request.user
    )
    if reached and (case.first_contact_on is None or data["date"] < case.first_contact_on):
        case.first_contact_on = data["date"]
        case.save(update_fields=["first_contact_on"])
    return Action.CHANGE, "contactpoging vastgelegd", "De contactpoging is vastgelegd."


@case_access_required
@case_action("note_form", forms.NoteForm)
def note(request: HttpRequest, case: SignalCase, data: dict[str, Any]) -> tuple[Action, str, str]:
    case.notes.create(author=request.user, text=data["text"])
    return Action.CHANGE, "notitie", "De notitie is opgeslagen."


@case_access_required
@case_action("result_form", forms.ResultForm)
def close(request: HttpRequest, case: SignalCase, data: dict[str, Any]) -> tuple[Action, str, str]:
    if not case.is_open:
        raise Refused("Deze zaak is al afgesloten.")
    case.status, case.result, case.closed_on = CaseStatus.CLOSED, data["result"], timezone.localdate()
    case.save(update_fields=["status", "result", "closed_on"])
    return Action.DECIDE, "eindresultaat", f"De zaak is afgesloten: {case.get_result_display()}."


@signals_team_required
@case_action("handover_form", forms.HandOverForm)
def hand_over(request: HttpRequest, case: SignalCase, data: dict[str, Any]) -> tuple[Action, str, str]:
    case.handed_to = data["partner"]
    case.save(update_fields=["handed_to"])
    partner = case.handed_to
    return (
        Action.CHANGE,
        f"overgedragen aan {partner.get_username()}",
        f"De zaak is overgedragen aan {partner.display_name}.",
    )


@case_access_required
@case_action("debt_form", forms.DebtHelpForm)
def debt_help(request: HttpRequest, case: SignalCase, data: dict[str, Any]) -> tuple[Action, str, str]:
    if DebtHelp.objects.filter(case=case).exists():
        raise Refused("Voor deze zaak loopt al schuldhulp.")
    trajectory = start_debt_help(case, known_bsn(case), data["first_conversation_on"])
    return (
        Action.CREATE,
        "schulddienstverlening gestart",
        f"Schuldhulp is gestart. Besluit uiterlijk {trajectory.decision_due:%d-%m-%Y}.",
    )


@case_access_required
@case_action("progress_form", forms.DebtHelpProgressForm)
def debt_help_progress(
    request: HttpRequest, case: SignalCase, data: dict[str, Any]
) -> tuple[Action, str, str]:
    """The decision on debt help (due 8 weeks after the first conversation) and its end."""
    trajectory = DebtHelp.objects.filter(case=case).first()
    if trajectory is None:
        raise Refused("Voor deze zaak loopt geen schuldhulp.")
    decision_on = data["decision_on"] or trajectory.decision_on
    end_date = data["end_date"] or trajectory.end_date
    if decision_on and decision_on < trajectory.first_conversation_on:
        raise Refused("Het besluit kan niet vóór het eerste gesprek liggen.")
    if end_date and end_date < (decision_on or trajectory.first_conversation_on):
        raise Refused("De einddatum kan niet vóór het besluit of het eerste gesprek liggen.")
    trajectory.decision_on, trajectory.end_date = decision_on, end_date
    trajectory.save(update_fields=["decision_on", "end_date"])
    return Action.CHANGE, "schuldhulp bijgewerkt", "De gegevens over de schuldhulp zijn opgeslagen."


@signals_team_required
def offer_at_the_door(request: HttpRequest, pk: int) -> HttpResponse:
    """A Regelingencheck pre-filled from the case: which schemes the household probably misses."""
    case = _case(request, pk)
    _audit(request, case, Action.VIEW, "aanbod aan de deur")
    known = known_of(case)
    for obj in known.read:  # the household's data from the application or the case work
        record(
            request,
            Action.VIEW,
            obj=obj,
            subject_id=getattr(obj, "resident_id", None),
            what=f"vroegsignaalzaak {case.pk}: aanbod aan de deur uit {obj._meta.verbose_name}",
            why=PURPOSE,
        )
    form = forms.OfferForm(request.GET or None, initial=known.answers)
    answers = form.cleaned_data if form.is_bound and form.is_valid() else known.answers
    try:
        result, error = offer(answers, known), ""
    except RulesError as exc:
        result, error = None, str(exc)
    outcome = result.outcome if result else None
    return render(
        request,
        "vroegsignalering/offer.html",
        {"case": case, "form": form, "outcome": outcome, "offer": result, "error": error},
    )


@lead_required
def upload(request: HttpRequest) -> HttpResponse:
    """The team lead uploads a delivery; the summary shows what became of every row."""
    form = forms.UploadForm(posted(request), request.FILES or None)
    summary = None
    if request.method == "POST" and form.is_valid():
        today = timezone.localdate()
        threshold = form.cleaned_data["threshold"]
        cents = (
            int(threshold * 100) if threshold is not None else threshold_cents(settings.MUNICIPALITY, today)
        )
        upload_file = form.cleaned_data["file"]
        if upload_file.size > settings.SIGNALS_QUEUE_ABOVE_BYTES:  # a job reads it (upload_jobs.py)
            queued = queue_upload(
                upload_file,
                municipality=settings.MUNICIPALITY,
                today=today,
                threshold_cents=cents,
                by=request.user,
            )
            return redirect("vroegsignalering:upload-status", pk=queued.pk)
        try:
            parsed = parse_bytes(upload_file.read(), today)
        except FileProblem as exc:
            form.add_error("file", f"Dit bestand kan niet worden gelezen: {exc}")
        else:
            delivery = Delivery(
                settings.MUNICIPALITY, today, cents, Source.UPLOAD, upload_file.name, request.user
            )
            summary = ingest(parsed, delivery)
            messages.success(
                request, f"{summary['stored']} signalen opgeslagen, {summary['cases_opened']} nieuwe zaken."
            )
    return render(
        request,
        "vroegsignalering/upload.html",
        {"form": form, "summary": summary, "queue_above_mb": settings.SIGNALS_QUEUE_ABOVE_BYTES // 2**20},
        status=400 if form.errors else 200,
    )


@lead_required
def figures(request: HttpRequest) -> HttpResponse:
    """The monthly monitor report: aggregates only."""
    month_text = request.GET.get("maand", "")
    try:
        month = dt.date.fromisoformat(f"{month_text}-01") if month_text else timezone.localdate()
    except ValueError:
        month = timezone.localdate()
    report = monthly_report(settings.MUNICIPALITY, month)
    return render(request, "vroegsignalering/figures.html", {"report": report, "month": month})
