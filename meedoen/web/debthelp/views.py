"""The debt-help trajectory page of one ``DebtHelp`` record, for whoever may open its case in
vroegsignalering (the area team, the lead, the partner it was handed to). Every opening shows the
debt inventory and is audited; a record outside the user's cases is a 404."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from meedoen.web.audit.log import record
from meedoen.web.audit.models import Action
from meedoen.web.components.changed import changed
from meedoen.web.components.forms import posted
from meedoen.web.debthelp import forms
from meedoen.web.debthelp.models import Debt, Phase, Trajectory
from meedoen.web.vroegsignalering.access import case_access_required, visible_cases
from meedoen.web.vroegsignalering.models import DebtHelp


def _trajectory(request: HttpRequest, pk: int) -> Trajectory:
    help_ = get_object_or_404(DebtHelp.objects.filter(case__in=visible_cases(request.user)), pk=pk)
    birth = (
        help_.case.signals.filter(bsn=help_.bsn).exclude(birth_date=None).values_list("birth_date", flat=True)
    )
    trajectory, _ = Trajectory.objects.get_or_create(debt_help=help_, defaults={"birth_date": birth.first()})
    return trajectory


def _page(request: HttpRequest, trajectory: Trajectory, **bound) -> HttpResponse:
    help_ = trajectory.debt_help
    record(
        request,
        Action.VIEW,
        obj=trajectory,
        subject_id=None,
        what="schuldenoverzicht schuldhulp",
        why="schuldhulptraject",
    )
    today = dt.date.today()
    debts = list(trajectory.debts.all())
    context = {
        "trajectory": trajectory,
        "help": help_,
        "today": today,
        "youth": trajectory.is_youth(today),
        "debts": debts,
        "total_cents": sum(d.amount_cents for d in debts),
        "creditors": len({d.creditor.strip().lower() for d in debts}),
        "marks_form": bound.get("marks")
        or forms.MarksForm(
            initial={"birth_date": trajectory.birth_date, "entrepreneur": trajectory.entrepreneur}
        ),
        "phase_form": bound.get("phase")
        or forms.PhaseForm(
            initial={
                "phase": trajectory.phase,
                "route": trajectory.route,
                "route_start": trajectory.route_start,
                "aftercare_until": trajectory.aftercare_until,
                "outcome": trajectory.outcome,
            }
        ),
        "debt_form": bound.get("debt") or forms.DebtForm(),
    }
    return render(request, "debthelp/trajectory.html", context, status=400 if bound else 200)


def _changed(request: HttpRequest, trajectory: Trajectory, what: str, message: str) -> HttpResponse:
    return changed(
        request,
        trajectory,
        subject_id=None,
        what=what,
        why="schuldhulptraject",
        message=message,
        to="debthelp:trajectory",
        pk=trajectory.debt_help_id,
    )


@case_access_required
def trajectory_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, _trajectory(request, pk))


@case_access_required
def marks(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = _trajectory(request, pk)
    form = forms.MarksForm(posted(request))
    if request.method != "POST" or not form.is_valid():
        return _page(request, trajectory, marks=form)
    trajectory.birth_date, trajectory.entrepreneur = (
        form.cleaned_data["birth_date"],
        form.cleaned_data["entrepreneur"],
    )
    trajectory.save(update_fields=["birth_date", "entrepreneur"])
    return _changed(request, trajectory, "kenmerken", "De kenmerken zijn opgeslagen.")


@case_access_required
def phase(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = _trajectory(request, pk)
    form = forms.PhaseForm(posted(request))
    if request.method != "POST" or not form.is_valid():
        return _page(request, trajectory, phase=form)
    data = form.cleaned_data
    if (
        data["phase"] != Phase.INTAKE
        and trajectory.stabilised_on is None
        and data["phase"] != Phase.STABILISATION
    ):
        trajectory.stabilised_on = dt.date.today()
    for field in ("phase", "route", "route_start", "aftercare_until", "outcome"):
        setattr(trajectory, field, data[field] or ("" if field in ("route", "outcome") else None))
    trajectory.save()
    if data["phase"] == Phase.CLOSED and trajectory.debt_help.end_date is None:
        trajectory.debt_help.end_date = dt.date.today()
        trajectory.debt_help.save(update_fields=["end_date"])
    return _changed(request, trajectory, "fase", "De fase is opgeslagen.")


@case_access_required
def add_debt(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = _trajectory(request, pk)
    form = forms.DebtForm(posted(request))
    if request.method != "POST" or not form.is_valid():
        return _page(request, trajectory, debt=form)
    Debt.objects.create(trajectory=trajectory, **form.cleaned_data)
    return _changed(request, trajectory, "schuld toegevoegd", "De schuld staat in het overzicht.")
