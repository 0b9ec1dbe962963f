"""The Jongerenperspectieffonds pages: the resident's application, the referral, the coach's work
list and trajectory page (agreement, debts, payments through the ledger, progress, the end), the fund's
budget and the policy adviser's quarter figures. Every opening of a trajectory (its debt inventory)
is audited."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from meedoen.web.accounts.access import figures_required, resident_required
from meedoen.web.accounts.models import AreaTeam
from meedoen.web.audit.log import record
from meedoen.web.audit.models import Action
from meedoen.web.components.changed import changed
from meedoen.web.components.forms import posted
from meedoen.web.ledger import booking
from meedoen.web.ledger.models import Account, Fund
from meedoen.web.youthfund import forms
from meedoen.web.youthfund.access import fund_staff_required, lead_required, referrer_required, visible
from meedoen.web.youthfund.limits import limits
from meedoen.web.youthfund.models import Debt, FundBudget, Progress, Route, Status, Trajectory
from meedoen.web.youthfund.monitor import per_quarter


def fund_budget() -> FundBudget:
    """The municipality's fund (its ledger account is opened empty; money comes by a grant)."""
    fund = FundBudget.objects.filter(municipality=settings.MUNICIPALITY).select_related("account").first()
    if fund is None:
        with transaction.atomic():
            account = Account.objects.create(
                fund=Fund.JONGERENFONDS, municipality=settings.MUNICIPALITY, label="Jongerenperspectieffonds"
            )
            fund = FundBudget.objects.create(municipality=settings.MUNICIPALITY, account=account)
    return fund


def _new(form: forms.ApplicantForm, route: str, **fields) -> Trajectory:
    data = form.cleaned_data
    return Trajectory.objects.create(
        municipality=settings.MUNICIPALITY,
        name=data["name"],
        birth_date=data["birth_date"],
        postcode=data["postcode"],
        situation=data.get("situation", ""),
        route=route,
        team=AreaTeam.for_postcode(settings.MUNICIPALITY, data["postcode"]),
        applied_on=dt.date.today(),
        **fields,
    )


@resident_required
def apply(request: HttpRequest) -> HttpResponse:
    initial = {"name": request.user.display_name, "postcode": request.user.postcode}
    form = forms.ApplicantForm(posted(request), initial=initial)
    if form.is_valid():
        trajectory = _new(form, Route.SELF, resident=request.user)
        record(
            request,
            Action.CREATE,
            obj=trajectory,
            subject_id=request.user.pk,
            what="aanvraag jongerenfonds",
            why="aanvraag door de inwoner",
        )
        return redirect("youthfund:applied")
    fund = limits(settings.MUNICIPALITY)
    return render(request, "youthfund/apply.html", {"form": form, "limits": fund})


@resident_required
def applied(request: HttpRequest) -> HttpResponse:
    mine = Trajectory.objects.filter(resident=request.user).order_by("-id")
    return render(request, "youthfund/applied.html", {"trajectories": mine})


@referrer_required
def refer(request: HttpRequest) -> HttpResponse:
    form = forms.ReferralForm(posted(request))
    if form.is_valid():
        trajectory = _new(form, form.cleaned_data["route"], referred_by=request.user)
        record(
            request,
            Action.CREATE,
            obj=trajectory,
            subject_id=None,
            what="verwijzing jongerenfonds",
            why="verwezen naar het Jongerenperspectieffonds",
        )
        messages.success(request, f"{trajectory.name} is verwezen naar het Jongerenperspectieffonds.")
        return redirect("youthfund:refer")
    return render(request, "youthfund/refer.html", {"form": form})


@fund_staff_required
def worklist(request: HttpRequest) -> HttpResponse:
    trajectories = visible(request.user).select_related("coach")
    fund = fund_budget()
    grant_form = forms.GrantForm(posted(request)) if request.user.is_team_lead else None
    if grant_form is not None and grant_form.is_valid():
        data = grant_form.cleaned_data
        booking.grant(fund.account, data["amount_cents"], by=request.user, description=data["source"])
        record(
            request,
            Action.CHANGE,
            obj=fund,
            subject_id=None,  # the fund itself, no one's personal data
            what="budget jongerenfonds",
            why=data["source"],
        )
        messages.success(request, "Het budget van het fonds is bijgewerkt.")
        return redirect("youthfund:worklist")
    return render(
        request,
        "youthfund/worklist.html",
        {"trajectories": trajectories, "fund": fund, "grant_form": grant_form},
    )


def _trajectory(request: HttpRequest, pk: int) -> Trajectory:
    return get_object_or_404(visible(request.user), pk=pk)


def _page(request: HttpRequest, trajectory: Trajectory, **bound) -> HttpResponse:
    record(
        request,
        Action.VIEW,
        obj=trajectory,
        subject_id=trajectory.resident_id,
        what="traject en schuldenoverzicht jongerenfonds",
        why="begeleiding jongerenfonds",
    )
    fund = fund_budget()
    debts = list(trajectory.debts.select_related("payment"))
    context = {
        "trajectory": trajectory,
        "debts": debts,
        "open_cents": sum(d.amount_cents for d in debts if d.payment_id is None),
        "paid_cents": sum(d.amount_cents for d in debts if d.payment_id is not None),
        "fund": fund,
        "coach_form": bound.get("coach") or forms.CoachForm(initial={"coach": trajectory.coach_id}),
        "agreement_form": bound.get("agreement") or forms.AgreementForm(),
        "debt_form": bound.get("debt") or forms.DebtForm(),
        "progress_form": bound.get("progress") or forms.ProgressForm(),
        "end_form": bound.get("end") or forms.EndForm(),
        "is_coach": trajectory.coach_id == request.user.pk,
        "refusal": bound.get("refusal", ""),
    }
    return render(request, "youthfund/trajectory.html", context, status=400 if bound else 200)


