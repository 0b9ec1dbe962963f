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
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl

from meedoen.monitor import report_charts as charts
from meedoen.monitor.ambition import index_on
from meedoen.monitor.cbs import (
    AGE_15_PLUS,
    COUNTS,
    MUNICIPAL_TABLE,
    NATIONAL,
    NATIONAL_TABLE,
    Cbs,
    municipalities,
    peer_group,
)
from meedoen.monitor.definitions import active_on
from meedoen.monitor.kpis import area_counts, kpis
from meedoen.monitor.periods import Period
from meedoen.monitor.series import month_starts, monthly_series
from meedoen.monitor.summary import dutch_date
from meedoen.monitor.tables import Tables
from meedoen.reporting import safe_csv
from meedoen.reporting.charts import Chart, write_all
from meedoen.reporting.html import environment as report_environment
from meedoen.rules.money import number, percent

SMALL = 10
SUPPRESSED = "<10"
HISTORY_PERIODS = 6  # tertials in the trend charts (two years)
FLOW_MONTHS = 24
SIDE_BY_SIDE = ("GM0202", "GM0268", "GM0014")  # Arnhem, Nijmegen, Groningen
KPI = "meedoen.monitor.kpis.kpis"

# (key path in kpis(), label, what it counts, kind): kind "count" is suppressed under 10.
HEADLINE = (
    ("stock_at_to", "Personen met bijstand op de laatste dag", "personen", "count"),
    ("inflow", "Instroom", "uitkeringen", "count"),
    ("outflow.total", "Uitstroom", "uitkeringen", "count"),
    ("outflow.work", "Uitstroom naar werk", "uitkeringen", "count"),
    ("durable_outflow_work.measurable", "Uitstroom naar werk, na een jaar meetbaar", "uitkeringen", "count"),
    ("durable_outflow_work.rate", "Duurzaam aan het werk (na een jaar niet terug)", "aandeel", "rate"),
    ("loonkostensubsidie_active_at_to", "Aan het werk met loonkostensubsidie", "personen", "count"),
    ("debt_help_started", "Schuldhulp gestart", "trajecten", "count"),
    ("debt_help_started_under_27", "Schuldhulp gestart, jonger dan 27", "trajecten", "count"),
    ("startkwalificatie.stock_without_sk_at_to", "Zonder startkwalificatie in de bijstand", "personen",
     "count"),
    ("startkwalificatie.inflow_without_sk", "Instroom zonder startkwalificatie", "uitkeringen", "count"),
    ("startkwalificatie.durable_rate_with_sk", "Duurzaam aan het werk, met startkwalificatie", "aandeel",
     "rate"),
    ("startkwalificatie.durable_rate_without_sk", "Duurzaam aan het werk, zonder startkwalificatie",
     "aandeel", "rate"),
)  # fmt: skip
AREA_COLUMNS = (
    ("stock_at_to", "Personen met bijstand"),
    ("inflow", "Instroom"),
    ("outflow.work", "Uitstroom naar werk"),
    ("loonkostensubsidie_active_at_to", "Loonkostensubsidie"),
    ("debt_help_started", "Schuldhulp gestart"),
    ("debt_help_started_under_27", "waarvan < 27"),
)


class ReportInputError(Exception):
    """The report cannot be made from this input (period outside the data, unknown municipality)."""


def csv_value(value: Any, kind: str = "count") -> str:
    """A CSV cell: counts as plain integers (``<10`` under 10), rates as fractions, empty for none."""
    if value is None:
        return ""
    if kind == "count":
        return SUPPRESSED if value < SMALL else str(int(value))
    if kind == "rate":
        return f"{value:.4f}"
    return f"{value:.1f}"


def count_text(n: int | None) -> str:
    """A count for publication: ``<10`` under 10, Dutch thousands separator otherwise."""
    if n is None:
        return "n.v.t."
    return SUPPRESSED if n < SMALL else number(n)


def rate_text(fraction: float | None) -> str:
    return percent(fraction * 100 if fraction is not None else None)


