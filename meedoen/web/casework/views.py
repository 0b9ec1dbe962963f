"""Case work pages: the consultant's caseload, the case page and its forms, and the monitor dashboard.

Every page that shows a resident's data writes the audit log (who, what, why); the dashboard shows
aggregates only and so writes none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from meedoen.web.accounts.access import case_worker_required, figures_required, role_required
from meedoen.web.accounts.models import Role
from meedoen.web.audit.log import reads_of, record, record_many
from meedoen.web.audit.models import Action
from meedoen.web.casework import dashboard as monitor_dashboard
from meedoen.web.casework import report_jobs
from meedoen.web.casework.caseload import PURPOSE, caseload, client_of_team
from meedoen.web.casework.forms import (
    CaseloadFilterForm,
    ConsultantForm,
    DebtHelpForm,
    EndForm,
    EndSpellForm,
    InstrumentForm,
    PlanForm,
    SpellForm,
    StepForm,
)
from meedoen.web.casework.models import Client, Plan, PlanStep
from meedoen.web.components.changed import changed
from meedoen.web.components.forms import posted


@case_worker_required
def caseload_page(request: HttpRequest) -> HttpResponse:
    lead = request.user.role == Role.TEAM_LEAD  # a team lead sees the whole team unless asked otherwise
    form = CaseloadFilterForm(request.GET or None, initial={"who": "team" if lead else "mine"})
    filters = form.cleaned_data if form.is_valid() else {}
    whole_team = filters.get("who") == "team" or (lead and not filters.get("who"))
    everyone = caseload(
        request.user, dt.date.today(), whole_team=whole_team, search=filters.get("search", "")
    )
    review = filters.get("review")
    rows = [r for r in everyone if r.state == review] if review else everyone
    record_many(
        request,
        Action.VIEW,
        shown=[(r.client, r.client.resident_id) for r in rows],
        what=f"caseload {request.user.team}",
        why=PURPOSE,
    )
    counts = {state: sum(r.state == state for r in everyone) for state in ("overdue", "due", "none")}
    return render(
        request,
        "casework/caseload.html",
        {"form": form, "rows": rows, "counts": counts, "whole_team": whole_team},
    )


def _forms(client: Client, data=None, bound: str = "") -> dict[str, Form]:
    """Every form of the case page, ``bound`` to ``data`` and the others empty."""
    makers: dict[str, Callable[[Any], Form]] = {
        "consultant_form": lambda d: ConsultantForm(
            d, team=client.team, prefix="contact", initial={"consultant": client.consultant_id}
        ),
        "step_form": lambda d: StepForm(d, prefix="stap"),
        "instrument_form": lambda d: InstrumentForm(d, prefix="instrument"),
        "spell_form": lambda d: SpellForm(d, client=client, prefix="uitkering"),
        "debt_form": lambda d: DebtHelpForm(d, prefix="schuldhulp"),
    }
    return {name: make(data if name == bound else None) for name, make in makers.items()}


def _viewed(request: HttpRequest, client: Client) -> None:
    """Every page showing the client's data leaves one audit entry."""
    record(
        request,
        Action.VIEW,
        obj=client,
        subject_id=client.resident_id,
        what=f"klantdossier {client.pk}",
        why=PURPOSE,
    )


def _render_client(
    request: HttpRequest, client: Client, forms: dict[str, Form] | None = None, status: int = 200
) -> HttpResponse:
    _viewed(request, client)
    spells = list(client.spells.all())
    running = next((s for s in spells if s.end_date is None), None)
    context = {
        "client": client,
        "resident": client.resident,
        "plan": client.plan,
        "today": dt.date.today(),
        "spells": spells,
        "instruments": client.instruments.all(),
        "debt_help": client.debt_help.all(),
        "running_spell": running,
        "viewed_by": reads_of(client)[:10],
        **(forms or _forms(client)),
    }
    return render(request, "casework/client.html", context, status=status)


@case_worker_required
def client_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_client(request, client_of_team(request.user, pk))


def _changed(request: HttpRequest, client: Client, what: str, message: str) -> HttpResponse:
    return changed(
        request,
        client,
        subject_id=client.resident_id,
        what=f"{what} (klantdossier {client.pk})",
        why=PURPOSE,
        message=message,
        to="casework:client",
        pk=client.pk,
    )


@case_worker_required
def new_plan(request: HttpRequest, pk: int) -> HttpResponse:
    client = client_of_team(request.user, pk)
    form = PlanForm(posted(request))
    if form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            plan = Plan.objects.create(
                client=client,
                goals=data["goals"],
                made_on=dt.date.today(),
                review_on=data["review_on"],
                made_by=request.user,
            )
            plan.steps.create(what=data["step_what"], who=data["step_who"], due_on=data["step_due"])
        return _changed(request, client, "plan gemaakt", "Het plan is opgeslagen.")
    if request.method == "GET":
        _viewed(request, client)
    status = 400 if form.is_bound else 200
    return render(request, "casework/plan_form.html", {"client": client, "form": form}, status=status)


