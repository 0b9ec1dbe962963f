"""The consultant's actions on the procedure of an application for algemene bijstand: correct the melding
or application date, lift the search period on a legal ground, set the start date.

Each action needs a reason, is kept with the old and new value (``ProcedureChange``) and written to the
audit log. The case is looked up within the consultant's own team (another team's case: 404) and staff
without a team see nothing.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from meedoen.web.accounts.access import case_worker_required
from meedoen.web.accounts.teams import own_team
from meedoen.web.applications.forms import LiftSearchPeriodForm, ProcedureDatesForm, StartDateForm
from meedoen.web.applications.models import Application, BijstandProcedure, LiftGround, ProcedureChange
from meedoen.web.applications.procedure import nl_date, search_period_applies
from meedoen.web.audit.log import record
from meedoen.web.audit.models import Action

PURPOSE = "behandeling aanvraag"


def _procedure(request: HttpRequest, public_id: UUID) -> BijstandProcedure:
    scoped = own_team(BijstandProcedure.objects, request.user, "application__submission__team")
    try:
        return scoped.select_related("application__submission").get(application__public_id=public_id)
    except BijstandProcedure.DoesNotExist:
        raise Http404 from None


def _refused(request: HttpRequest, application: Application, name: str, form) -> HttpResponse:
    from meedoen.web.backoffice.views import _render_case  # the case page, with this form's errors

    return _render_case(request, application, {name: form}, status=400)


def _log(request, item: BijstandProcedure, field: ProcedureChange.Field, old: str, new: str, reason: str):
    item.changes.create(field=field, old=old, new=new, reason=reason, by=request.user)
    application = item.application
    record(
        request,
        Action.CHANGE,
        obj=application,
        subject_id=application.submission.resident_id,
        what=f"{field.label.lower()} aanvraag {application.public_id}: {old or '-'} -> {new}",
        why=PURPOSE,
    )


def _refresh_due(item: BijstandProcedure) -> None:
    application = item.application
    application.due_on = item.terms().due
    application.save(update_fields=["received_on", "due_on", "updated_at"])


def _open_or_404(item: BijstandProcedure) -> None:
    if not item.application.is_open:
        raise Http404  # a decided application's dates are what the decision rests on


@case_worker_required
@require_POST
def dates(request: HttpRequest, public_id: UUID) -> HttpResponse:
    item = _procedure(request, public_id)
    _open_or_404(item)
    application = item.application
    form = ProcedureDatesForm(request.POST, record=item, today=timezone.localdate(), prefix="datums")
    if not form.is_valid():
        return _refused(request, application, "dates_form", form)
    melding, received, reason = (form.cleaned_data[k] for k in ("melding_on", "received_on", "reason"))
    with transaction.atomic():
        if melding != item.melding_on:
            _log(
                request,
                item,
                ProcedureChange.Field.MELDING,
                nl_date(item.melding_on),
                nl_date(melding),
                reason,
            )
            item.melding_on = melding
            item.search_applies = search_period_applies(application.submission.household, melding)
            item.save(update_fields=["melding_on", "search_applies"])
        if received != application.received_on:
            old = nl_date(application.received_on) if application.received_on else ""
            _log(request, item, ProcedureChange.Field.RECEIVED, old, nl_date(received), reason)
            application.received_on = received
        _refresh_due(item)
    messages.success(request, f"De datums zijn gewijzigd. Beslissen uiterlijk {nl_date(item.terms().due)}.")
    return redirect("backoffice:case", public_id=public_id)


@case_worker_required
@require_POST
def lift_search_period(request: HttpRequest, public_id: UUID) -> HttpResponse:
    item = _procedure(request, public_id)
    _open_or_404(item)
    form = LiftSearchPeriodForm(request.POST, record=item, today=timezone.localdate(), prefix="zoektijd")
    if not form.is_valid():
        return _refused(request, item.application, "lift_form", form)
    ground = LiftGround(form.cleaned_data["ground"])
    with transaction.atomic():
        item.lift_ground, item.lift_reason = ground, form.cleaned_data["reason"]
        item.lifted_by, item.lifted_at = request.user, timezone.now()
        item.save(update_fields=["lift_ground", "lift_reason", "lifted_by", "lifted_at"])
        _log(request, item, ProcedureChange.Field.SEARCH, "", ground.label, item.lift_reason)
        _refresh_due(item)
    messages.success(request, "De zoektijd is opgeheven. U kunt nu over de aanvraag beslissen.")
    return redirect("backoffice:case", public_id=public_id)


@case_worker_required
@require_POST
def start_date(request: HttpRequest, public_id: UUID) -> HttpResponse:
    item = _procedure(request, public_id)
    _open_or_404(item)
    form = StartDateForm(request.POST, record=item, today=timezone.localdate(), prefix="ingang")
    if not form.is_valid():
        return _refused(request, item.application, "start_form", form)
    start, reason = form.cleaned_data["start_on"], form.cleaned_data["reason"]
    with transaction.atomic():
        _log(request, item, ProcedureChange.Field.START, nl_date(item.start_date), nl_date(start), reason)
        item.start_on, item.start_reason = start, reason
        item.save(update_fields=["start_on", "start_reason"])
    messages.success(request, f"De ingangsdatum is nu {nl_date(start)}.")
    return redirect("backoffice:case", public_id=public_id)
