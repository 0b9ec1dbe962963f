"""The employer's side of the Werkgeversservicepunt: their own vacancies and the candidates proposed
to them, pseudonymised until the candidate agreed (see ``views`` for who sees what)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from meedoen.web.accounts.access import role_required
from meedoen.web.accounts.models import Role
from meedoen.web.audit.log import record
from meedoen.web.audit.models import Action
from meedoen.web.components.forms import posted
from meedoen.web.work.forms import (
    AnswerForm,
    VacancyForm,
)
from meedoen.web.work.models import Employer, Placement, Proposal, Vacancy
from meedoen.web.work.reads import PURPOSE, profile_shown

employer_required = role_required([Role.EMPLOYER])


def _employer_of(request: HttpRequest) -> Employer:
    employer = request.user.employers.first()
    if employer is None:  # an employer account not (yet) tied to an organisation sees nothing
        raise PermissionDenied
    return employer


def banenafspraak_count(employer: Employer) -> int:
    return Placement.objects.filter(proposal__vacancy__employer=employer, banenafspraak=True).count()


@employer_required
def employer_home(request: HttpRequest) -> HttpResponse:
    employer = _employer_of(request)
    vacancies = employer.vacancies.all()
    return render(
        request,
        "work/employer_home.html",
        {"employer": employer, "vacancies": vacancies, "banenafspraak": banenafspraak_count(employer)},
    )


@employer_required
def vacancy_new(request: HttpRequest) -> HttpResponse:
    employer = _employer_of(request)
    form = VacancyForm(posted(request))
    if form.is_valid():
        vacancy = Vacancy.objects.create(employer=employer, **form.cleaned_data)
        messages.success(request, "De vacature staat erin. Het Werkgeversservicepunt zoekt kandidaten.")
        return redirect("work:employer-vacancy", pk=vacancy.pk)
    status = 400 if form.is_bound else 200
    return render(request, "work/vacancy_form.html", {"form": form, "employer": employer}, status=status)


def _employer_vacancy(request: HttpRequest, pk: int) -> Vacancy:
    return get_object_or_404(Vacancy, pk=pk, employer=_employer_of(request))


def _render_employer_vacancy(
    request: HttpRequest, vacancy: Vacancy, bound: tuple[int, AnswerForm] | None = None, status: int = 200
) -> HttpResponse:
    proposals = list(vacancy.proposals.select_related("candidate__client__resident"))
    profile_shown(request, proposals, f"voorgestelde kandidaten vacature {vacancy.pk} (werkgever)")
    forms = {p.pk: AnswerForm(prefix=f"antwoord-{p.pk}") for p in proposals}
    if bound:
        forms[bound[0]] = bound[1]
    rows = [(p, forms[p.pk]) for p in proposals]
    return render(request, "work/employer_vacancy.html", {"vacancy": vacancy, "rows": rows}, status=status)


@employer_required
def employer_vacancy(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_employer_vacancy(request, _employer_vacancy(request, pk))


@employer_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    employer = _employer_of(request)
    proposal = get_object_or_404(Proposal, pk=pk, vacancy__employer=employer)
    form = AnswerForm(request.POST, prefix=f"antwoord-{proposal.pk}")
    if not form.is_valid():
        return _render_employer_vacancy(request, proposal.vacancy, (proposal.pk, form), status=400)
    proposal.answer = form.cleaned_data["answer"]
    proposal.answer_reason = form.cleaned_data["reason"]
    proposal.answered_at = timezone.now()
    proposal.save(update_fields=["answer", "answer_reason", "answered_at"])
    record(
        request,
        Action.CHANGE,
        obj=proposal.candidate.client,
        subject_id=proposal.candidate.client.resident_id,
        what=f"antwoord werkgever op voorstel {proposal.pk}: {proposal.answer}",
        why=PURPOSE,
    )
    messages.success(request, "Uw antwoord is doorgegeven aan het Werkgeversservicepunt.")
    return redirect("work:employer-vacancy", pk=proposal.vacancy_id)
