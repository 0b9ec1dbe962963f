"""What a bestuursrapportage is made of: its figures with their footnotes, the report, and the context
every section reads (the period, the KPIs of each period in the trend)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import polars as pl

from meedoen.monitor.cbs import Cbs
from meedoen.monitor.definitions import active_on
from meedoen.monitor.periods import Period
from meedoen.monitor.report_text import csv_value, get
from meedoen.monitor.tables import Tables
from meedoen.reporting.charts import Chart

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
    ambition: dict[str, Any] | None = None  # ``report_sections.ambition_section``
    splits: list[dict[str, Any]] = field(default_factory=list)  # per gender and age band


def kpi_query(p: Period, as_of: date, key: str = "") -> str:
    suffix = "".join(f'["{k}"]' for k in key.split(".")) if key else ""
    return f"{KPI}(tables, first={p.first}, last={p.last}, as_of={as_of}){suffix}"


def lks_by_month(tables: Tables, months: list[date]) -> list[int]:
    lks = tables.instruments.filter(pl.col("instrument") == "loonkostensubsidie")
    return [active_on(lks, m)["person_key"].n_unique() for m in months]


def month_end(m: date) -> date:
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


class Collector:
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
class Context:
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
