"""Reading one input table from CSV or Parquet, every row with the line it came from.

A report must name the line of each bad row, so every row carries ``_line``: the line in the CSV
file where its record starts (the header is line 1), or its row number in a Parquet file (first row
= 1). Polars reads the common plain CSV fast; a file where a record may span lines or a line may be
blank or ragged (quotes, empty lines, a wrong number of fields) is read with the ``csv`` module,
which knows exactly on which line each record starts.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from meedoen.monitor.tables import TableSpec


@dataclass(frozen=True)
class Problem:
    """One problem: the file, the line (CSV) or row (Parquet), the column name and what is wrong."""

    file: str
    line: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f" {'row' if self.file.endswith('.parquet') else 'line'} {self.line}"
        if self.column:
            where += f" column {self.column}"
        return f"{where}: {self.message}"


class FileProblem(Exception):
    """The file as a whole cannot be read as the table (missing, no header, missing column)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class RawTable:
    """A table as read: ``_line`` plus the spec's columns (text for CSV, as stored for Parquet).

    Rows that could not be split into the header's columns are not in ``frame``; they are in
    ``problems`` and counted in ``read``.
    """

    file: str
    frame: pl.DataFrame
    read: int
    problems: list[Problem] = field(default_factory=list)


def find_file(folder: Path, spec: TableSpec) -> Path:
    """``<name>.csv`` or ``<name>.parquet`` in ``folder``; exactly one of them must be there."""
    found = [p for p in (folder / f"{spec.name}.csv", folder / f"{spec.name}.parquet") if p.is_file()]
    if len(found) == 1:
        return found[0]
    message = (
        "both a .csv and a .parquet file; keep one"
        if found
        else f"file not found (expected {spec.name}.csv or {spec.name}.parquet in {folder})"
    )
    raise FileProblem([Problem(f"{spec.name}.csv", None, "", message)])


def read_table(folder: Path, spec: TableSpec) -> RawTable:
    """Read the table of ``spec`` from ``folder``, raising ``FileProblem`` if it cannot be read.

    A column the contract marks optional (``Column.may_be_absent``) that the file leaves out is
    added empty, so every later step sees the contract's columns."""
    path = find_file(folder, spec)
    raw = _read_parquet(path, spec) if path.suffix == ".parquet" else _read_csv(path, spec)
    absent = [name for name in spec.column_names if name not in raw.frame.columns]
    if absent:
        frame = raw.frame.with_columns(pl.lit(None, pl.String).alias(name) for name in absent)
        raw = RawTable(raw.file, frame.select("_line", *spec.column_names), raw.read, raw.problems)
    return raw


def _present(spec: TableSpec, header: list[str]) -> list[str]:
    """The contract's columns the file has (an optional column may be left out)."""
    return [c.name for c in spec.columns if c.name in header or not c.may_be_absent]


def _missing_columns(file: str, header: list[str], spec: TableSpec) -> list[Problem]:
    needed = _present(spec, header)
    problems = [Problem(file, 1, name, "missing column") for name in needed if name not in header]
    problems += [
        Problem(file, 1, name, "column appears more than once in the header")
        for name in needed
        if header.count(name) > 1
    ]
    return problems


def _read_parquet(path: Path, spec: TableSpec) -> RawTable:
    try:
        header = list(pl.read_parquet_schema(path))
    except Exception as exc:  # any reader error means: not a readable Parquet file
        raise FileProblem([Problem(path.name, None, "", f"not a readable Parquet file: {exc}")]) from None
    if problems := _missing_columns(path.name, header, spec):
        raise FileProblem(problems)
    frame = pl.read_parquet(path, columns=_present(spec, header), row_index_name="_line", row_index_offset=1)
    return RawTable(path.name, frame, frame.height)


