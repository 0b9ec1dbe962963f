"""The policy simulation report: HTML with charts, the same as PDF (WeasyPrint, as the minima-effect
report), and CSV of every number."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np

from meedoen.analysis.simulation import GroupOutcome, PolicyResult, SchemeOutcome
from meedoen.reporting import safe_csv
from meedoen.reporting.charts import COLOURS, Chart, chart, plt, write_all
from meedoen.reporting.html import environment as report_environment
from meedoen.rules.coverage import PROVISIONAL, provisional_text
from meedoen.rules.money import euro_decimal, euro_text


def _legend_below(ax: plt.Axes) -> None:
    """The legend under the axes: inside them it covered the longest bar."""
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.25), ncol=2, frameon=False)


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
    _legend_below(ax)
    return chart(fig)


def groups_chart(groups: list[GroupOutcome], title: str) -> Chart:
    """Winners and losers per group, side by side."""
    y = np.arange(len(groups))
    fig, ax = plt.subplots(figsize=(7, 0.45 * len(groups) + 1))
    ax.barh(y - 0.2, [g.winners for g in groups], 0.4, label="Gaan vooruit", color=COLOURS[2])
    ax.barh(y + 0.2, [g.losers for g in groups], 0.4, label="Gaan achteruit", color=COLOURS[4])
    ax.set_yticks(y, [g.group for g in groups])
    ax.invert_yaxis()
    ax.set_xlabel("Huishoudens")
    ax.set_title(title, loc="left")
    _legend_below(ax)
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
        known = (s.measure.costed, s.costed_reform, s.extra_cost is not None)
        money = [euro_decimal(c) if k else "onbekend" for c, k in zip(costs, known, strict=True)]
        reach = ["" if s.recipients is None else s.recipients, "" if s.not_reached is None else s.not_reached]
        w.writerow([s.measure.id, *counts, *money, *reach])
    return out.getvalue()


def groups_csv(result: PolicyResult) -> str:
    out = io.StringIO()
    w = safe_csv.writer(out)
    ids = [s.measure.id for s in result.schemes]
    w.writerow(
        ["indeling", "groep", "huishoudens", "vooruit", "achteruit", "winst_vooruit_per_jaar",
         "verlies_achteruit_per_jaar", "saldo_per_jaar", "energiearmoede_nu", "energiearmoede_wijziging",
         *[f"nieuw_recht_{i}" for i in ids], *[f"recht_nu_{i}" for i in ids],
         *[f"recht_niet_bereikt_{i}" for i in ids]]
    )  # fmt: skip
    for kind, groups in (("huishoudtype", result.by_type), ("gebied", result.by_area)):
        for g in groups:
            w.writerow([kind, g.group, g.households, g.winners, g.losers,
                        euro_decimal(g.winners_gain_per_year), euro_decimal(g.loss_per_year),
                        euro_decimal(g.gain_per_year), g.energy_poverty, g.energy_poverty_reform,
                        *[g.newly_eligible[i] for i in ids],
                        *[g.eligible.get(i, "") for i in ids],
                        *[g.not_reached.get(i, "") for i in ids]])  # fmt: skip
    return out.getvalue()


def unknown_extra_cost(result: PolicyResult) -> list[SchemeOutcome]:
    """The schemes with a value whose extra cost is not known: their value was not found on one side
    (or both; a reform may give it on its side only)."""
    return [s for s in result.schemes if s.extra_cost is None and (s.measure.value or s.measure.amount)]


def render_html(result: PolicyResult, charts: dict[str, Chart], *, for_print: bool = False) -> str:
    """The report as one HTML file; ``for_print`` embeds the charts as PNG (for the PDF)."""
    env = report_environment("meedoen.analysis")
    env.filters["euro"] = euro_text
    local = [s for s in result.schemes if s.measure.parameters]
    return env.get_template("simulation.html").render(
        result=result,
        municipality=result.municipality.capitalize(),
        charts=charts,
        extra_cost=sum(s.extra_cost for s in result.schemes if s.extra_cost is not None),
        unvalued=[s.measure.name for s in unknown_extra_cost(result)],
        figures=result.figures,
        local_cost=sum(s.cost_baseline for s in local),
        has_recipients=any(s.recipients is not None for s in result.schemes),
        has_area_recipients=any(g.not_reached for g in result.by_area),
        losers=sum(g.losers for g in result.by_type),
        winners=sum(g.winners for g in result.by_type),
        provisional=provisional_text(result.status) if result.status.status == PROVISIONAL else "",
        for_print=for_print,
    )


def write_simulation_report(result: PolicyResult, out: Path, pdf: bool = True) -> list[Path]:
    """Write ``simulatie.html``, ``simulatie.pdf`` and the CSVs to ``out``, all or nothing."""
    charts = {
        "eligible": eligible_chart(result),
        "types": groups_chart(result.by_type, "Naar huishoudtype"),
        "areas": groups_chart(result.by_area, "Naar gebied"),
    }
    files = {
        "simulatie.html": render_html(result, charts).encode("utf-8"),
        "simulatie-regelingen.csv": schemes_csv(result).encode("utf-8"),
        "simulatie-groepen.csv": groups_csv(result).encode("utf-8"),
    }
    if pdf:
        from weasyprint import HTML  # imported here: loading it takes a second

        files["simulatie.pdf"] = HTML(string=render_html(result, charts, for_print=True)).write_pdf()
    return write_all(files, out)