def change_text(now: int | None, before: int | None) -> str:
    """``+12 (+1,5%)``; ``n.v.t.`` without a comparison or when either count is under 10."""
    if now is None or before is None or now < SMALL or before < SMALL:
        return "n.v.t."
    diff = now - before
    return f"{diff:+,}".replace(",", ".") + f" ({percent(100 * diff / before, 1, sign=True)})"


def rate_change_text(now: float | None, before: float | None) -> str:
    if now is None or before is None:
        return "n.v.t."
    return f"{100 * (now - before):+.1f}".replace(".", ",") + " %-punt"


def get(result: dict[str, Any], path: str) -> Any:
    for key in path.split("."):
        result = result[key]
    return result


def data_range(tables: Tables) -> tuple[date, date]:
    """The days the data describe: from the first day with an outflow (an export lists the spells
    running at its start, so earlier starts are not the window) to the latest date in any table."""
    spells = tables.spells
    starts = [t["start_date"].max() for t in (spells, tables.instruments, tables.debt_help) if t.height]
    if not spells.height:
        raise ReportInputError("the folder has no spells: there is nothing to report on")
    first = spells["start_date"].min()
    if spells["end_date"].drop_nulls().len():
        first = max(first, spells["end_date"].min())
    last = max([*starts, spells["end_date"].max() or spells["start_date"].max()])
    return first, last


@dataclass
class Figure:
    """A chart or table with its footnote: the query it came from and what it counts."""

    ref: str
    title: str
    counts: str
    query: str
    chart: Chart | None = None


@dataclass
class Report:
    municipality: str
    code: str
    period: Period
    as_of: date
    data_first: date
    data_last: date
    folder: str
    headline: list[dict[str, str]]
    areas: list[dict[str, Any]]
    comparison: list[dict[str, Any]]
    text: list[str]
    figures: dict[str, Figure]
    csv_rows: list[list[str]] = field(default_factory=list)
    cbs_year: int = 0
    peers: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    cbs_vintage: str = ""  # which CBS data the comparison rests on (``Cbs.vintage``)


def _kpi_query(p: Period, as_of: date, key: str = "") -> str:
    suffix = "".join(f'["{k}"]' for k in key.split(".")) if key else ""
    return f"{KPI}(tables, first={p.first}, last={p.last}, as_of={as_of}){suffix}"


def _lks_by_month(tables: Tables, months: list[date]) -> list[int]:
    lks = tables.instruments.filter(pl.col("instrument") == "loonkostensubsidie")
    return [active_on(lks, m)["person_key"].n_unique() for m in months]


