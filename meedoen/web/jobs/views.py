"""Simulations started from the web: policy advisers (and the other figures roles, as the dashboard)
start ``meedoen simulate`` with a bundled reform; a job runs it; the result page links the report.
Aggregates of a synthetic population only: no person, so nothing is team-bound or audited."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from meedoen.web.accounts.access import figures_required
from meedoen.web.components.forms import posted
from meedoen.web.components.pdf import pdf_response
from meedoen.web.jobs.forms import SimulationForm
from meedoen.web.jobs.models import SimulationRun
from meedoen.web.jobs.simulation import reforms, run_simulation

RESULTS = (
    "status",
    "created_at",
    "finished_at",
    "reform",
    "description",
    "peildatum",
    "problem",
    "summary",
    "municipality",
)


@figures_required
@require_http_methods(["GET", "POST"])
def index(request: HttpRequest) -> HttpResponse:
    """The form to start a simulation, and the latest runs."""
    from meedoen.web.queue.jobs import enqueue

    form = SimulationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        reform = form.cleaned_data["reform"]
        run = SimulationRun.objects.create(
            municipality=settings.MUNICIPALITY,
            reform=reform,
            description=reforms(settings.MUNICIPALITY)[reform],
            peildatum=form.cleaned_data["peildatum"],
            households=settings.SIMULATION_HOUSEHOLDS,
            started_by=request.user,
        )
        enqueue(run_simulation, run_id=run.pk)
        return redirect("simulations:detail", pk=run.pk)
    runs = SimulationRun.objects.filter(municipality=settings.MUNICIPALITY).only(*RESULTS)
    return render(
        request,
        "jobs/simulations.html",
        {"form": form, "runs": runs.order_by("-created_at")[:20]},
        status=400 if form.errors else 200,
    )


def _run(pk: int) -> SimulationRun:
    return get_object_or_404(SimulationRun.objects.only(*RESULTS), pk=pk, municipality=settings.MUNICIPALITY)


@figures_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run(pk)
    return render(request, "jobs/simulation.html", {"run": run})


@figures_required
def report(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The report as HTML (a file to open or share) or PDF, once the job is done."""
    run = get_object_or_404(SimulationRun, pk=pk, municipality=settings.MUNICIPALITY, status="done")
    name = f"simulatie-{run.municipality}-{run.reform}-{run.peildatum.isoformat()}"
    if kind == "pdf":
        return pdf_response(bytes(run.pdf), f"{name}.pdf")
    response = HttpResponse(run.html, content_type="text/html; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.html"'
    return response
