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


def quarter_start(d: int) -> int:
    """The first day of the calendar quarter of ``d``: ``20260515`` -> ``20260401``."""
    month = d // 100 % 100
    return d // 10000 * 10000 + ((month - 1) // 3 * 3 + 1) * 100 + 1


def age_before_month(d: int, birth: int | np.ndarray) -> int | np.ndarray:
    """Age in completed years on the last day of the month before the month of ``d``.

    The rules that start "met ingang van de kalendermaand na de maand waarin ... de leeftijd van N
    jaar bereikt" (kindgebonden budget, zorgtoeslag) hold in a month exactly when this age is at
    least N: a birthday on the 1st still counts from the next month. ``yyyymm00`` sorts after every
    day of the previous month and before the 1st, so no calendar is needed.

    Examples:
        >>> age_before_month(20260315, 20140228), age_before_month(20260315, 20140301)
        (12, 11)
    """
    return (d // 100 * 100 - birth) // 10000


def first_of_month(d: int | np.ndarray) -> int | np.ndarray:
    """The first day of the month of ``yyyymmdd`` dates: Awir art. 5 counts a change (a birthday)
    after that day only from the next month, so toeslagen look at the situation on this day."""
    return d // 100 * 100 + 1