def _month_end(m: date) -> date:
    following = date(m.year + 1, 1, 1) if m.month == 12 else date(m.year, m.month + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def check_period(tables: Tables, period: Period, as_of: date | None) -> tuple[date, date, date]:
    """The data's first and last day and the as-of day; ``ReportInputError`` when the period is not in it."""
    first, last = data_range(tables)
    if period.first < first or period.last > last:
        raise ReportInputError(
            f"period {period} ({period.first} to {period.last}) is outside the data, "
            f"which cover {first} to {last}"
        )
    as_of = as_of or last
    if as_of < period.last:
        raise ReportInputError(f"--as-of {as_of} is before the end of period {period} ({period.last})")
    return first, last, as_of


class _Collector:
    """The figures in the order they are added (``F1``, ``F2``, ...) and the CSV rows that back them."""

    def __init__(self) -> None:
        self.figures: dict[str, Figure] = {}
        self.csv_rows: list[list[str]] = []

    def add(self, ref: str, title: str, counts: str, query: str, chart: Chart | None = None) -> Figure:
        self.figures[ref] = Figure(f"F{len(self.figures) + 1}", title, counts, query, chart)
        return self.figures[ref]

    def row(
        self, fig: Figure, what: str, when: str, where: str, value: Any, kind: str = "count", counts: str = ""
    ) -> None:
        self.csv_rows.append(
            [fig.ref, fig.title, what, counts or fig.counts, when, where, csv_value(value, kind), fig.query]
        )


@dataclass
class _Context:
    """What every step of ``build`` reads: the period, the KPIs of each period in the trend, the names."""

    tables: Tables
    period: Period
    cbs: Cbs
    as_of: date
    data_first: date
    data_last: date
    code: str
    name: str
    history: list[Period]
    results: dict[Period, dict[str, Any]]

    @property
    def now(self) -> dict[str, Any]:
        return self.results[self.period]

    @property
    def prev(self) -> dict[str, Any] | None:
        return self.results.get(self.period.previous())

    @property
    def last_year(self) -> dict[str, Any] | None:
        return self.results.get(self.period.year_before())

    @property
    def labels(self) -> list[str]:
        return [p.label for p in self.history]

    @property
    def span(self) -> str:
        """The footnote of a figure with one value per period of the trend."""
        labels = self.labels
        return (
            f"voor elke periode {labels[0]} t/m {labels[-1]}: {KPI}(tables, first, last, as_of={self.as_of})"
        )

    def per_period(self, key: str) -> list[Any]:
        return [get(self.results[p], key) for p in self.history]


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
    out = _Collector()
    headline = _headline(ctx, out)
    national_note, flow_months = _stock_and_flows(ctx, out)
    _durable(ctx, out)
    _loonkostensubsidie(ctx, out, flow_months)
    _debt_help(ctx, out)
    _startkwalificatie(ctx, out)
    areas = _areas(ctx, out)
    cbs_year, peer_codes, comparison = _cbs_figures(ctx, out, peers)
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
        notes=_notes(cbs, period, cbs_year, national_note),
        cbs_vintage=cbs.vintage(),
    )
    report.text = summary(report, ctx.now, ctx.prev, ctx.last_year, comparison)
    return report


def _context(tables: Tables, period: Period, cbs: Cbs, municipality: str, as_of: date | None) -> _Context:
    """Check the period and municipality and compute the KPIs of every period in the trend charts."""
    data_first, data_last, as_of = check_period(tables, period, as_of)
    try:
        code = cbs.code_of(municipality)
    except Exception as exc:
        raise ReportInputError(str(exc)) from None
    history = [p for p in period.back(HISTORY_PERIODS) if p.first >= data_first]
    results = {p: _suppress_rates(kpis(tables, p.first, p.last, as_of), tables, p, as_of) for p in history}
    return _Context(tables, period, cbs, as_of, data_first, data_last, code, cbs.name(code), history, results)


def _headline(ctx: _Context, out: _Collector) -> list[dict[str, str]]:
    """Headline KPIs with the change against the previous period and the same period a year before."""
    period, now, prev, last_year = ctx.period, ctx.now, ctx.prev, ctx.last_year
    head = out.add(
        "headline",
        "Kerncijfers",
        "zie kolom 'telt'",
        _kpi_query(period, ctx.as_of)
        + f"; vergelijking: dezelfde functie voor {period.previous()} en {period.year_before()}",
    )
    headline = []
    for key, label, counts, kind in HEADLINE:
        values = [get(r, key) if r else None for r in (now, prev, last_year)]
        show = count_text if kind == "count" else rate_text
        change = change_text if kind == "count" else rate_change_text
        headline.append(
            {
                "label": label,
                "counts": counts,
                "key": key,
                "now": show(values[0]),
                "prev": show(values[1]) if prev else "n.v.t.",
                "vs_prev": change(values[0], values[1]),
                "last_year": show(values[2]) if last_year else "n.v.t.",
                "vs_last_year": change(values[0], values[2]),
            }
        )
        for p, v in zip((period, period.previous(), period.year_before()), values, strict=True):
            if v is not None or ctx.results.get(p):
                out.row(head, f"{label} [{key}]", p.label, ctx.name, v, kind, counts)
    return headline


