"""The policy simulation report: HTML with charts, and CSV of every number."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np

from meedoen.analysis.simulation import GroupOutcome, PolicyResult
from meedoen.reporting import safe_csv
from meedoen.reporting.charts import COLOURS, Chart, chart, plt, write_all
from meedoen.reporting.html import environment as report_environment
from meedoen.rules.coverage import PROVISIONAL, provisional_text
from meedoen.rules.money import euro_decimal, euro_text


def eligible_chart(result: PolicyResult) -> Chart:
    """Eligible households per regeling, current rules against the reform."""
    schemes = result.schemes
    y = np.arange(len(schemes))
    fig, ax = plt.subplots(figsize=(7, 0.45 * len(schemes) + 1))
    ax.barh(y - 0.2, [s.eligible_baseline for s in schemes], 0.4, label="Nu", color=COLOURS[1])
    ax.barh(y + 0.2, [s.eligible_reform for s in schemes], 0.4, label="Met de wijziging", color=COLOURS[0])
    ax.set_yticks(y, [s.measure.name for s in schemes])
    ax.invert_yaxis()
    ax.set_xlabel("Huishoudens met recht")
    ax.legend(loc="lower right", frameon=False)
    return chart(fig)


def groups_chart(groups: list[GroupOutcome], title: str) -> Chart:
    fig, ax = plt.subplots(figsize=(7, 0.45 * len(groups) + 1))
    ax.barh([g.group for g in groups], [g.winners for g in groups], color=COLOURS[2])
    ax.invert_yaxis()
    ax.set_xlabel("Huishoudens die er op vooruit gaan")
    ax.set_title(title, loc="left")
    return chart(fig)


def schemes_csv(result: PolicyResult) -> str:
    out = io.StringIO()
    w = safe_csv.writer(out)
    w.writerow(
        ["regeling", "recht_nu", "recht_wijziging", "verschil", "kosten_nu_jaar", "kosten_wijziging_jaar",
         "extra_kosten_jaar", "ontvangers", "recht_maar_niet_bereikt"]
    )  # fmt: skip
    for s in result.schemes:
        counts = [s.eligible_baseline, s.eligible_reform, s.eligible_reform - s.eligible_baseline]
        costs = [s.cost_baseline, s.cost_reform, s.cost_reform - s.cost_baseline]
        reach = ["" if s.recipients is None else s.recipients, "" if s.not_reached is None else s.not_reached]
        w.writerow([s.measure.id, *counts, *[euro_decimal(c) for c in costs], *reach])
    return out.getvalue()


def groups_csv(result: PolicyResult) -> str:
    out = io.StringIO()
    w = safe_csv.writer(out)
    ids = [s.measure.id for s in result.schemes]
    w.writerow(
        ["indeling", "groep", "huishoudens", "vooruit", "extra_per_jaar", *[f"nieuw_recht_{i}" for i in ids]]
    )
    for kind, groups in (("huishoudtype", result.by_type), ("gebied", result.by_area)):
        for g in groups:
            w.writerow([kind, g.group, g.households, g.winners, euro_decimal(g.gain_per_year),
                        *[g.newly_eligible[i] for i in ids]])  # fmt: skip
    return out.getvalue()


def write_simulation_report(result: PolicyResult, out: Path) -> list[Path]:
    env = report_environment("meedoen.analysis")
    env.filters["euro"] = euro_text
    html = env.get_template("simulation.html").render(
        result=result,
        municipality=result.municipality.capitalize(),
        eligible=eligible_chart(result),
        types=groups_chart(result.by_type, "Naar huishoudtype"),
        areas=groups_chart(result.by_area, "Naar gebied"),
        extra_cost=sum(s.cost_reform - s.cost_baseline for s in result.schemes),
        has_recipients=any(s.recipients is not None for s in result.schemes),
        provisional=provisional_text(result.status) if result.status.status == PROVISIONAL else "",
    )
    files = {
        "simulatie.html": html.encode("utf-8"),
        "simulatie-regelingen.csv": schemes_csv(result).encode("utf-8"),
        "simulatie-groepen.csv": groups_csv(result).encode("utf-8"),
    }
    return write_all(files, out)
