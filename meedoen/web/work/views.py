"""Werkgeversservicepunt pages: the employer's own vacancies and proposals, and the staff side.

Who sees what:
- an employer (``Role.EMPLOYER``) sees only the vacancies of their own organisation and the candidates
  proposed to them, pseudonymised until the candidate agreed (``Proposal.name_for_employer``);
- a consultant or team lead with a team (the account manager works in the consultant role) keeps
  employers, contacts and vacancies, and the candidate profiles of their own team's clients only;
- staff without a team see nothing here; the maatwerkbanen figures are aggregates for the figures roles.
Every page that shows a candidate profile writes the audit log.

Log-in: in the demo an employer's employee logs in on the staff log-in with a password (``werkgever``).
In production they log in with eHerkenning through the municipality's OIDC broker (the ``OIDC_*``
settings the DigiD log-in uses; the broker's KvK-number claim ties the account to its ``Employer``).
The werkgeversservicepunt's account manager has no role of their own: they work in the consultant role.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from meedoen.web.accounts.access import case_worker_required, figures_required
from meedoen.web.audit.log import record, record_many
from meedoen.web.audit.models import Action
from meedoen.web.casework.caseload import client_of_team, team_clients
from meedoen.web.components.forms import posted
from meedoen.web.work import costbenefit, placing
from meedoen.web.work.employer_views import banenafspraak_count
from meedoen.web.work.forms import (
    CandidateForm,
    ConsentForm,
    ContactForm,
    EmployerForm,
    PlacementForm,
)
from meedoen.web.work.matching import Candidate, Requirements, rank
from meedoen.web.work.models import CandidateProfile, Employer, Proposal, Vacancy
from meedoen.web.work.reads import PURPOSE


def _team_worker(request: HttpRequest) -> None:
    """Staff without a team see nothing of the work pages (candidates are team-bound)."""
    if not request.user.handles_cases:
        raise PermissionDenied


# --- Staff: employers, vacancies, candidates ----------------------------------------------------


@case_worker_required
def staff_home(request: HttpRequest) -> HttpResponse:
    _team_worker(request)
    profiles = list(
        CandidateProfile.objects.filter(client__in=team_clients(request.user)).select_related(
            "client__resident"
        )
    )
    record_many(
        request,
        Action.VIEW,
        shown=[(p.client, p.client.resident_id) for p in profiles],
        what=f"kandidaten {request.user.team}",
        why=PURPOSE,
    )
    return render(
        request,
        "work/staff_home.html",
        {
            "employers": Employer.objects.all(),
            "vacancies": Vacancy.objects.filter(open=True).select_related("employer"),
            "profiles": profiles,
            "clients_without": team_clients(request.user).filter(candidate_profile=None)[:50],
        },
    )


@case_worker_required
def employer_new(request: HttpRequest) -> HttpResponse:
    _team_worker(request)
    form = EmployerForm(posted(request))
    if form.is_valid():
        employer = Employer.objects.create(**form.cleaned_data)
        messages.success(request, f"{employer.name} staat erin.")
        return redirect("work:employer", pk=employer.pk)
    return render(request, "work/employer_form.html", {"form": form}, status=400 if form.is_bound else 200)


@case_worker_required
def employer_page(request: HttpRequest, pk: int) -> HttpResponse:
    _team_worker(request)
    employer = get_object_or_404(Employer, pk=pk)
    form = ContactForm(posted(request))
    if form.is_valid():
        employer.contacts.create(by=request.user, **form.cleaned_data)
        messages.success(request, "Het contactmoment is vastgelegd.")
        return redirect("work:employer", pk=employer.pk)
    context = {
        "employer": employer,
        "form": form,
        "vacancies": employer.vacancies.all(),
        "contacts": employer.contacts.select_related("by"),
        "banenafspraak": banenafspraak_count(employer),
    }
    return render(request, "work/employer.html", context, status=400 if form.is_bound else 200)


@case_worker_required
def candidate_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The candidate profile of a client of the own team: read (audited) and kept up to date."""
    _team_worker(request)
    client = client_of_team(request.user, pk)
    profile = CandidateProfile.objects.filter(client=client).first()
    initial = (
        {f: getattr(profile, f) for f in CandidateForm.base_fields}
        if profile
        else {"travel_km": 15, "hours_per_week": 24}
    )
    form = CandidateForm(posted(request), initial=initial)
    if form.is_valid():
        if profile is None:
            profile = CandidateProfile(client=client)
        for name, value in form.cleaned_data.items():
            setattr(profile, name, value)
        profile.save()
        record(
            request,
            Action.CHANGE,
            obj=client,
            subject_id=client.resident_id,
            what="kandidaatprofiel",
            why=PURPOSE,
        )
        messages.success(request, "Het kandidaatprofiel is opgeslagen.")
        return redirect("work:candidate", pk=client.pk)
    record(
        request, Action.VIEW, obj=client, subject_id=client.resident_id, what="kandidaatprofiel", why=PURPOSE
    )
    proposals = profile.proposals.select_related("vacancy__employer") if profile else []
    context = {"client": client, "profile": profile, "form": form, "proposals": proposals}
    return render(request, "work/candidate.html", context, status=400 if form.is_bound else 200)