def _stock_and_flows(ctx: _Context, out: _Collector) -> tuple[str, list[date]]:
    """Monthly stock with the national trend, and the flows over the last 24 months.

    Returns the note on the national series (empty when it covers every month) and the flow months.
    """
    name, period, data_first = ctx.name, ctx.period, ctx.data_first
    series = monthly_series(ctx.tables, data_first, period.last)
    months = series["month"].to_list()
    stock = series["stock_first_day"].to_list()
    national, national_note = _national(ctx.cbs, months, stock)
    stock_fig = out.add(
        "stock",
        "Personen met bijstand per maand en de landelijke trend",
        "personen (gemeente); uitkeringen (landelijk, CBS 37789ksz)",
        f"meedoen.monitor.series.monthly_series(tables, first={data_first}, last={period.last})"
        f'["stock_first_day"]; landelijk: {NATIONAL_TABLE} TotaalBijstandsuitkeringen_11 x '
        f"(stock / landelijk) op de eerste maand met beide",
        charts.stock_chart(months, stock, national, (period.first, period.last), name),
    )
    for m, s, n in zip(months, stock, national, strict=True):
        out.row(stock_fig, "stock_first_day", m.isoformat(), name, s, counts="personen")
        if n is not None:
            out.row(
                stock_fig, "landelijke trend, geschaald", m.isoformat(), NATIONAL, n, "value", "uitkeringen"
            )

    recent = series.tail(FLOW_MONTHS)
    flow_months = recent["month"].to_list()
    flow_fig = out.add(
        "flow",
        "Instroom en uitstroom per maand",
        "uitkeringen",
        f"meedoen.monitor.series.monthly_series(tables, first={flow_months[0]}, last={period.last})"
        '["inflow", "outflow_total", "outflow_work"]',
        charts.flow_chart(
            flow_months,
            recent["inflow"].to_list(),
            recent["outflow_total"].to_list(),
            recent["outflow_work"].to_list(),
        ),
    )
    for r in recent.iter_rows(named=True):
        for key in ("inflow", "outflow_total", "outflow_work"):
            out.row(flow_fig, key, r["month"].isoformat(), name, r[key])
    return national_note, flow_months


def _durable(ctx: _Context, out: _Collector) -> None:
    """Durable outflow to work per period of the trend."""
    durable = out.add(
        "durable",
        "Duurzame uitstroom naar werk per periode",
        "aandeel van de meetbare uitstroom naar werk (uitkeringen)",
        f'{ctx.span}["durable_outflow_work"]',
        charts.rate_chart(
            ctx.labels,
            {"Duurzaam aan het werk": ctx.per_period("durable_outflow_work.rate")},
            "Duurzaam aan het werk (na een jaar niet terug in de bijstand)",
        ),
    )
    for p in ctx.history:
        d = ctx.results[p]["durable_outflow_work"]
        for key in ("measurable", "durable", "pending"):
            out.row(durable, key, p.label, ctx.name, d[key], counts="uitkeringen")
        out.row(durable, "rate", p.label, ctx.name, d["rate"], "rate")


def _loonkostensubsidie(ctx: _Context, out: _Collector, flow_months: list[date]) -> None:
    """Persons working with loonkostensubsidie on the last day of each month of the flow chart."""
    lks_months = [_month_end(m) for m in month_starts(flow_months[0], ctx.period.last)]
    lks = _lks_by_month(ctx.tables, lks_months)
    lks_fig = out.add(
        "lks",
        "Instrumentinzet: loonkostensubsidie",
        "personen",
        "meedoen.monitor.definitions.active_on(instruments[instrument == 'loonkostensubsidie'], d)"
        f".person_key.n_unique() voor d = laatste dag van elke maand {lks_months[0]} t/m {lks_months[-1]}",
        charts.line_chart(
            lks_months,
            lks,
            "Aan het werk met loonkostensubsidie (laatste dag van de maand)",
            "Personen met loonkostensubsidie",
            "Personen",
        ),
    )
    for d, v in zip(lks_months, lks, strict=True):
        out.row(lks_fig, "loonkostensubsidie actief", d.isoformat(), ctx.name, v)


