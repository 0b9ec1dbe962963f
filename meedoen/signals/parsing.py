"""Reading a signals CSV: every row becomes a :class:`SignalRow` or a list of :class:`RowError`.

Rule 1 of the contract (rejected rows) lives here: a row is rejected with every problem found in
it, each naming its line (the header is line 1), field and reason, so the sender can fix the file
in one go. A bad row never costs the delivery: bytes that are not UTF-8, a NUL character or a
record the CSV reader cannot split reject that row only, the rest is stored. Problems with the
file itself (a header that is not UTF-8 or lacks a required column) raise :class:`FileProblem`:
then nothing of the file is used.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass

import polars as pl

from meedoen.bsn import bsn_is_valid  # noqa: F401 (re-exported)
from meedoen.signals.row_checks import _validate
from meedoen.signals.rows import (  # noqa: F401 (the names importers know from here)
    COLUMNS,
    FIELDS,
    NUL,
    OPTIONAL_COLUMNS,
    REPLACEMENT,
    REQUIRED_COLUMNS,
    SURROGATE,
    FileProblem,
    RowError,
    SignalRow,
    parse_amount,
)


@dataclass
class Parsed:
    """Every record of a file: the valid rows (``frame``, columns as :class:`SignalRow`'s fields, in
    file order) and the problems of the rejected ones."""

    frame: pl.DataFrame
    rejected: int
    errors: list[RowError]

    @property
    def total(self) -> int:
        return self.frame.height + self.rejected

    @property
    def rows(self) -> list[SignalRow]:
        return [SignalRow(**row) for row in self.frame.iter_rows(named=True)]


def _header(record: list[str]) -> dict[str, int]:
    names = [name.strip().casefold() for name in record]
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    if missing:
        raise FileProblem([RowError(1, c, "required column missing from the header") for c in missing])
    return {name: names.index(name) for name in COLUMNS if name in names}


def _frame(
    columns: dict[str, int], values: list[pl.Series], lines: pl.Series, bad_text: set[int] | None = None
) -> pl.DataFrame:
    """The raw frame the checks read: every contract column as text (absent ones empty), ``line``, and
    ``_bad_text`` on the rows whose bytes were not UTF-8 (only when there are such rows)."""
    frame = pl.DataFrame(
        {name: values[i].alias(name).cast(pl.String) for name, i in columns.items()} | {"line": lines}
    ).with_columns(pl.lit("").alias(name) for name in COLUMNS if name not in columns)
    if bad_text:
        flagged = pl.Series(sorted(bad_text), dtype=pl.Int64)
        frame = frame.with_columns(pl.col("line").is_in(flagged.implode()).alias("_bad_text"))
    return frame


def _finish(raw: pl.DataFrame, malformed: list[RowError], today: dt.date, nul: bool | None = None) -> Parsed:
    valid, problems = _validate(raw, today, nul)
    errors = malformed + [RowError(*row) for row in problems.select("line", "field", "message").iter_rows()]
    errors.sort(key=lambda e: e.line)  # stable: each row's problems stay in check order
    return Parsed(valid, len(malformed) + raw.height - valid.height, errors)


def _valid_text(record: list[str]) -> list[str] | None:
    """``None`` when every value is text PostgreSQL can store (no lone surrogate, as a JSON body may
    carry), else the record with such characters as U+FFFD (the row is then rejected)."""
    try:
        "".join(record).encode("utf-8")
    except UnicodeEncodeError:
        return [SURROGATE.sub(REPLACEMENT, value) for value in record]
    return None


def parse_records(
    records: Iterable[list[str]], today: dt.date, bad_lines: set[int] | frozenset[int] = frozenset()
) -> Parsed:
    """Check every record after the header; ``records`` as :func:`csv.reader` yields them (a record
    the reader cannot split is rejected on its own). ``bad_lines``: the physical lines whose bytes
    were not UTF-8; a record touching one is rejected."""
    reader = iter(records)
    counted = hasattr(records, "line_num")
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise FileProblem([RowError(1, "", f"the header row is not readable as CSV: {exc}")]) from None
    if header is None:
        raise FileProblem([RowError(1, "", "the file is empty: a header row is needed")])
    if 1 in bad_lines or _valid_text(header) is not None:
        raise FileProblem([RowError(1, "", "the header row is not UTF-8 text")])
    columns = _header(header)
    width = len(header)
    lines: list[int] = []
    kept: list[list[str]] = []
    malformed: list[RowError] = []
    flagged: set[int] = set()
    line = 1
    while True:
        first = line + 1  # the record's first physical line (CSV) or its position (other records)
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            line = records.line_num if counted else line + 1  # type: ignore[attr-defined]
            malformed.append(RowError(line, "", f"not readable as CSV: {exc}"))
            continue
        line = records.line_num if counted else line + 1  # type: ignore[attr-defined]
        if len(record) == width:
            replaced = _valid_text(record)
            if replaced is not None:
                record = replaced
                flagged.add(line)
            elif bad_lines and any(n in bad_lines for n in range(first, line + 1)):
                flagged.add(line)
            lines.append(line)
            kept.append(record)
        elif any(record):  # a blank line is not a row
            malformed.append(RowError(line, "", f"expected {width} fields, found {len(record)}"))
    values = list(zip(*kept, strict=True)) if kept else [[] for _ in range(width)]
    series = [pl.Series(v, dtype=pl.String) for v in values]
    raw = _frame(columns, series, pl.Series(lines, dtype=pl.Int64), flagged)
    return _finish(raw, malformed, today)


def _parse_plain(text: str, today: dt.date, bad_lines: set[int]) -> Parsed:
    """A file without quote characters: every line is a record and every comma a separator, so the
    lines are split column-wise (a million rows in about a second)."""
    lines = (
        pl.DataFrame({"raw": [text]})
        .select(pl.col("raw").str.split("\n").explode())
        .with_row_index("line", offset=1)
        .with_columns(pl.col("raw").str.strip_suffix("\r"), pl.col("line").cast(pl.Int64))
    )
    header_text = lines["raw"][0] if lines.height else ""
    if not header_text.strip():
        raise FileProblem([RowError(1, "", "the file is empty: a header row is needed")])
    if 1 in bad_lines:
        raise FileProblem([RowError(1, "", "the header row is not UTF-8 text")])
    header = header_text.split(",")
    columns = _header(header)
    body = (
        lines.slice(1)
        .filter(pl.col("raw") != "")
        .with_columns(fields=pl.col("raw").str.count_matches(",", literal=True) + 1)
    )
    wrong = body.filter(pl.col("fields") != len(header))
    malformed = [
        RowError(line, "", f"expected {len(header)} fields, found {n}")
        for line, n in wrong.select("line", "fields").iter_rows()
    ]
    good = body.filter(pl.col("fields") == len(header))
    split = good.select(pl.col("raw").str.split_exact(",", len(header) - 1)).unnest("raw")
    raw = _frame(columns, split.get_columns(), good["line"], bad_lines)
    return _finish(raw, malformed, today, NUL in text)  # one scan of the text, not one per column


def parse_text(text: str, today: dt.date, bad_lines: set[int] | None = None) -> Parsed:
    """Parse CSV text: column-wise when it has no quotes, else record by record."""
    if '"' not in text:
        return _parse_plain(text, today, bad_lines or set())
    return parse_records(csv.reader(io.StringIO(text, newline="")), today, bad_lines or frozenset())


def decode(data: bytes) -> tuple[str, set[int]]:
    """UTF-8 text (a byte-order mark allowed) and the lines (header = 1) whose bytes are not UTF-8:
    those are decoded with U+FFFD in place of the bad bytes and their rows rejected, not the file."""
    try:
        return data.decode("utf-8-sig"), set()
    except UnicodeDecodeError:
        pass
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    parts = data.split(b"\n")
    bad: set[int] = set()
    for number, part in enumerate(parts, start=1):
        try:
            parts[number - 1] = part.decode("utf-8")
        except UnicodeDecodeError:
            parts[number - 1] = part.decode("utf-8", "replace")
            bad.add(number)
    return "\n".join(parts), bad


def parse_bytes(data: bytes, today: dt.date) -> Parsed:
    """Parse an uploaded or read file (UTF-8, a byte-order mark allowed)."""
    text, bad_lines = decode(data)
    return parse_text(text, today, bad_lines)


def read_file(path: str, today: dt.date) -> Parsed:
    """Parse a CSV file from disk."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise FileProblem([RowError(0, "", f"file not found: {path}")]) from None
    except IsADirectoryError:
        raise FileProblem([RowError(0, "", f"not a file: {path}")]) from None
    return parse_bytes(data, today)
