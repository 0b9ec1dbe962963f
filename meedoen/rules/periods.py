"""Dates as integers ``yyyymmdd``: exact, vectorisable age arithmetic without a calendar per row.

The age in completed years on a peildatum is ``(peildatum - birth) // 10000`` for both written as
``yyyymmdd``; comparing such integers compares dates. This is the same rule a person uses
("had my birthday this year or not") and it needs no Python loop per person.

Examples:
    >>> age_on(to_int(date(2026, 1, 1)), to_int(date(2005, 1, 1)))
    21
    >>> age_on(20251231, 20050101)
    20
"""

from __future__ import annotations

from datetime import date

import numpy as np


def to_int(d: date) -> int:
    """``date(2026, 1, 31)`` -> ``20260131``."""
    return d.year * 10000 + d.month * 100 + d.day


def from_int(i: int) -> date:
    """``20260131`` -> ``date(2026, 1, 31)``."""
    return date(i // 10000, i // 100 % 100, i % 100)


def age_on(peildatum: int | np.ndarray, birth: int | np.ndarray) -> int | np.ndarray:
    """Age in completed years on ``peildatum``, both as ``yyyymmdd``."""
    return (peildatum - birth) // 10000


def add_months(d: int | np.ndarray, months: int) -> int | np.ndarray:
    """Add whole months to ``yyyymmdd`` dates, keeping the day of the month.

    A day that does not exist in the target month (31 April) stays as written; compared as an
    integer it still falls between the 30th and the 1st of the next month, which is all the
    callers need.
    """
    year, month = d // 10000, d // 100 % 100
    total = year * 12 + (month - 1) + months
    return (total // 12) * 10000 + (total % 12 + 1) * 100 + d % 100


def first_of_month(d: int | np.ndarray) -> int | np.ndarray:
    """The first day of the month of ``yyyymmdd`` dates: Awir art. 5 counts a change (a birthday)
    after that day only from the next month, so toeslagen look at the situation on this day."""
    return d // 100 * 100 + 1