@fund_staff_required
def trajectory_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, _trajectory(request, pk))


def _changed(request: HttpRequest, trajectory: Trajectory, what: str, message: str) -> HttpResponse:
    return changed(
        request,
        trajectory,
        subject_id=trajectory.resident_id,
        what=what,
        why="begeleiding jongerenfonds",
        message=message,
        to="youthfund:trajectory",
        pk=trajectory.pk,
    )


def _coach_only(request: HttpRequest, pk: int) -> Trajectory:
    """The coach's own open trajectory; a 404 for anyone else (the team lead only chooses the coach)."""
    return get_object_or_404(visible(request.user).filter(coach=request.user), pk=pk)


@lead_required
def assign_coach(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = _trajectory(request, pk)
    form = forms.CoachForm(posted(request))
    if request.method != "POST" or not form.is_valid():
        return _page(request, trajectory, coach=form)
    trajectory.coach = form.cleaned_data["coach"]
    if trajectory.status == Status.APPLIED:
        trajectory.status = Status.COACHED
    trajectory.save(update_fields=["coach", "status"])
    return _changed(
        request, trajectory, "coach gekozen", f"{trajectory.coach.display_name} is de trajectcoach."
    )


@fund_staff_required
def agree(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = _coach_only(request, pk)
    form = forms.AgreementForm(posted(request))
    if request.method != "POST" or not trajectory.is_open or not form.is_valid():
        return _page(request, trajectory, agreement=form)
    trajectory.counter_performance = form.cleaned_data["counter_performance"]
    trajectory.agreed_on = trajectory.agreed_on or dt.date.today()
    trajectory.status = Status.AGREED
    trajectory.save(update_fields=["counter_performance", "agreed_on", "status"])
    return _changed(request, trajectory, "afspraken vastgelegd", "De afspraken zijn vastgelegd.")


@fund_staff_required
def add_debt(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = _coach_only(request, pk)
    form = forms.DebtForm(posted(request))
    if request.method != "POST" or not trajectory.is_open or not form.is_valid():
        return _page(request, trajectory, debt=form)
    Debt.objects.create(trajectory=trajectory, **form.cleaned_data)
    return _changed(request, trajectory, "schuld toegevoegd", "De schuld staat in het overzicht.")


@fund_staff_required
def pay_debt(request: HttpRequest, pk: int, debt: int) -> HttpResponse:
    """Buy off one debt: a payment to the creditor out of the fund, refused when the fund has too little."""
    trajectory = _coach_only(request, pk)
    item = get_object_or_404(trajectory.debts, pk=debt)
    if request.method != "POST" or item.payment_id is not None or trajectory.agreed_on is None:
        return _page(
            request, trajectory, refusal="Deze schuld kan nu niet worden betaald: maak eerst afspraken."
        )
    try:
        with transaction.atomic():
            entry = booking.pay(
                fund_budget().account,
                item.amount_cents,
                item.creditor,
                by=request.user,
                description=f"Jongerenfonds traject {trajectory.pk}",
            )
            item.payment = entry
            item.save(update_fields=["payment"])
    except booking.Refused as refused:
        return _page(
            request,
            trajectory,
            refusal=f"Betaling aan {item.creditor}: {str(refused)[:1].lower()}{str(refused)[1:]}",
        )
    return _changed(request, trajectory, "schuld betaald", f"De schuld bij {item.creditor} is betaald.")


@fund_staff_required
def add_progress(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = _coach_only(request, pk)
    form = forms.ProgressForm(posted(request))
    if request.method != "POST" or not form.is_valid():
        return _page(request, trajectory, progress=form)
    Progress.objects.create(
        trajectory=trajectory, on=dt.date.today(), text=form.cleaned_data["text"], by=request.user
    )
    return _changed(request, trajectory, "voortgang", "De voortgang is vastgelegd.")


@fund_staff_required
def end(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = _coach_only(request, pk)
    form = forms.EndForm(posted(request))
    if request.method != "POST" or not trajectory.is_open or not form.is_valid():
        return _page(request, trajectory, end=form)
    trajectory.status = form.cleaned_data["outcome"]
    trajectory.end_reason = form.cleaned_data["reason"]
    trajectory.ended_on = dt.date.today()
    trajectory.save(update_fields=["status", "end_reason", "ended_on"])
    return _changed(
        request, trajectory, "traject beëindigd", f"Het traject is {trajectory.get_status_display().lower()}."
    )


@figures_required
def figures(request: HttpRequest) -> HttpResponse:
    """Reach and outcome per quarter: counts and money only, no one's name."""
    fund = fund_budget()
    paid = -(fund.account.entries.filter(kind="payment").aggregate(s=Sum("amount_cents"))["s"] or 0)
    return render(
        request,
        "youthfund/figures.html",
        {"rows": per_quarter(settings.MUNICIPALITY), "fund": fund, "paid": paid},
    )