def _debt_help(ctx: _Context, out: _Collector) -> None:
    """Debt-help trajectories started per period, and those of people under 27."""
    debt = out.add(
        "debt",
        "Bereik schuldhulpverlening per periode",
        "trajecten",
        f'{ctx.span}["debt_help_started", "debt_help_started_under_27"]',
        charts.count_chart(
            ctx.labels,
            {
                "Gestart": ctx.per_period("debt_help_started"),
                "waarvan jonger dan 27": ctx.per_period("debt_help_started_under_27"),
            },
            "Schuldhulp gestart per periode",
            "Trajecten",
        ),
    )
    for p in ctx.history:
        for key in ("debt_help_started", "debt_help_started_under_27"):
            out.row(debt, key, p.label, ctx.name, ctx.results[p][key])


def _startkwalificatie(ctx: _Context, out: _Collector) -> None:
    """Durable work with and without a startkwalificatie per period, with the counts behind it."""
    sk = out.add(
        "sk",
        "Startkwalificatie: duurzaam aan het werk met en zonder",
        "aandeel van de meetbare uitstroom naar werk (uitkeringen)",
        f'{ctx.span}["startkwalificatie"]',
        charts.rate_chart(
            ctx.labels,
            {
                "Met startkwalificatie": ctx.per_period("startkwalificatie.durable_rate_with_sk"),
                "Zonder startkwalificatie": ctx.per_period("startkwalificatie.durable_rate_without_sk"),
            },
            "Duurzaam aan het werk, met en zonder startkwalificatie",
        ),
    )
    for p in ctx.history:
        s = ctx.results[p]["startkwalificatie"]
        for key in ("durable_rate_with_sk", "durable_rate_without_sk"):
            out.row(sk, key, p.label, ctx.name, s[key], "rate")
        out.row(
            sk, "stock_without_sk_at_to", p.label, ctx.name, s["stock_without_sk_at_to"], counts="personen"
        )
        for key in ("inflow_without_sk", "outflow_work_with_sk"):
            out.row(sk, key, p.label, ctx.name, s[key], counts="uitkeringen")


def _areas(ctx: _Context, out: _Collector) -> list[dict[str, Any]]:
    """The period's KPIs per area (wijk)."""
    area_fig = out.add("areas", "Per gebied", "personen / uitkeringen / trajecten",
                       _kpi_query(ctx.period, ctx.as_of) + '["by_area"]')  # fmt: skip
    areas = []
    for area, values in ctx.now["by_area"].items():
        cells = [count_text(get(values, key)) for key, _ in AREA_COLUMNS]
        areas.append({"area": area, "cells": cells})
        for key, label in AREA_COLUMNS:
            out.row(area_fig, f"{label} [{key}]", ctx.period.label, area, get(values, key))
    return areas