def requirements_of(vacancy: Vacancy) -> Requirements:
    return Requirements(
        hours_per_week=vacancy.hours_per_week,
        place=vacancy.place,
        certificates=tuple(vacancy.certificates),
        language_level=vacancy.language_level,
        loonwaarde_possible=vacancy.loonwaarde_possible,
        startkwalificatie_required=vacancy.startkwalificatie_required,
        skills=tuple(s.strip() for s in vacancy.skills.split(",") if s.strip()),
    )


def candidate_of(profile: CandidateProfile) -> Candidate:
    """The matching input; the start qualification is read from the case work, never copied."""
    return Candidate(
        key=profile.pk,
        hours_per_week=profile.hours_per_week,
        place=profile.place,
        travel_km=profile.travel_km,
        certificates=tuple(profile.certificates),
        language_level=profile.language_level,
        needs_loonwaarde=profile.needs_loonwaarde,
        startkwalificatie=profile.client.startkwalificatie,
        skills=tuple(profile.skill_list()),
    )


@case_worker_required
def matches(request: HttpRequest, pk: int) -> HttpResponse:
    """The own team's candidates for a vacancy, best first, with what meets and what misses."""
    _team_worker(request)
    vacancy = get_object_or_404(Vacancy.objects.select_related("employer"), pk=pk)
    profiles = {
        p.pk: p
        for p in CandidateProfile.objects.filter(client__in=team_clients(request.user)).select_related(
            "client__resident"
        )
    }
    ranked = rank(requirements_of(vacancy), [candidate_of(p) for p in profiles.values()])
    proposed = set(vacancy.proposals.values_list("candidate_id", flat=True))
    rows = [(m, profiles[m.candidate.key], m.candidate.key in proposed) for m in ranked]
    record_many(
        request,
        Action.VIEW,
        shown=[(p.client, p.client.resident_id) for _m, p, _x in rows],
        what=f"matching vacature {vacancy.pk}",
        why=PURPOSE,
    )
    own = vacancy.proposals.filter(candidate__in=profiles.values()).select_related(
        "candidate__client__resident"
    )
    return render(request, "work/matches.html", {"vacancy": vacancy, "rows": rows, "proposals": own})


@case_worker_required
@require_POST
def propose(request: HttpRequest, pk: int, candidate: int) -> HttpResponse:
    _team_worker(request)
    vacancy = get_object_or_404(Vacancy, pk=pk, open=True)
    profile = get_object_or_404(CandidateProfile, pk=candidate, client__in=team_clients(request.user))
    match = rank(requirements_of(vacancy), [candidate_of(profile)])[0]
    proposal, created = Proposal.objects.get_or_create(
        vacancy=vacancy,
        candidate=profile,
        defaults={
            "proposed_by": request.user,
            "reasons": [{"met": line.met, "text": line.text, "topic": line.topic} for line in match.lines],
        },
    )
    if created:
        record(
            request,
            Action.CHANGE,
            obj=profile.client,
            subject_id=profile.client.resident_id,
            what=f"voorgesteld voor vacature {vacancy.pk}",
            why=PURPOSE,
        )
        messages.success(request, "Het voorstel staat klaar. De werkgever ziet de kandidaat zonder naam.")
    return redirect("work:proposal", pk=proposal.pk)


def _own_proposal(request: HttpRequest, pk: int) -> Proposal:
    return get_object_or_404(
        Proposal.objects.select_related("vacancy__employer", "candidate__client__resident"),
        pk=pk,
        candidate__client__in=team_clients(request.user),
    )


