"""The contract's definitions, once: active on a day, in a period, back within 365 days, age.

Every view of the monitor (KPIs, monthly series, cohorts, ambition) is built from these, so a KPI in
a management report and the same figure in a series can never disagree. All dates are inclusive.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from meedoen.monitor.tables import OUTFLOW_REASONS
from meedoen.rules.periods import age_on

RETURN_WINDOW_DAYS = 365


def active_on(frame: pl.DataFrame, d: date) -> pl.DataFrame:
    """Rows (spells, instruments) with ``start_date <= d`` and no ``end_date`` or ``d <= end_date``."""
    return frame.filter(
        (pl.col("start_date") <= d) & (pl.col("end_date").is_null() | (pl.col("end_date") >= d))
    )


def overlapping(frame: pl.DataFrame, first: date, last: date) -> pl.DataFrame:
    """Rows active on at least one day of ``[first, last]``: every row a KPI of the period can count."""
    return frame.filter(
        (pl.col("start_date") <= last) & (pl.col("end_date").is_null() | (pl.col("end_date") >= first))
    )


def with_person(frame: pl.DataFrame, persons: pl.DataFrame, *columns: str) -> pl.DataFrame:
    """``frame`` with the ``columns`` of each row's person (``area``, ``startkwalificatie``, ...).

    Joined on ``person_key``; a row that finds no person is refused (see ``meedoen.monitor.keys``).
    The persons are first narrowed to those in ``frame``: one pass over them instead of a hash
    table of all of them (the period's rows are few next to a national persons table).
    """
    mine = persons.filter(pl.col("person_key").is_in(frame["person_key"].implode()))
    joined = frame.join(
        mine.select("person_key", *columns, _found=pl.lit(True)),
        on="person_key",
        how="left",
        build_side="prefer_left",
    )
    if joined["_found"].null_count():
        raise RuntimeError("a row refers to a person_id that is not in persons (a hash collision)")
    return joined.drop("_found")


def starting_in(frame: pl.DataFrame, first: date, last: date) -> pl.DataFrame:
    """Rows with ``start_date`` in ``[first, last]``."""
    return frame.filter(pl.col("start_date").is_between(first, last))


def ending_in(frame: pl.DataFrame, first: date, last: date) -> pl.DataFrame:
    """Rows with ``end_date`` in ``[first, last]`` (a running row has none)."""
    return frame.filter(pl.col("end_date").is_between(first, last))


def outflow_by_reason() -> list[pl.Expr]:
    """Aggregations of ending rows: ``outflow_<reason>`` for each reason and ``outflow_total``."""
    counts = [(pl.col("outflow_reason") == r).sum().alias(f"outflow_{r}") for r in OUTFLOW_REASONS]
    return [*counts, pl.len().alias("outflow_total")]


def days(column: str) -> pl.Expr:
    """A date column as whole days since 1970-01-01, for exact day arithmetic."""
    return pl.col(column).cast(pl.Int32)


def measurable(as_of: date) -> pl.Expr:
    """``end_date + 365 days <= as_of``: the whole year after the outflow has been seen."""
    return days("end_date") + RETURN_WINDOW_DAYS <= pl.lit(as_of).cast(pl.Int32)


def returned_within_year(exits: pl.DataFrame, spells: pl.DataFrame) -> pl.Series:
    """Per exit: does the same person have a spell with ``start_date`` in (end_date, end_date + 365]?

    ``exits`` are spells with an ``end_date``; the result has one bool per exit, in order. Only the
    spells of the persons who left are joined, so a small period stays cheap on a national table.
    """
    ex = exits.select("person_key", end=days("end_date")).with_row_index("_exit")
    later = spells.select("person_key", start=days("start_date")).filter(
        pl.col("person_key").is_in(ex["person_key"].unique().implode())
    )
    hits = (
        ex.join(later, on="person_key")
        .filter((pl.col("start") > pl.col("end")) & (pl.col("start") <= pl.col("end") + RETURN_WINDOW_DAYS))
        .get_column("_exit")
        .unique()
    )
    return ex["_exit"].is_in(hits.implode()).alias("returned")


def yyyymmdd(column: str) -> pl.Expr:
    """A date column as the integer ``yyyymmdd`` that ``meedoen.rules.periods.age_on`` works on."""
    d = pl.col(column)
    return d.dt.year().cast(pl.Int32) * 10000 + d.dt.month().cast(pl.Int32) * 100 + d.dt.day().cast(pl.Int32)


def age_at(moment: str, birth: str = "birth_date") -> pl.Expr:
    """Age in completed years on the date in column ``moment`` (the rules engine's own rule)."""
    return age_on(yyyymmdd(moment), yyyymmdd(birth))