def _cbs_figures(ctx: _Context, out: _Collector, peers: int) -> tuple[int, list[str], list[dict[str, Any]]]:
    """The CBS comparison table, the density per year and the map; returns the CBS year, the peer
    group's codes and the comparison rows."""
    cbs, code = ctx.cbs, ctx.code
    cbs_year = max(cbs.years)
    group = peer_group(cbs, code, cbs_year, peers)
    peer_codes = group["code"].to_list()
    comparison, _ = _comparison(cbs, code, cbs_year, peer_codes, out.add, out.row)
    years = cbs.years
    lines = {}
    for c in dict.fromkeys([code, *SIDE_BY_SIDE]):
        lines[cbs.name(c)] = [_density(cbs, y, [c]) for y in years]
    lines[f"Vergelijkingsgroep ({len(peer_codes)})"] = [_density(cbs, y, peer_codes) for y in years]
    lines["Nederland"] = [_density(cbs, y, [NATIONAL]) for y in years]
    dens = out.add(
        "density",
        "Bijstandsdichtheid per jaar",
        "personen met bijstand per 1.000 inwoners van 15 jaar en ouder (CBS 84066NED)",
        f"meedoen.monitor.cbs.load_cbs(CBS); Bijstandsdichtheid_3, Leeftijd {AGE_15_PLUS}; groep: som van "
        "personen / som van inwoners x 1.000",
        charts.density_chart(years, lines, ctx.name),
    )
    for label, values in lines.items():
        for y, v in zip(years, values, strict=True):
            out.row(dens, "bijstandsdichtheid", str(y), label, v, "value")
    year_table = municipalities(cbs, cbs_year)
    density = dict(zip(year_table["code"], year_table["density"], strict=True))
    out.add(
        "map",
        "Kaart: bijstandsdichtheid per gemeente",
        "personen met bijstand per 1.000 inwoners van 15 jaar en ouder (CBS 84066NED)",
        f"meedoen.monitor.cbs.municipalities(cbs, {cbs_year})['density'] op de gemeentegrenzen "
        f"van {', '.join(sorted(p.name for p in cbs.folder.glob('gemeenten_*.geojson')))}",
        charts.density_map(cbs.boundaries, density, code, peer_codes, cbs_year),
    )
    return cbs_year, peer_codes, comparison


def _notes(cbs: Cbs, period: Period, cbs_year: int, national_note: str) -> list[str]:
    """Where the report's CBS data fall short of the period, and how a newer export is picked up."""
    notes = []
    if national_note:
        notes.append(national_note)
    if cbs_year < period.year:
        notes.append(
            f"De nieuwste CBS-cijfers per gemeente zijn van {cbs_year}; een nieuwere export van "
            f"{MUNICIPAL_TABLE} (CSV of OData-JSON) wordt gebruikt na meedoen monitor cbs-import."
        )
    return notes


# rate key -> the count of measurable work outflows it is a share of (``meedoen.monitor.kpis.area_counts``)
RATE_BASES = {
    ("durable_outflow_work", "rate"): "measurable",
    ("startkwalificatie", "durable_rate_with_sk"): "measurable_with_sk",
    ("startkwalificatie", "durable_rate_without_sk"): "measurable_without_sk",
}


def _suppress_rates(result: dict[str, Any], tables: Tables, p: Period, as_of: date) -> dict[str, Any]:
    """A rate over fewer than 10 measurable outflows becomes ``None`` (shown as ``n.v.t.``)."""
    counts = area_counts(tables, p.first, p.last, as_of)
    for (group, key), base in RATE_BASES.items():
        if counts[base].sum() < SMALL:
            result[group][key] = None
    return result


def _national(cbs: Cbs, months: list[date], stock: list[int]) -> tuple[list[float | None], str]:
    """The national benefits series scaled to the municipality's stock in the first month with both."""
    covered = [m for m in months if cbs.national and min(cbs.national) <= m <= max(cbs.national)]
    if not covered:
        return [None] * len(months), (
            f"De landelijke reeks ({NATIONAL_TABLE}) in de CBS-map dekt deze maanden niet; een nieuwere "
            "export "
            "(social_security*.csv) wordt automatisch gebruikt."
        )
    base = covered[0]
    scale = stock[months.index(base)] / index_on(cbs.national, base)
    values = [index_on(cbs.national, m) * scale if m in covered else None for m in months]
    note = ""
    if covered[-1] < months[-1]:
        note = (
            f"De landelijke reeks ({NATIONAL_TABLE}, uitkeringen) in de CBS-map loopt tot "
            f"{dutch_date(str(covered[-1]))}; "
            "daarna ontbreekt de landelijke trend in de grafiek. Een nieuwere export (social_security*.csv) "
            "wordt automatisch gebruikt."
        )
    return values, note


