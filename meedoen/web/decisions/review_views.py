"""The consultant's side of the automation policy: facts checked, an engine proposal confirmed, the
review sample drawn and looked at again, and the agreement rate.

Who sees what: a case worker (consultant or team lead with a team) acts on their own team's cases and
reviews; a team lead draws their team's samples; the agreement rates are aggregates (counts per
scheme and month, never a person): the team lead sees their team's, the admin and the policy adviser
every team's. Staff without a team see nothing team-bound. Every read of a resident's data is audited.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from meedoen.web.accounts.access import case_worker_required, role_required
from meedoen.web.accounts.models import FIGURES_ROLES, Role
from meedoen.web.accounts.teams import own_team
from meedoen.web.applications.models import Application
from meedoen.web.audit.log import record, record_many
from meedoen.web.audit.models import Action
from meedoen.web.calculation import evaluate
from meedoen.web.decisions.automation import assess, recheck
from meedoen.web.decisions.forms import DrawForm, FactCheckForm, ReviewForm
from meedoen.web.decisions.models import Decision, FactCheck, Outcome, Review, ReviewDraw
from meedoen.web.decisions.recording import Undecidable, is_unknown, proposal_of, record_decision
from meedoen.web.decisions.review import NothingToDraw, agreement, draw, drawable

PURPOSE = "behandeling aanvraag"
REVIEW_PURPOSE = "tweede blik op automatisch besluit"

rates_required = role_required(FIGURES_ROLES)
team_lead_required = role_required([Role.TEAM_LEAD])


def _own_team(request: HttpRequest) -> None:
    """Case workers act for their team only; a case role without a team sees nothing."""
    if not request.user.handles_cases:
        raise PermissionDenied


def _application(request: HttpRequest, public_id: UUID) -> Application:
    _own_team(request)
    applications = own_team(Application.objects, request.user, "submission__team")
    return get_object_or_404(applications.select_related("submission__resident"), public_id=public_id)


@case_worker_required
@require_POST
def facts_checked(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The consultant checked the submission's facts: they now count as verified; an application the
    machine may now decide is decided."""
    application = _application(request, public_id)
    form = FactCheckForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["note"][0])
        return redirect("backoffice:case", public_id=public_id)
    submission = application.submission
    with transaction.atomic():
        note = form.cleaned_data["note"]
        FactCheck.objects.create(submission=submission, checked_by=request.user, note=note)
        record(
            request,
            Action.CHANGE,
            obj=submission,
            subject_id=submission.resident_id,
            what=f"gegevens gecontroleerd, aanvraag {submission.public_id}",
            why=PURPOSE,
        )
    decided = [a.scheme_name for a in submission.applications.all() if recheck(a)]
    text = "De gegevens staan als gecontroleerd vastgelegd."
    if decided:
        text += f" Automatisch besloten: {', '.join(decided)}."
    messages.success(request, text)
    return redirect("backoffice:case", public_id=public_id)


