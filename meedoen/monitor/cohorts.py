"""Cohort views: what became of the spells that started in a year (or quarter, or month).

A KPI for a period mixes people who came in long ago with newcomers; a cohort follows one intake:
how many left for work within a year of starting, and of those who left for work, how many were
back on benefit within 365 days (the contract's definition of durable outflow, per intake).
"""

from __future__ import annotations

from datetime import date

import polars as pl

from meedoen.monitor.definitions import RETURN_WINDOW_DAYS, days, measurable, returned_within_year
from meedoen.monitor.kpis import rounded
from meedoen.monitor.tables import Tables

EVERY = {"year": "1y", "quarter": "1q", "month": "1mo"}


def cohorts(tables: Tables, as_of: date, every: str = "year") -> pl.DataFrame:
    """One row per inflow cohort (spells by ``start_date``, up to ``as_of``), seen on ``as_of``.

    Columns: ``cohort`` (first day), ``inflow``; ``outflow_work`` (ended with reason ``work`` by
    ``as_of``) and ``outflow_work_within_12m`` (``end_date <= start_date + 365 days``) with its
    ``share_work_within_12m`` of the inflow; ``measurable`` work outflows (``end_date + 365 <= as_of``),
    ``returned_within_12m`` of them and ``durable_rate``; ``complete`` when every spell of the
    cohort has had 365 days to leave.
    """
    spells = tables.spells
    intake = spells.filter(pl.col("start_date") <= as_of).with_columns(
        cohort=pl.col("start_date").dt.truncate(EVERY[every])
    )
    work = intake.filter((pl.col("outflow_reason") == "work") & (pl.col("end_date") <= as_of))
    work = work.with_columns(returned_within_year(work, spells), measurable=measurable(as_of)).with_columns(
        within=days("end_date") <= days("start_date") + RETURN_WINDOW_DAYS,
        back=pl.col("measurable") & pl.col("returned"),
    )
    last_start = pl.col("cohort").dt.offset_by(EVERY[every]).cast(pl.Int32) - 1
    table = (
        intake.group_by("cohort")
        .agg(inflow=pl.len())
        .join(
            work.group_by("cohort").agg(
                outflow_work=pl.len(),
                outflow_work_within_12m=pl.col("within").sum(),
                measurable=pl.col("measurable").sum(),
                returned_within_12m=pl.col("back").sum(),
            ),
            on="cohort",
            how="left",
        )
        .fill_null(0)
        .with_columns(complete=last_start + RETURN_WINDOW_DAYS <= pl.lit(as_of).cast(pl.Int32))
        .sort("cohort")
    )
    rates = [
        (
            rounded(r["outflow_work_within_12m"], r["inflow"], 4),
            rounded(r["measurable"] - r["returned_within_12m"], r["measurable"], 4),
        )
        for r in table.iter_rows(named=True)
    ]
    return table.with_columns(
        share_work_within_12m=pl.Series([a for a, _ in rates], dtype=pl.Float64),
        durable_rate=pl.Series([b for _, b in rates], dtype=pl.Float64),
    ).select(
        "cohort",
        "inflow",
        "outflow_work",
        "outflow_work_within_12m",
        "share_work_within_12m",
        "measurable",
        "returned_within_12m",
        "durable_rate",
        "complete",
    )