def _read_csv(path: Path, spec: TableSpec) -> RawTable:
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    text, bad_lines = _decode(data)
    if 1 in bad_lines:
        raise FileProblem(
            [Problem(path.name, 1, "", "not UTF-8 text: the header holds bytes that are not UTF-8")]
        )
    header_end = text.find("\n")
    header_line = text if header_end < 0 else text[:header_end]
    header = next(csv.reader([header_line.rstrip("\r")]), [])
    if not header:
        raise FileProblem([Problem(path.name, 1, "", "no header row")])
    if problems := _missing_columns(path.name, header, spec):
        raise FileProblem(problems)
    if not bad_lines and b"\x00" not in data and _plain(data, len(header)):
        try:
            frame = pl.read_csv(
                io.BytesIO(data),
                infer_schema=False,
                columns=_present(spec, header),
                row_index_name="_line",
                row_index_offset=2,
            )
        except pl.exceptions.PolarsError:
            pass  # ragged after all: the exact reader below names the line
        else:
            frame = frame.select("_line", *_present(spec, header))
            return RawTable(path.name, frame, frame.height)
    return _read_csv_exact(path.name, text, header, spec, bad_lines)


def _decode(data: bytes) -> tuple[str, set[int]]:
    """The text, and the lines whose bytes are not UTF-8 (decoded with U+FFFD): a bad row is that
    row's problem, never the whole file's."""
    try:
        return data.decode("utf-8"), set()
    except UnicodeDecodeError:
        pass
    lines = data.split(b"\n")
    bad: set[int] = set()
    for number, line in enumerate(lines, start=1):
        try:
            lines[number - 1] = line.decode("utf-8")
        except UnicodeDecodeError:
            lines[number - 1] = line.decode("utf-8", "replace")
            bad.add(number)
    return "\n".join(lines), bad


def _plain(data: bytes, columns: int) -> bool:
    """One record per line and the header's number of fields on each line (checked by counting)."""
    if b'"' in data or data.count(b"\r") != data.count(b"\r\n"):
        return False
    if data.startswith(b"\n") or b"\n\n" in data or b"\n\r\n" in data:
        return False
    lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    # Polars refuses a line with too many fields, so equal totals mean every line has `columns` fields.
    return data.count(b",") == lines * (columns - 1)


def _read_csv_exact(
    file: str, text: str, header: list[str], spec: TableSpec, bad_lines: set[int] | None = None
) -> RawTable:
    """Record by record; a record the reader cannot split, with bytes that were not UTF-8 or with a
    NUL is that row's problem (skipped when lenient), the other rows are read."""
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader)
    names = _present(spec, header)
    positions = [header.index(name) for name in names]
    columns: list[list[str | None]] = [[] for _ in positions]
    lines: list[int] = []
    problems: list[Problem] = []
    read = 0
    start = reader.line_num + 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            read += 1
            problems.append(Problem(file, start, "", f"cannot read the CSV: {exc}"))
            start = reader.line_num + 1
            continue
        if record:
            read += 1
            end = reader.line_num
            if bad_lines and any(n in bad_lines for n in range(start, end + 1)):
                problems.append(
                    Problem(file, start, "", "not UTF-8 text: the row holds bytes that are not UTF-8")
                )
            elif any("\x00" in value for value in record):
                column = next((n for n, value in zip(header, record, strict=False) if "\x00" in value), "")
                problems.append(Problem(file, start, column, "holds a NUL character (byte 0)"))
            elif len(record) == len(header):
                lines.append(start)
                for values, i in zip(columns, positions, strict=True):
                    values.append(record[i] or None)
            else:
                column = header[len(record)] if len(record) < len(header) else ""
                message = f"the row has {len(record)} fields, the header {len(header)}"
                problems.append(Problem(file, start, column, message))
        start = reader.line_num + 1
    data = {"_line": pl.Series(lines, dtype=pl.UInt32)}
    data |= {name: pl.Series(values, dtype=pl.String) for name, values in zip(names, columns, strict=True)}
    return RawTable(file, pl.DataFrame(data), read, problems)
