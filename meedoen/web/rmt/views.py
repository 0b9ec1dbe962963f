"""Werk naar werk: the team's trajectories with the outcomes counted, the intake, and one trajectory's
page (plan, voucher through the ledger, training payments, outcome). Consultants and team leads of the
area team only; a trajectory of another team is a 404. Every opening is audited."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from meedoen.web.accounts.access import case_worker_required
from meedoen.web.accounts.teams import own_team
from meedoen.web.audit.log import record
from meedoen.web.audit.models import Action
from meedoen.web.components.changed import changed
from meedoen.web.components.forms import posted
from meedoen.web.ledger import booking
from meedoen.web.ledger.models import Account, Fund
from meedoen.web.rmt import forms
from meedoen.web.rmt.models import Outcome, Step, Trajectory
from meedoen.web.rmt.vouchers import voucher


def visible(user) -> QuerySet[Trajectory]:
    return own_team(Trajectory.objects.filter(municipality=settings.MUNICIPALITY), user)


@case_worker_required
def worklist(request: HttpRequest) -> HttpResponse:
    trajectories = visible(request.user).select_related("voucher", "consultant")
    counts = dict(trajectories.exclude(outcome="").values_list("outcome").annotate(n=Count("id")))
    outcomes = [(label, counts.get(value, 0)) for value, label in Outcome.choices]
    running = trajectories.filter(outcome="").count()
    return render(
        request, "rmt/worklist.html", {"trajectories": trajectories, "outcomes": outcomes, "running": running}
    )


@case_worker_required
def intake(request: HttpRequest) -> HttpResponse:
    form = forms.IntakeForm(posted(request))
    if request.user.team_id is None:
        return render(request, "rmt/intake.html", {"form": form, "no_team": True}, status=403)
    if form.is_valid():
        trajectory = Trajectory.objects.create(
            municipality=settings.MUNICIPALITY,
            team=request.user.team,
            consultant=request.user,
            **form.cleaned_data,
        )
        record(
            request,
            Action.CREATE,
            obj=trajectory,
            subject_id=None,
            what="intake werk naar werk",
            why="aanmelding regionaal mobiliteitsteam",
        )
        return redirect("rmt:trajectory", trajectory.pk)
    return render(request, "rmt/intake.html", {"form": form})


def _page(
    request: HttpRequest, trajectory: Trajectory, status: int = 200, refusal: str = "", **bound
) -> HttpResponse:
    record(
        request,
        Action.VIEW,
        obj=trajectory,
        subject_id=None,
        what="traject werk naar werk",
        why="begeleiding van werk naar werk",
    )
    official = voucher(trajectory.municipality)
    initial = (
        {"amount_cents": official.amount_cents, "source": official.source} if official.amount_cents else {}
    )
    context = {
        "trajectory": trajectory,
        "entries": trajectory.voucher.entries.all() if trajectory.voucher else [],
        "official": official,
        "step_form": bound.get("step") or forms.StepForm(),
        "voucher_form": bound.get("voucher") or forms.VoucherForm(initial=initial),
        "payment_form": bound.get("payment") or forms.PaymentForm(),
        "outcome_form": bound.get("outcome") or forms.OutcomeForm(),
        "refusal": refusal,
    }
    return render(request, "rmt/trajectory.html", context, status=400 if (bound or refusal) else status)


def _trajectory(request: HttpRequest, pk: int) -> Trajectory:
    return get_object_or_404(visible(request.user), pk=pk)


def _changed(request: HttpRequest, trajectory: Trajectory, what: str, message: str) -> HttpResponse:
    return changed(
        request,
        trajectory,
        subject_id=None,
        what=what,
        why="werk naar werk",
        message=message,
        to="rmt:trajectory",
        pk=trajectory.pk,
    )


@case_worker_required
def trajectory_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, _trajectory(request, pk))


@case_worker_required
def add_step(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = _trajectory(request, pk)
    form = forms.StepForm(posted(request))
    if request.method != "POST" or not form.is_valid():
        return _page(request, trajectory, step=form)
    Step.objects.create(trajectory=trajectory, **form.cleaned_data)
    return _changed(request, trajectory, "stap toegevoegd", "De stap staat in het plan.")


@case_worker_required
def grant_voucher(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = _trajectory(request, pk)
    form = forms.VoucherForm(posted(request))
    if trajectory.voucher_id is not None:
        return _page(request, trajectory, refusal="Dit traject heeft al een transitievoucher.")
    if request.method != "POST" or not form.is_valid():
        return _page(request, trajectory, voucher=form)
    with transaction.atomic():
        account = Account.objects.create(
            fund=Fund.TRANSITIEVOUCHER,
            municipality=trajectory.municipality,
            label=f"Transitievoucher {trajectory.pk}",
        )
        booking.grant(
            account,
            form.cleaned_data["amount_cents"],
            by=request.user,
            description=form.cleaned_data["source"],
        )
        trajectory.voucher, trajectory.voucher_source = account, form.cleaned_data["source"]
        trajectory.save(update_fields=["voucher", "voucher_source"])
    return _changed(request, trajectory, "transitievoucher toegekend", "De transitievoucher is toegekend.")


@case_worker_required
def pay(request: HttpRequest, pk: int) -> HttpResponse:
    """Pay a training out of the voucher; more than is left is refused and nothing is booked."""
    trajectory = _trajectory(request, pk)
    form = forms.PaymentForm(posted(request))
    if trajectory.voucher_id is None:
        return _page(request, trajectory, refusal="Ken eerst een transitievoucher toe.")
    if request.method != "POST" or not form.is_valid():
        return _page(request, trajectory, payment=form)
    data = form.cleaned_data
    try:
        booking.pay(
            trajectory.voucher,
            data["amount_cents"],
            data["payee"],
            by=request.user,
            description=data["description"],
        )
    except booking.Refused as refused:
        form.add_error("amount_cents", str(refused))
        return _page(request, trajectory, payment=form)
    return _changed(
        request, trajectory, "opleiding betaald", f"{data['description']} is betaald uit de voucher."
    )


@case_worker_required
def set_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = _trajectory(request, pk)
    form = forms.OutcomeForm(posted(request))
    if request.method != "POST" or not form.is_valid():
        return _page(request, trajectory, outcome=form)
    trajectory.outcome, trajectory.outcome_on = form.cleaned_data["outcome"], timezone.localdate()
    trajectory.save(update_fields=["outcome", "outcome_on"])
    return _changed(request, trajectory, "uitkomst", "De uitkomst is vastgelegd.")