def _adder(bound: str, related: str, message: str) -> Callable[..., HttpResponse]:
    """A POST-only view adding one row to ``related`` of the client (or, for steps, of its plan)
    from the case page's form ``bound``; on bad input the case page comes back with the errors."""

    @case_worker_required
    @require_POST
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        client = client_of_team(request.user, pk)
        owner = client.plan if related == "steps" else client
        if owner is None:
            messages.error(request, "Maak eerst een plan met de inwoner.")
            return redirect("casework:client", pk=client.pk)
        forms = _forms(client, request.POST, bound)
        if not forms[bound].is_valid():
            return _render_client(request, client, forms, status=400)
        getattr(owner, related).create(**forms[bound].cleaned_data)
        return _changed(request, client, bound.removesuffix("_form"), message)

    return view


add_step = _adder("step_form", "steps", "De stap is toegevoegd.")
add_instrument = _adder("instrument_form", "instruments", "Het instrument is vastgelegd.")
add_spell = _adder("spell_form", "spells", "De uitkering is vastgelegd.")
add_debt_help = _adder("debt_form", "debt_help", "Het schuldhulptraject is vastgelegd.")


@role_required([Role.TEAM_LEAD])
@require_POST
def assign_consultant(request: HttpRequest, pk: int) -> HttpResponse:
    """Only the team lead chooses a client's fixed contact person."""
    client = client_of_team(request.user, pk)
    forms = _forms(client, request.POST, "consultant_form")
    form = forms["consultant_form"]
    if not form.is_valid():
        return _render_client(request, client, forms, status=400)
    client.consultant = form.cleaned_data["consultant"]
    client.save(update_fields=["consultant"])
    return _changed(
        request,
        client,
        "contactpersoon gekozen",
        f"{client.consultant.display_name} is nu de vaste contactpersoon.",
    )


@case_worker_required
@require_POST
def step_done(request: HttpRequest, pk: int, step: int) -> HttpResponse:
    """Tick off an agreed step of the client's current plan."""
    client = client_of_team(request.user, pk)
    plan = client.plan
    done = get_object_or_404(plan.steps if plan else PlanStep.objects.none(), pk=step)
    done.done = True
    done.save(update_fields=["done"])
    return _changed(request, client, f"stap {done.pk} gedaan", f"Stap '{done.what}' is gedaan.")


ENDABLE = {
    "uitkering": ("spells", EndSpellForm, "de uitkering"),
    "instrument": ("instruments", EndForm, "het instrument"),
    "schuldhulp": ("debt_help", EndForm, "het schuldhulptraject"),
}


@case_worker_required
def end_item(request: HttpRequest, pk: int, kind: str, item: int) -> HttpResponse:
    """End a running spell (with its outflow reason), instrument or debt-help trajectory."""
    client = client_of_team(request.user, pk)
    if kind not in ENDABLE:
        raise Http404
    related, form_class, name = ENDABLE[kind]
    thing = get_object_or_404(getattr(client, related).filter(end_date=None), pk=item)
    form = form_class(posted(request), start=thing.start_date)
    if form.is_valid():
        for field, value in form.cleaned_data.items():
            setattr(thing, field, value)
        thing.save()
        return _changed(
            request, client, f"{kind} {thing.pk} beëindigd", f"De einddatum van {name} is vastgelegd."
        )
    if request.method == "GET":
        _viewed(request, client)
    context = {"client": client, "form": form, "thing": thing, "name": name}
    return render(request, "casework/end_form.html", context, status=400 if form.is_bound else 200)


@figures_required
def dashboard_page(request: HttpRequest) -> HttpResponse:
    context = monitor_dashboard.context(request.GET)
    context["report_pdf"] = report_jobs.existing(context)  # made by a job: "maak" or "download"
    return render(request, "casework/dashboard.html", context)


@figures_required
def dashboard_download(request: HttpRequest, kind: str) -> HttpResponse:
    """The dashboard's report as the bestuursrapportage's PDF or its figures as CSV (aggregates only)."""
    context = monitor_dashboard.context(request.GET)
    if context.get("report") is None:
        return render(request, "casework/dashboard.html", context, status=400)
    if kind == "pdf":  # WeasyPrint takes seconds: a job makes it (casework/report_jobs.py)
        return report_jobs.report_response(request, context)
    name, body, mime = monitor_dashboard.download(context["report"], kind)
    response = HttpResponse(body, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
