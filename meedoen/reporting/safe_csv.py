"""The one CSV writer of the project: every CSV it writes may be opened in a spreadsheet.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula (and tab or
carriage return can hide such a start), so a provider named ``=HYPERLINK(...)`` or an offer named
``@SUM(...)`` would run code on the computer of whoever opens a statement. OWASP's rule: such a text
cell gets a single quote in front, which the spreadsheet shows as text and does not run.

Only text is touched. Numbers (``int``, ``float``, ``Decimal``) are written as they are, and so is a
text cell that is entirely a plain decimal number (``-7,50``, ``-12.5``, ``+3``): no formula looks like
that, and a negative amount must stay a number that a spreadsheet can add up. How amounts are written
(docs/decisions.md): as a plain decimal number without a thousands separator (``-1250,00``), or in
cents as an integer; a formatted amount such as ``-1.250,00`` is text and gets the quote.

Used through ``writer``/``dict_writer`` (drop-in for ``csv.writer``/``csv.DictWriter``), ``write_frame``
for Polars frames, and ``sql_text`` where PostgreSQL writes the CSV itself (``COPY ... TO STDOUT``).
A test (tests/test_safe_csv.py) keeps every other module from writing CSV around it.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = r"[+-]?[0-9]+(?:[.,][0-9]+)?"
PLAIN_NUMBER = re.compile(NUMBER)


def neutralise(value: Any) -> Any:
    """The value as it is safe to write in a CSV cell (numbers untouched; see the module doc)."""
    if value is None or isinstance(value, int | float | Decimal):
        return value
    text = value if isinstance(value, str) else str(value)
    if text.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def neutralise_row(row: Iterable[Any]) -> list[Any]:
    return [neutralise(v) for v in row]


class SafeWriter:
    """``csv.writer`` with every cell neutralised; ``writerow`` returns what the file's write returned."""

    def __init__(self, f: Any, **fmtparams: Any) -> None:
        self._writer = csv.writer(f, **fmtparams)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow(neutralise_row(row))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


class SafeDictWriter:
    """``csv.DictWriter`` with every cell (and the header) neutralised."""

    def __init__(self, f: Any, fieldnames: Sequence[str], **kwargs: Any) -> None:
        self.fieldnames = list(fieldnames)
        self._writer = csv.DictWriter(f, fieldnames=self.fieldnames, **kwargs)

    def writeheader(self) -> Any:
        return self._writer.writerow({name: neutralise(name) for name in self.fieldnames})

    def writerow(self, row: Mapping[str, Any]) -> Any:
        return self._writer.writerow({key: neutralise(value) for key, value in row.items()})

    def writerows(self, rows: Iterable[Mapping[str, Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(f: Any, **fmtparams: Any) -> SafeWriter:
    return SafeWriter(f, **fmtparams)


def dict_writer(f: Any, fieldnames: Sequence[str], **kwargs: Any) -> SafeDictWriter:
    return SafeDictWriter(f, fieldnames, **kwargs)


def neutralise_frame(frame: Any) -> Any:
    """A Polars frame with its text columns neutralised (numeric columns stay numbers), vectorised."""
    import polars as pl

    starts = "^[=+\\-@\t\r]"
    text = [name for name, dtype in frame.schema.items() if dtype == pl.Utf8]
    return frame.with_columns(
        pl.when(pl.col(name).str.contains(starts) & ~pl.col(name).str.contains(f"^{NUMBER}$"))
        .then(pl.lit("'") + pl.col(name))
        .otherwise(pl.col(name))
        .alias(name)
        for name in text
    )


def write_frame(frame: Any, target: str | Path | IO[Any], **kwargs: Any) -> None:
    """``frame.write_csv(target)`` with the text columns neutralised."""
    neutralise_frame(frame).write_csv(target, **kwargs)


def sql_text(expression: str) -> str:
    """A PostgreSQL expression for a text column that ``COPY ... TO STDOUT (FORMAT csv)`` writes: the
    same rule as ``neutralise`` (NULL becomes the empty string)."""
    e = f"coalesce({expression}, '')"
    return (
        f"CASE WHEN left({e}, 1) IN ('=', '+', '-', '@', chr(9), chr(13)) "
        f"AND {e} !~ '^{NUMBER}$' THEN '''' || {e} ELSE {e} END"
    )