def _density(cbs: Cbs, year: int, codes: list[str]) -> float | None:
    rows = cbs.municipal.filter(
        (pl.col("year") == year) & (pl.col("age") == AGE_15_PLUS) & pl.col("code").is_in(codes)
    )
    if not rows.height:
        return None
    if len(codes) == 1:
        return rows["density"][0]
    inhabitants, persons = rows["inhabitants"].sum(), rows["persons"].sum()
    return 1000 * persons / inhabitants if inhabitants else None


def _comparison(cbs: Cbs, code: str, year: int, peers: list[str], add, row) -> tuple[list[dict], Figure]:
    """Municipality, Arnhem / Nijmegen / Groningen, the peer group (each and together) and NL, in persons."""
    fig = add(
        "comparison",
        f"Vergelijking met Nederland en vergelijkbare gemeenten, {year}",
        "personen (CBS 84066NED; 15 jaar en ouder)",
        f"meedoen.monitor.cbs.municipalities(cbs, {year}) en meedoen.monitor.cbs.peer_group(cbs, {code!r}, "
        f"{year}, k={len(peers)}): dichtstbijzijnde gemeenten in gestandaardiseerd log(inwoners) en "
        "bijstandsdichtheid",
    )
    table = cbs.municipal.filter((pl.col("year") == year) & (pl.col("age") == AGE_15_PLUS))
    by_code = {r["code"]: r for r in table.iter_rows(named=True)}
    order = [(c, "gemeente" if c == code else "grote stad") for c in dict.fromkeys([code, *SIDE_BY_SIDE])]
    order += [(c, "vergelijkingsgroep") for c in peers if c not in dict(order)]
    rows = []
    for c, role in [*order, (NATIONAL, "landelijk")]:
        r = by_code.get(c)
        if r is None:
            continue
        rows.append(_cbs_row(cbs.name(c), role, r, c == code, c in peers))
    group = [by_code[c] for c in peers if c in by_code]
    if group:
        total = {k: sum(r[k] or 0 for r in group) for k in ("inhabitants", "persons", "inflow", "outflow",
                                                            "outflow_work")}  # fmt: skip
        total["density"] = 1000 * total["persons"] / total["inhabitants"] if total["inhabitants"] else None
        total["outflow_work_pct"] = None
        together = f"Vergelijkingsgroep samen ({len(group)})"
        rows.insert(-1, _cbs_row(together, "vergelijkingsgroep", total, False,
                                 False))  # fmt: skip
    for r in rows:
        for key, value in r["raw"].items():
            row(fig, key, str(year), r["name"], value, "count" if key in COUNTS else "value")
    return rows, fig


def _cbs_row(name: str, role: str, r: dict, mine: bool, peer: bool) -> dict[str, Any]:
    pct = r.get("outflow_work_pct")
    return {
        "name": name,
        "role": role + (" (vergelijkingsgroep)" if peer and role != "vergelijkingsgroep" else ""),
        "mine": mine,
        "raw": {k: r.get(k) for k in (*COUNTS, "density", "outflow_work_pct")},
        "cells": {
            "inwoners 15+": count_text(r["inhabitants"]),
            "personen met bijstand": count_text(r["persons"]),
            "per 1.000 inwoners": "n.v.t."
            if r["density"] is None
            else f"{r['density']:.1f}".replace(".", ","),
            "instroom (personen)": count_text(r["inflow"]),
            "uitstroom (personen)": count_text(r["outflow"]),
            "uitstroom naar werk (personen)": count_text(r["outflow_work"]),
            "% uitstroom naar werk": "n.v.t." if pct is None else f"{pct:.1f}".replace(".", ",") + "%",
        },
    }


def _diff_words(now: int, before: int | None, when: str) -> str:
    if before is None or now < SMALL or before < SMALL:
        return ""
    diff = now - before
    if diff == 0:
        return f"evenveel als {when}"
    more = "meer" if diff > 0 else "minder"
    return f"{number(abs(diff))} {more} dan {when} ({percent(100 * diff / before, 1, sign=True)})"