@case_worker_required
@require_POST
def confirm_proposal(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The consultant confirms the engine's proposal to grant as it stands (changing it: the decide form)."""
    application = _application(request, public_id)
    if not application.is_open:
        messages.error(request, "Over deze aanvraag is al besloten.")
        return redirect("backoffice:case", public_id=public_id)
    result = evaluate(application.submission.household, trace=True)
    found = assess(application, result)
    scheme = found.scheme
    if scheme is None or is_unknown(scheme) or proposal_of(scheme)["outcome"] != Outcome.GRANTED:
        messages.error(request, "Er is geen voorstel om toe te kennen. Gebruik het formulier Beslissen.")
        return redirect("backoffice:case", public_id=public_id)
    try:
        decision = record_decision(
            application,
            Outcome.GRANTED,
            by=request.user,
            motivation="Het voorstel van Meedoen is door een consulent bevestigd.",
            result=result,
            facts_basis=found.facts.basis,
        )
    except Undecidable:  # pragma: no cover - is_unknown was checked above on the same result
        messages.error(request, "De berekening kan deze regeling op de peildatum niet maken.")
        return redirect("backoffice:case", public_id=public_id)
    record(
        request,
        Action.DECIDE,
        obj=decision,
        subject_id=application.submission.resident_id,
        what=f"besluit {decision.public_id} op aanvraag {application.public_id} (voorstel bevestigd)",
        why=PURPOSE,
    )
    messages.success(request, "Het voorstel is bevestigd en het besluit is vastgelegd.")
    return redirect("backoffice:case", public_id=public_id)


def _reviews_in_scope(user):
    reviews = Review.objects.all()
    if user.role == Role.TEAM_LEAD:
        return own_team(reviews, user, "draw__team")
    return reviews


@rates_required
def overview(request: HttpRequest) -> HttpResponse:
    """Agreement rate per scheme and month (aggregates); the team lead also draws and sees the samples."""
    user = request.user
    context = {"rates": agreement(_reviews_in_scope(user)), "can_draw": False}
    if user.role == Role.TEAM_LEAD and user.team_id:
        context["can_draw"] = True
        context["form"] = DrawForm(groups=drawable(user.team))
        context["draws"] = own_team(ReviewDraw.objects, user)[:12]
    elif user.role == Role.ADMIN:
        context["draws"] = ReviewDraw.objects.select_related("team")[:24]  # counts and seeds, no persons
    return render(request, "decisions/review/overview.html", context)


@team_lead_required
@require_POST
def draw_sample(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.team_id:
        raise PermissionDenied
    form = DrawForm(request.POST, groups=drawable(user.team))
    if form.is_valid():
        scheme_id, month = form.chosen()
        try:
            sample = draw(user.team, scheme_id, month, by=user)
        except NothingToDraw:
            form.add_error("group", "Voor deze regeling en maand is er niets meer te trekken.")
        else:
            n = sample.reviews.count()
            messages.success(
                request,
                f"Steekproef getrokken: {n} van {sample.population.count()} besluiten "
                f"({sample.share:.0%}), seed {sample.seed}.",
            )
            return redirect("review:overview")
    context = {
        "rates": agreement(_reviews_in_scope(user)),
        "can_draw": True,
        "form": form,
        "draws": own_team(ReviewDraw.objects, user)[:12],
    }
    return render(request, "decisions/review/overview.html", context, status=400)


def _team_reviews(request: HttpRequest):
    _own_team(request)
    return own_team(Review.objects, request.user, "draw__team").select_related(
        "decision__application__submission__resident", "draw", "reviewer"
    )


@case_worker_required
def todo(request: HttpRequest) -> HttpResponse:
    """The team's drawn decisions: open ones first."""
    reviews = sorted(_team_reviews(request), key=lambda r: (r.done, r.draw.month, r.pk))
    record_many(
        request,
        Action.VIEW,
        shown=[(r.decision, r.decision.application.submission.resident_id) for r in reviews],
        what=f"tweede blik {request.user.team}",
        why=REVIEW_PURPOSE,
    )
    return render(request, "decisions/review/todo.html", {"reviews": reviews})


@case_worker_required
def review(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """One drawn decision: what was decided and on what, and the consultant's verdict."""
    item = get_object_or_404(_team_reviews(request), decision__public_id=public_id)
    decision: Decision = item.decision
    application = decision.application
    form = ReviewForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if item.done:
            messages.error(request, "Dit besluit is al nagekeken.")
            return redirect("review:review", public_id=public_id)
        if form.is_valid():
            item.verdict = form.cleaned_data["verdict"]
            item.reason = form.cleaned_data["reason"]
            item.reviewer = request.user
            item.reviewed_at = timezone.now()
            item.save(update_fields=["verdict", "reason", "reviewer", "reviewed_at"])
            record(
                request,
                Action.CHANGE,
                obj=decision,
                subject_id=application.submission.resident_id,
                what=f"tweede blik op besluit {decision.public_id}: {item.get_verdict_display()}",
                why=REVIEW_PURPOSE,
            )
            messages.success(request, "Uw oordeel is vastgelegd.")
            return redirect("review:todo")
        status = 400
    record(
        request,
        Action.VIEW,
        obj=decision,
        subject_id=application.submission.resident_id,
        what=f"besluit {decision.public_id}",
        why=REVIEW_PURPOSE,
    )
    context = {"item": item, "decision": decision, "application": application, "form": form}
    return render(request, "decisions/review/review.html", context, status=status)
