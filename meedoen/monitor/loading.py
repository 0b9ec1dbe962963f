"""Loading the monitor's four tables: all or nothing, or (lenient) each bad row skipped and named.

A municipality's export is read as a whole before anything is computed: in strict mode one problem
anywhere stops the run and nothing is loaded, so no KPI is ever computed on half a table. In lenient
mode every row with a problem is left out and reported. Either way each file's rows are counted
(read = used + skipped), so no row disappears unnoticed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from meedoen.monitor.checks import check
from meedoen.monitor.keys import person_key, sorted_hashes
from meedoen.monitor.reading import FileProblem, Problem, RawTable, read_table
from meedoen.monitor.tables import DEBT_HELP, INSTRUMENTS_SPEC, PERSONS, SPECS, SPELLS, Tables

__all__ = ["Loaded", "MonitorInputError", "Problem", "RowCount", "load"]


@dataclass(frozen=True)
class RowCount:
    """How many data rows of one file were read, used and skipped."""

    file: str
    read: int
    used: int
    skipped: int

    def __str__(self) -> str:
        return f"{self.file}: {self.read} rows read, {self.used} used, {self.skipped} skipped"


@dataclass(frozen=True)
class Loaded:
    """The checked tables, the row counts, and (lenient) the problems of the skipped rows."""

    tables: Tables
    counts: list[RowCount]
    problems: list[Problem]


class MonitorInputError(Exception):
    """The input breaks the contract; every problem is listed and nothing was loaded."""

    def __init__(self, problems: list[Problem], counts: list[RowCount]) -> None:
        self.problems, self.counts = problems, counts
        super().__init__("\n".join(str(p) for p in problems))


def _nothing_loaded(raws: dict[str, RawTable]) -> list[RowCount]:
    return [RowCount(raw.file, raw.read, 0, raw.read) for raw in raws.values()]


def load(folder: str | Path, lenient: bool = False) -> Loaded:
    """Read and check ``persons``, ``spells``, ``instruments`` and ``debt_help`` in ``folder``.

    Raises ``MonitorInputError`` when a file cannot be read as its table, and in strict mode (the
    default) when any row has a problem.
    """
    folder = Path(folder)
    raws: dict[str, RawTable] = {}
    file_problems: list[Problem] = []
    for spec in SPECS:
        try:
            raws[spec.name] = read_table(folder, spec)
        except FileProblem as exc:
            file_problems += exc.problems
    if file_problems:
        raise MonitorInputError(file_problems, _nothing_loaded(raws))

    persons = check(raws["persons"], PERSONS)
    valid = persons.frame["person_id"]
    known = sorted_hashes(valid)
    listed = raws["persons"].frame["person_id"].cast(pl.String)
    checked = {PERSONS.name: persons}
    for spec in (SPELLS, INSTRUMENTS_SPEC, DEBT_HELP):
        checked[spec.name] = check(raws[spec.name], spec, known, listed, raws["persons"].file)

    problems = [p for c in checked.values() for p in c.problems]
    if problems and not lenient:
        raise MonitorInputError(problems, _nothing_loaded(raws))
    counts = [
        RowCount(raws[name].file, raws[name].read, c.frame.height, c.skipped) for name, c in checked.items()
    ]
    key = person_key(known)
    tables = Tables(*(checked[spec.name].frame.drop("_line").with_columns(key) for spec in SPECS))
    return Loaded(tables, counts, problems)
