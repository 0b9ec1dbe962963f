"""The bestuursrapportage: three times a year, the programme's KPIs as HTML, PDF and CSV.

``build`` computes every figure of one period from the monitor's own definitions (``kpis``,
``monthly_series``, ``definitions.active_on``) and the CBS comparison (``meedoen.monitor.cbs``);
each figure carries a footnote naming the function and parameters it came from, and what it counts
(persons, benefits or trajectories). ``write_report`` renders the Jinja2 template and writes
everything at once with ``meedoen.reporting.charts.write_all``: all files or none.

Disclosure control: every count under 10 in a table, the CSV, the text or a chart is shown as
``<10`` (or not drawn); a change is only given when both counts are 10 or more.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from meedoen.monitor.cbs import Cbs
from meedoen.monitor.kpis import kpis
from meedoen.monitor.periods import Period
from meedoen.monitor.report_cbs import cbs_figures, cbs_notes, suppress_rates
from meedoen.monitor.report_model import (
    AREA_COLUMNS,
    HISTORY_PERIODS,
    Collector,
    Context,
    Report,
    ReportInputError,
    check_period,
)
from meedoen.monitor.report_sections import (
    ambition_section,
    areas_section,
    debt_help_section,
    durable_section,
    headline_section,
    loonkostensubsidie_section,
    splits_section,
    startkwalificatie_section,
    stock_and_flows_section,
)
from meedoen.monitor.report_text import summary
from meedoen.monitor.summary import dutch_date
from meedoen.monitor.tables import Tables
from meedoen.reporting import safe_csv
from meedoen.reporting.charts import write_all
from meedoen.reporting.html import environment as report_environment


def build(
    tables: Tables,
    period: Period,
    cbs: Cbs,
    municipality: str = "arnhem",
    as_of: date | None = None,
    folder: str = "DIR",
    peers: int = 5,
) -> Report:
    """Every figure of the report for ``period``; ``ReportInputError`` when it cannot be made.

    The steps add their figures in the order the report numbers them (F1, F2, ...).
    """
    ctx = _context(tables, period, cbs, municipality, as_of)
    out = Collector()
    goal = ambition_section(ctx, out)  # first in the report, so F1
    headline = headline_section(ctx, out)
    national_note, flow_months = stock_and_flows_section(ctx, out)
    durable_section(ctx, out)
    loonkostensubsidie_section(ctx, out, flow_months)
    debt_help_section(ctx, out)
    startkwalificatie_section(ctx, out)
    areas = areas_section(ctx, out)
    splits = splits_section(ctx, out)
    cbs_year, peer_codes, comparison = cbs_figures(ctx, out, peers)
    report = Report(
        municipality=ctx.name,
        code=ctx.code,
        period=period,
        as_of=ctx.as_of,
        data_first=ctx.data_first,
        data_last=ctx.data_last,
        folder=folder,
        headline=headline,
        areas=areas,
        comparison=comparison,
        text=[],
        figures=out.figures,
        csv_rows=out.csv_rows,
        cbs_year=cbs_year,
        peers=[cbs.name(c) for c in peer_codes],
        notes=cbs_notes(cbs, period, cbs_year, national_note),
        cbs_vintage=cbs.vintage(),
        ambition=goal,
        splits=splits,
    )
    report.text = summary(report, ctx.now, ctx.prev, ctx.last_year, comparison)
    return report


def _context(tables: Tables, period: Period, cbs: Cbs, municipality: str, as_of: date | None) -> Context:
    """Check the period and municipality and compute the KPIs of every period in the trend charts."""
    data_first, data_last, as_of = check_period(tables, period, as_of)
    try:
        code = cbs.code_of(municipality)
    except Exception as exc:
        raise ReportInputError(str(exc)) from None
    history = [p for p in period.back(HISTORY_PERIODS) if p.first >= data_first]
    results = {p: suppress_rates(kpis(tables, p.first, p.last, as_of), tables, p, as_of) for p in history}
    return Context(tables, period, cbs, as_of, data_first, data_last, code, cbs.name(code), history, results)


def render_html(report: Report, *, for_print: bool = False) -> str:
    """The report as one HTML file (inline SVG charts); ``for_print`` embeds PNG charts for the PDF."""
    env = report_environment("meedoen.monitor")
    return env.get_template("monitor_report.html").render(
        r=report,
        f=report.figures,
        for_print=for_print,
        area_columns=[label for _, label in AREA_COLUMNS],
        dutch_date=lambda d: dutch_date(d.isoformat()),
    )


def figures_csv(report: Report) -> str:
    out = io.StringIO()
    writer = safe_csv.writer(out)
    writer.writerow(["figuur", "titel", "cijfer", "telt", "periode", "gebied_of_regio", "waarde", "bron"])
    writer.writerows(report.csv_rows)
    return out.getvalue()


def file_stem(report: Report) -> str:
    return f"monitor-{report.municipality.lower().replace(' ', '-')}-{report.period.label}"


def write_report(report: Report, out: Path, pdf: bool = True) -> list[Path]:
    """Write ``<stem>.html``, ``<stem>.pdf`` and ``<stem>-cijfers.csv`` to ``out``, all or nothing."""
    stem = file_stem(report)
    files = {
        f"{stem}.html": render_html(report).encode("utf-8"),
        f"{stem}-cijfers.csv": figures_csv(report).encode("utf-8"),
    }
    if pdf:
        from weasyprint import HTML  # imported here: loading it takes a second

        files[f"{stem}.pdf"] = HTML(string=render_html(report, for_print=True)).write_pdf()
    return write_all(files, out)
