"""The row checks of the monitor contract: every value typed, every broken rule one ``Problem``.

Each check is a boolean Polars expression over the whole table, so a clean table of millions of rows
costs a few vectorised passes; messages are only written for the rows that fail. A row may break
several rules: each is reported, and the row is skipped once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl
import polars.selectors as cs

from meedoen.monitor.keys import contained, first_occurrence, sorted_hashes
from meedoen.monitor.reading import Problem, RawTable
from meedoen.monitor.tables import Column, TableSpec

ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"


@dataclass(frozen=True)
class Check:
    """A rule: rows where ``fails`` is true get ``message(row)`` against ``column``."""

    column: str
    fails: pl.Expr
    message: Callable[[dict], str]


@dataclass(frozen=True)
class Checked:
    """The typed rows that pass every check, the problems, and how many rows had one."""

    frame: pl.DataFrame
    problems: list[Problem]
    skipped: int


def _text(name: str, dtype: pl.DataType) -> pl.Expr:
    col = pl.col(name) if dtype == pl.String else pl.col(name).cast(pl.String)
    return pl.when(col != "").then(col)


def _stored_typed(column: Column, dtype: pl.DataType) -> bool:
    """Parquet may already hold the type: then there is nothing to read and nothing can fail."""
    return (column.kind, dtype) in (("date", pl.Date), ("bool", pl.Boolean))


def _raw(column: Column, frame: pl.DataFrame) -> pl.Expr:
    """The value as stored, empty text as null (a column without empty text is used as it is)."""
    dtype = frame.schema[column.name]
    if _stored_typed(column, dtype) or (dtype == pl.String and not (frame[column.name] == "").any()):
        return pl.col(column.name)
    return _text(column.name, dtype)


def _typed(column: Column, dtype: pl.DataType) -> pl.Expr:
    """The column as its type; a value that cannot be read becomes null (and fails a check)."""
    raw = pl.col(f"_raw_{column.name}")
    if _stored_typed(column, dtype):
        return raw
    if column.kind == "date":
        if isinstance(dtype, pl.Datetime):
            return pl.col(column.name).dt.date()
        return pl.when(raw.str.contains(ISO_DATE)).then(raw.str.to_date("%Y-%m-%d", strict=False))
    if column.kind == "bool":
        return pl.when(raw == "true").then(True).when(raw == "false").then(False)
    return raw


def _value_checks(column: Column, dtype: pl.DataType) -> list[Check]:
    name = column.name
    raw = f"_raw_{name}"
    checks = []
    if column.required:
        checks.append(Check(name, pl.col(raw).is_null(), lambda r: "missing value (required)"))
    if column.kind == "date":
        checks.append(
            Check(
                name,
                pl.col(raw).is_not_null() & pl.col(name).is_null(),
                lambda r, raw=raw: f"not a date {r[raw]!r} (expected YYYY-MM-DD)",
            )
        )
    elif column.kind == "choice":
        choices = ", ".join(column.choices)
        checks.append(
            Check(
                name,
                pl.col(raw).is_not_null() & ~pl.col(raw).is_in(list(column.choices)),
                lambda r, raw=raw, name=name, choices=choices: (
                    f"unknown {name} {r[raw]!r} (expected one of {choices})"
                ),
            )
        )
    elif column.kind == "bool":
        checks.append(
            Check(
                name,
                pl.col(raw).is_not_null() & pl.col(name).is_null(),
                lambda r, raw=raw, name=name: (
                    f"unknown {name} value {r[raw]!r} (expected true, false or empty)"
                ),
            )
        )
    return checks


def _rule_checks(spec: TableSpec) -> list[Check]:
    checks = []
    if spec.key:
        key = spec.key
        checks.append(
            Check(
                key,
                pl.col(key).is_not_null() & ~pl.col("_first_seen"),
                lambda r, key=key: f"duplicate {key} {r[key]!r} (first on {r['_unit']} {r['_first']})",
            )
        )
    if spec.dated:
        checks.append(
            Check(
                "end_date",
                pl.col("end_date") < pl.col("start_date"),
                lambda r: f"end_date {r['end_date']} is before start_date {r['start_date']}",
            )
        )
    if spec.refers_to_person:
        checks.append(
            Check(
                "person_id",
                pl.col("person_id").is_not_null() & ~pl.col("_known"),
                lambda r: f"unknown person_id {r['person_id']!r}{r['_why']}",
            )
        )
    if spec.name == "spells":
        checks.append(
            Check(
                "outflow_reason",
                pl.col("_raw_end_date").is_null() & pl.col("_raw_outflow_reason").is_not_null(),
                lambda r: f"running spell (no end_date) has outflow_reason {r['_raw_outflow_reason']!r}",
            )
        )
        checks.append(
            Check(
                "outflow_reason",
                pl.col("_raw_end_date").is_not_null() & pl.col("_raw_outflow_reason").is_null(),
                lambda r: f"ended spell (end_date {r['_raw_end_date']}) has no outflow_reason",
            )
        )
    return checks


def check(
    raw: RawTable,
    spec: TableSpec,
    persons: pl.Series | None = None,
    listed_persons: pl.Series | None = None,
    persons_file: str = "persons.csv",
) -> Checked:
    """Type ``raw`` by ``spec`` and check every row.

    ``persons`` are the sorted hashes of the valid rows' ``person_id`` (``keys.sorted_hashes``);
    ``listed_persons`` all ``person_id`` values in ``persons_file``, to say whether an unknown one is
    absent there or its own row has a problem.
    """
    frame = raw.frame
    schema = frame.schema
    frame = frame.with_columns(
        *(_raw(c, frame).alias(f"_raw_{c.name}") for c in spec.columns),
    ).with_columns(*(_typed(c, schema[c.name]).alias(c.name) for c in spec.columns))
    if spec.key:
        frame = frame.with_columns(first_occurrence(frame[spec.key]).alias("_first_seen"))
    if spec.refers_to_person:
        known = persons if persons is not None else pl.Series([], dtype=pl.UInt64)
        frame = frame.with_columns(contained(frame["person_id"], known).alias("_known"))
    checks = [check for c in spec.columns for check in _value_checks(c, schema[c.name])]
    checks += _rule_checks(spec)
    fails = frame.select(*(c.fails.fill_null(False).alias(f"_fail{i}") for i, c in enumerate(checks)))
    bad = fails.select(pl.any_horizontal(pl.all()).alias("_bad")).to_series()
    problems = list(raw.problems)
    if bad.any():
        problems += _problems(raw.file, frame, fails, bad, checks, spec, listed_persons, persons_file)
    kept = frame.filter(~bad).drop(cs.starts_with("_raw_", "_first_seen", "_known"))
    problems.sort(key=lambda p: (p.line or 0, _order(spec, p.column)))
    return Checked(kept, problems, int(bad.sum()) + len(raw.problems))


def _order(spec: TableSpec, column: str) -> int:
    return spec.column_names.index(column) if column in spec.column_names else -1


def _problems(
    file: str,
    frame: pl.DataFrame,
    fails: pl.DataFrame,
    bad: pl.Series,
    checks: list[Check],
    spec: TableSpec,
    listed_persons: pl.Series | None,
    persons_file: str,
) -> list[Problem]:
    """Messages for the failing rows only (the lookups they need run on those rows alone)."""
    rows = frame.with_columns(fails).filter(bad)
    if spec.key:
        key = spec.key
        repeated = rows.filter(pl.col(key).is_not_null() & ~pl.col("_first_seen"))[key].unique()
        firsts = (
            frame.filter(pl.col(key).is_in(repeated.implode()))
            .group_by(key)
            .agg(_first=pl.col("_line").min())
        )
        rows = rows.join(firsts, on=key, how="left").with_columns(
            _unit=pl.lit("row" if file.endswith(".parquet") else "line")
        )
    if spec.refers_to_person:
        listed = listed_persons if listed_persons is not None else pl.Series([], dtype=pl.String)
        rows = rows.with_columns(
            _why=pl.when(contained(rows["person_id"], sorted_hashes(listed)))
            .then(pl.lit(f" (its row in {persons_file} has a problem)"))
            .otherwise(pl.lit(f" (not in {persons_file})"))
        )
    problems = []
    for i, c in enumerate(checks):
        for row in rows.filter(pl.col(f"_fail{i}")).iter_rows(named=True):
            problems.append(Problem(file, row["_line"], c.column, c.message(row)))
    return problems
