"""A policy simulation started from the web (issue 21 item 5): ``meedoen simulate`` for the
municipality with one of the bundled reforms, run by a job as a library call into meedoen.analysis
(no subprocess). The report (HTML and PDF) is stored on the row; aggregates only, never a person.
"""

from __future__ import annotations

from pathlib import Path

from procrastinate.contrib.django import app

from meedoen.web.jobs.models import SimulationRun
from meedoen.web.jobs.running import RETRY, JobProblem, closing, run_job

REFORMS = Path(__file__).resolve().parents[2] / "examples" / "reforms"


def reforms(municipality: str) -> dict[str, str]:
    """The bundled reforms that change this municipality's rules (or only national ones): stem to
    description."""
    from meedoen.rules.parameter_files import read_yaml

    found: dict[str, str] = {}
    for path in sorted(REFORMS.glob("*.yaml")):
        data = read_yaml(path.read_text(encoding="utf-8"))
        local = {c.split(".")[1] for c in data.get("changes", {}) if c.startswith("gemeenten.")}
        if local <= {municipality}:
            found[path.stem] = data.get("description", path.stem)
    return found


def _run(row: SimulationRun) -> None:
    from meedoen.analysis.simulation import simulate
    from meedoen.analysis.simulation_report import (
        eligible_chart,
        groups_chart,
        render_html,
    )
    from meedoen.analysis.synthetic_population import synthetic
    from meedoen.rules.errors import RulesError
    from meedoen.rules.parameters import default_parameters
    from meedoen.rules.reforms import apply_reform

    if row.reform not in reforms(row.municipality):
        raise JobProblem(f"De hervorming {row.reform} bestaat niet voor deze gemeente.")
    try:
        parameters = default_parameters()
        parameters.check_covered(row.peildatum)
        reform = apply_reform(parameters, REFORMS / f"{row.reform}.yaml")
        data = synthetic(row.municipality, row.peildatum, households=row.households)
        result = simulate(data, parameters, reform, row.description)
    except RulesError as exc:
        raise JobProblem(f"De simulatie kan niet worden gemaakt: {exc}") from exc
    charts = {
        "eligible": eligible_chart(result),
        "types": groups_chart(result.by_type, "Naar huishoudtype"),
        "areas": groups_chart(result.by_area, "Naar gebied"),
    }
    from weasyprint import HTML  # loads Pango: only in the job

    row.html = render_html(result, charts)
    row.pdf = HTML(string=render_html(result, charts, for_print=True)).write_pdf()
    row.summary = {
        "households": result.households,
        "extra_cost_cents": sum(s.extra_cost for s in result.schemes if s.extra_cost is not None),
        "winners": sum(g.winners for g in result.by_type),
        "losers": sum(g.losers for g in result.by_type),
        "provisional": result.status.status == "provisional",
    }


@app.task(queue="reports", retry=RETRY, name="run_simulation")
@closing
def run_simulation(run_id: int) -> None:
    run_job(SimulationRun, run_id, _run)
