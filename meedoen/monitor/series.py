"""Monthly series for a management report: stock, inflow and outflow by reason, month by month.

Built from the same definitions as the KPIs: a month's inflow is ``kpis(...)["inflow"]`` for that
month, its stock on the first day is ``stock(first day)``. Counts are per area and summed for the
municipality, as in ``kpis``.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from meedoen.monitor.definitions import (
    active_on,
    ending_in,
    outflow_by_reason,
    overlapping,
    starting_in,
    with_person,
)
from meedoen.monitor.tables import OUTFLOW_REASONS, Tables


def month_starts(first: date, last: date) -> list[date]:
    """The first day of every month from ``first``'s month to ``last``'s month."""
    months, y, m = [], first.year, first.month
    while (y, m) <= (last.year, last.month):
        months.append(date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


def _last_day(month: date) -> date:
    following = date(month.year + 1, 1, 1) if month.month == 12 else date(month.year, month.month + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def monthly_series(tables: Tables, first: date, last: date, by_area: bool = False) -> pl.DataFrame:
    """One row per month (and area with ``by_area``) from ``first``'s month to ``last``'s month.

    Columns: ``month`` (its first day), ``stock_first_day``, ``stock_last_day``, ``inflow`` (spells
    starting in the month), ``outflow_<reason>`` and ``outflow_total`` (spells ending in it).
    """
    if first > last:
        raise ValueError(f"the series' start {first} is after its end {last}")
    months = month_starts(first, last)
    end = _last_day(months[-1])
    spells = with_person(overlapping(tables.spells, months[0], end), tables.persons, "area")
    stocks = []
    for month in months:
        for column, day in (("stock_first_day", month), ("stock_last_day", _last_day(month))):
            stocks.append(
                active_on(spells, day)
                .group_by("area")
                .agg(pl.col("person_key").n_unique().alias("n"))
                .with_columns(month=pl.lit(month), column=pl.lit(column))
            )
    stock = pl.concat(stocks).pivot("column", index=["month", "area"], values="n")
    inflow = (
        starting_in(spells, months[0], end)
        .group_by(month=pl.col("start_date").dt.truncate("1mo"), area="area")
        .agg(inflow=pl.len())
    )
    outflow = (
        ending_in(spells, months[0], end)
        .group_by(month=pl.col("end_date").dt.truncate("1mo"), area="area")
        .agg(outflow_by_reason())
    )
    grid = pl.DataFrame({"month": months}).join(pl.DataFrame({"area": tables.areas}), how="cross")
    for part in (stock, inflow, outflow):
        grid = grid.join(part, on=["month", "area"], how="left", maintain_order="left")
    columns = ["stock_first_day", "stock_last_day", "inflow"]
    columns += [f"outflow_{r}" for r in (*OUTFLOW_REASONS, "total")]
    for name in columns:
        if name not in grid.columns:
            grid = grid.with_columns(pl.lit(None).alias(name))
    grid = grid.select("month", "area", *(pl.col(c).fill_null(0).cast(pl.Int64) for c in columns))
    if by_area:
        return grid.sort("month", "area")
    return grid.group_by("month").agg(pl.col(columns).sum()).sort("month")