def summary(report: Report, now: dict, prev: dict | None, last_year: dict | None, comparison) -> list[str]:
    """A few Dutch sentences stating the changes in numbers (every count under 10 as ``<10``)."""
    p = report.period
    end = dutch_date(p.last.isoformat())
    prev_p, ly_p = p.previous(), p.year_before()
    parts = [
        _diff_words(now["stock_at_to"], prev and prev["stock_at_to"], f"aan het eind van {prev_p}"),
        _diff_words(now["stock_at_to"], last_year and last_year["stock_at_to"], f"een jaar eerder ({ly_p})"),
    ]
    parts = [x for x in parts if x]
    text = [
        f"Op {end} hadden {count_text(now['stock_at_to'])} personen in {report.municipality} een "
        f"bijstandsuitkering" + (": " + " en ".join(parts) if parts else "") + "."
    ]
    flows = (
        f"In {p.words} begonnen {count_text(now['inflow'])} uitkeringen en eindigden er "
        f"{count_text(now['outflow']['total'])}, waarvan {count_text(now['outflow']['work'])} door werk"
    )
    if last_year:
        flows += (
            f" (zelfde periode vorig jaar: instroom {count_text(last_year['inflow'])}, uitstroom "
            f"{count_text(last_year['outflow']['total'])}, naar werk "
            f"{count_text(last_year['outflow']['work'])})"
        )
    text.append(flows + ".")
    d = now["durable_outflow_work"]
    if d["rate"] is not None:
        text.append(
            f"Van de {count_text(d['measurable'])} uitstromers naar werk die al een jaar te volgen zijn, "
            "bleef "
            f"{rate_text(d['rate'])} duurzaam aan het werk (niet binnen een jaar terug in de bijstand)."
        )
    else:
        text.append(
            "Of de uitstroom naar werk duurzaam is, is nog niet betrouwbaar te meten: "
            f"{count_text(d['pending'])} uitstromers zijn nog geen jaar uit de bijstand "
            f"(gemeten op {dutch_date(report.as_of.isoformat())})."
        )
    lks_before = prev and prev["loonkostensubsidie_active_at_to"]
    lks_words = _diff_words(now["loonkostensubsidie_active_at_to"], lks_before, f"eind {prev_p}")
    text.append(
        f"Op {end} werkten {count_text(now['loonkostensubsidie_active_at_to'])} personen met "
        "loonkostensubsidie"
        + (f" ({lks_words})" if lks_words else "")
        + f". Er begonnen {count_text(now['debt_help_started'])} schuldhulptrajecten, waarvan "
        f"{count_text(now['debt_help_started_under_27'])} voor jongeren onder 27."
    )
    sk = now["startkwalificatie"]
    text.append(
        f"Zonder startkwalificatie zaten op {end} {count_text(sk['stock_without_sk_at_to'])} personen in de "
        "bijstand; duurzaam aan het werk met / zonder startkwalificatie: "
        f"{rate_text(sk['durable_rate_with_sk'])}"
        f" / {rate_text(sk['durable_rate_without_sk'])}."
    )
    return text + _cbs_sentences(report, comparison)


def _cbs_sentences(report: Report, comparison: list[dict[str, Any]]) -> list[str]:
    """The density against the country and the peer group, as CBS counts it (none without both)."""
    mine = next((r for r in comparison if r["mine"]), None)
    nl = next((r for r in comparison if r["role"] == "landelijk"), None)
    group = next((r for r in comparison if r["name"].startswith("Vergelijkingsgroep samen")), None)
    if mine and nl:
        sentence = (
            f"Volgens het CBS ({report.cbs_year}) had {report.municipality} "
            f"{mine['cells']['per 1.000 inwoners']} personen met bijstand per 1.000 inwoners van 15 jaar en "
            f"ouder, tegen {nl['cells']['per 1.000 inwoners']} landelijk"
        )
        if group:
            sentence += (
                f" en {group['cells']['per 1.000 inwoners']} in de vergelijkingsgroep "
                f"({', '.join(report.peers)})"
            )
        return [sentence + "."]
    return []


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