def _render_proposal(
    request: HttpRequest,
    proposal: Proposal,
    consent_form: ConsentForm | None = None,
    placement_form: PlacementForm | None = None,
    status: int = 200,
) -> HttpResponse:
    client = proposal.candidate.client
    record(
        request,
        Action.VIEW,
        obj=client,
        subject_id=client.resident_id,
        what=f"voorstel {proposal.pk}",
        why=PURPOSE,
    )
    context = {
        "proposal": proposal,
        "client": client,
        "placement": getattr(proposal, "placement", None),
        "consent_form": consent_form or ConsentForm(prefix="toestemming"),
        "placement_form": placement_form or PlacementForm(prefix="plaatsing"),
    }
    return render(request, "work/proposal.html", context, status=status)


@case_worker_required
def proposal_page(request: HttpRequest, pk: int) -> HttpResponse:
    _team_worker(request)
    return _render_proposal(request, _own_proposal(request, pk))


@case_worker_required
@require_POST
def consent(request: HttpRequest, pk: int) -> HttpResponse:
    """The candidate agreed: from now on the employer sees the name (who recorded it, and when)."""
    _team_worker(request)
    proposal = _own_proposal(request, pk)
    form = ConsentForm(request.POST, prefix="toestemming")
    if not form.is_valid():
        return _render_proposal(request, proposal, consent_form=form, status=400)
    if proposal.consent_at is None:
        proposal.consent_at = timezone.now()
        proposal.consent_recorded_by = request.user
        proposal.save(update_fields=["consent_at", "consent_recorded_by"])
        client = proposal.candidate.client
        record(
            request,
            Action.CHANGE,
            obj=client,
            subject_id=client.resident_id,
            what=f"toestemming kandidaat voorstel {proposal.pk}",
            why=PURPOSE,
        )
    messages.success(request, "De toestemming is vastgelegd. De werkgever ziet nu de naam.")
    return redirect("work:proposal", pk=proposal.pk)


@case_worker_required
@require_POST
def place(request: HttpRequest, pk: int) -> HttpResponse:
    """The candidate starts: the placement and its instruments as case-work ``Instrument`` rows."""
    _team_worker(request)
    proposal = _own_proposal(request, pk)
    if hasattr(proposal, "placement"):
        messages.error(request, "Deze kandidaat is al geplaatst.")
        return redirect("work:proposal", pk=proposal.pk)
    form = PlacementForm(request.POST, prefix="plaatsing")
    if not form.is_valid():
        return _render_proposal(request, proposal, placement_form=form, status=400)
    placement = placing.place(
        proposal,
        by=request.user,
        kind=form.cleaned_data["kind"],
        start_date=form.cleaned_data["start_date"],
        wage_gross_month_cents=form.cents("wage_gross_month"),
        banenafspraak=form.cleaned_data["banenafspraak"],
        loonwaarde_percent=form.cleaned_data["loonwaarde_percent"]
        if form.cleaned_data["loonkostensubsidie"]
        else None,
        wage_subsidy_month_cents=form.cents("wage_subsidy_month")
        if form.cleaned_data["loonkostensubsidie"]
        else None,
        coaching_month_cents=form.cents("coaching_month") if form.cleaned_data["jobcoach"] else None,
        proefplaatsing=form.cleaned_data["proefplaatsing"],
    )
    client = proposal.candidate.client
    record(
        request,
        Action.CHANGE,
        obj=client,
        subject_id=client.resident_id,
        what=f"plaatsing {placement.pk} (voorstel {proposal.pk})",
        why=PURPOSE,
    )
    messages.success(request, "De plaatsing en de instrumenten zijn vastgelegd.")
    return redirect("work:proposal", pk=proposal.pk)


# --- The council: maatwerkbanen ----------------------------------------------------------------


@figures_required
def maatwerk(request: HttpRequest) -> HttpResponse:
    """Aggregates only: per month the maatwerkbanen's costs and the bijstand they save (engine)."""
    months = costbenefit.months_back(timezone.localdate(), 6)
    rows = costbenefit.totals(months)
    notes = {
        "provisional": any(r.provisional for r in rows),
        "unknown": any(r.saving_unknown for r in rows),
    }
    return render(request, "work/maatwerk.html", {"rows": rows, **notes})
