"""The contract's KPIs for one period, for the municipality and per area, gender and age band.

Each person belongs to one area, one gender (or none) and one age band, so every count is additive
over the cells of those three: the counts are computed per cell in one pass, and the figures per
area, gender, age band and for the municipality are their sums. Percentages and rates are computed
from the summed counts and rounded half up (away from zero) with integer arithmetic,
so ``0.12345`` is ``0.1235`` on every machine.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl

from meedoen.monitor.definitions import (
    active_on,
    age_at,
    ending_in,
    measurable,
    outflow_by_reason,
    overlapping,
    returned_within_year,
    starting_in,
    with_person,
    yyyymmdd,
)
from meedoen.monitor.tables import OUTFLOW_REASONS, Tables
from meedoen.rules.money import round_div
from meedoen.rules.periods import age_on

SK = pl.col("startkwalificatie")
DEBT_HELP_YOUNG_AGE = 27
# The council's age bands (lowest age of each band; the last is open). Under 18: in no band.
AGE_BANDS = ((18, "18-26"), (27, "27-44"), (45, "45-54"), (55, "55+"))


def rounded(numerator: int, denominator: int, decimals: int) -> float | None:
    """``numerator / denominator`` rounded half away from zero; ``None`` when the denominator is 0."""
    if denominator == 0:
        return None
    scale = 10**decimals
    magnitude = round_div(abs(numerator) * scale, abs(denominator))
    sign = -1 if (numerator < 0) != (denominator < 0) else 1
    return sign * magnitude / scale


def age_band_on(last: date) -> pl.Expr:
    """Each person's age band on ``last`` (null under the first band's age)."""
    code = last.year * 10000 + last.month * 100 + last.day
    age = age_on(pl.lit(code, pl.Int32), yyyymmdd("birth_date"))
    band = pl.lit(None, pl.String)
    for lowest, name in AGE_BANDS:
        band = pl.when(age >= lowest).then(pl.lit(name)).otherwise(band)
    return band


CELL = ("area", "gender", "age_band")  # each person is in exactly one cell of these three


def cell_counts(tables: Tables, first: date, last: date, as_of: date) -> pl.DataFrame:
    """One row per (area, gender, age band on ``last``) combination in ``persons`` with the integer
    counts behind every KPI.

    Each person belongs to one cell, so every count (distinct persons included) adds up over cells:
    the splits by area, gender and age band are sums of this one pass. Only the rows a period can
    count (spells and instruments active on one of its days, debt help started in it) are joined to
    their person's cell; persons are counted by ``person_key``.
    """
    persons = tables.persons.with_columns(age_band=age_band_on(last))
    cell = list(CELL)
    spells = with_person(overlapping(tables.spells, first, last), persons, *cell, "startkwalificatie")
    ending = ending_in(spells, first, last)
    work = ending.filter(pl.col("outflow_reason") == "work").with_columns(measurable=measurable(as_of))
    work = work.with_columns(returned_within_year(work, tables.spells)).with_columns(
        durable=pl.col("measurable") & ~pl.col("returned")
    )
    debt = with_person(starting_in(tables.debt_help, first, last), persons, *cell, "birth_date")
    lks = tables.instruments.filter(pl.col("instrument") == "loonkostensubsidie")
    lks = with_person(active_on(lks, last), persons, *cell)
    person = pl.col("person_key")
    parts = [
        active_on(spells, first).group_by(cell).agg(stock_at_from=person.n_unique()),
        active_on(spells, last)
        .group_by(cell)
        .agg(
            stock_at_to=person.n_unique(),
            stock_without_sk_at_to=person.filter(SK.not_()).n_unique(),
        ),
        starting_in(spells, first, last)
        .group_by(cell)
        .agg(inflow=pl.len(), inflow_without_sk=SK.not_().sum()),
        ending.group_by(cell).agg(outflow_by_reason()),
        work.group_by(cell).agg(
            measurable=pl.col("measurable").sum(),
            durable=pl.col("durable").sum(),
            pending=(~pl.col("measurable")).sum(),
            outflow_work_with_sk=SK.sum(),
            measurable_with_sk=pl.col("measurable").filter(SK).sum(),
            durable_with_sk=pl.col("durable").filter(SK).sum(),
            measurable_without_sk=pl.col("measurable").filter(SK.not_()).sum(),
            durable_without_sk=pl.col("durable").filter(SK.not_()).sum(),
        ),
        lks.group_by(cell).agg(loonkostensubsidie_active_at_to=person.n_unique()),
        debt.group_by(cell).agg(
            debt_help_started=pl.len(),
            debt_help_started_under_27=(age_at("start_date") < DEBT_HELP_YOUNG_AGE).sum(),
        ),
    ]
    counts = persons.select(cell).unique()
    for part in parts:
        counts = counts.join(part, on=cell, how="left", nulls_equal=True)
    return counts.with_columns(pl.exclude(cell).fill_null(0).cast(pl.Int64))


def counts_by(cells: pl.DataFrame, key: str, groups: list[str] | None = None) -> pl.DataFrame:
    """The cells summed per value of ``key`` (a cell with no value is in no group), in a column
    ``area``; ``groups`` lists every group to show, also with counts of 0 (default: those present)."""
    summed = cells.drop([c for c in CELL if c != key]).filter(pl.col(key).is_not_null()).group_by(key).sum()
    names = groups if groups is not None else sorted(summed[key].to_list())
    frame = pl.DataFrame({key: names}, schema={key: pl.String})
    joined = frame.join(summed, on=key, how="left", maintain_order="left").fill_null(0)
    return joined.rename({key: "area"}) if key != "area" else joined


def area_counts(tables: Tables, first: date, last: date, as_of: date) -> pl.DataFrame:
    """One row per area (every area in ``persons``, also with counts of 0) with the KPI counts."""
    return counts_by(cell_counts(tables, first, last, as_of), "area", tables.areas)


def report(c: dict[str, int]) -> dict[str, Any]:
    """The contract's KPI keys from one row of counts (an area's or the summed total)."""
    return {
        "stock_at_from": c["stock_at_from"],
        "stock_at_to": c["stock_at_to"],
        "stock_change_pct": rounded(100 * (c["stock_at_to"] - c["stock_at_from"]), c["stock_at_from"], 2),
        "inflow": c["inflow"],
        "outflow": {r: c[f"outflow_{r}"] for r in (*OUTFLOW_REASONS, "total")},
        "durable_outflow_work": {
            "measurable": c["measurable"],
            "durable": c["durable"],
            "pending": c["pending"],
            "rate": rounded(c["durable"], c["measurable"], 4),
        },
        "loonkostensubsidie_active_at_to": c["loonkostensubsidie_active_at_to"],
        "debt_help_started": c["debt_help_started"],
        "debt_help_started_under_27": c["debt_help_started_under_27"],
        "startkwalificatie": {
            "stock_without_sk_at_to": c["stock_without_sk_at_to"],
            "inflow_without_sk": c["inflow_without_sk"],
            "outflow_work_with_sk": c["outflow_work_with_sk"],
            "durable_rate_with_sk": rounded(c["durable_with_sk"], c["measurable_with_sk"], 4),
            "durable_rate_without_sk": rounded(c["durable_without_sk"], c["measurable_without_sk"], 4),
        },
    }


def kpis(tables: Tables, first: date, last: date, as_of: date) -> dict[str, Any]:
    """Every KPI of the contract for ``[first, last]`` as seen on ``as_of``, with ``by_area``.

    ``by_area`` holds, per area, the same keys as the top level (``period`` included) except
    ``by_area`` itself; ``by_gender`` (when ``persons`` has a gender) and ``by_age_band`` the same
    per gender present and per age band on ``last``.
    """
    if first > last:
        raise ValueError(f"the period's start {first} is after its end {last}")
    cells = cell_counts(tables, first, last, as_of)
    period = {"from": first.isoformat(), "to": last.isoformat(), "as_of": as_of.isoformat()}
    sums = cells.drop(CELL).sum().fill_null(0).row(0, named=True)
    total = {name: int(value) for name, value in sums.items()}
    result = {
        "period": period,
        **report(total),
        "by_area": _per_group(counts_by(cells, "area", tables.areas), period),
    }
    if tables.persons["gender"].is_not_null().any():
        result["by_gender"] = _per_group(counts_by(cells, "gender"), period)
    result["by_age_band"] = _per_group(counts_by(cells, "age_band"), period)
    return result


def _per_group(counts: pl.DataFrame, period: dict[str, str]) -> dict[str, Any]:
    return {row.pop("area"): {"period": period, **report(row)} for row in counts.iter_rows(named=True)}
