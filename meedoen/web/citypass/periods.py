"""Budget periods: a calendar year, or a school year (1 August to 31 July) for school costs."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum


class Period(StrEnum):
    CALENDAR_YEAR = "calendar_year"
    SCHOOL_YEAR = "school_year"

    def around(self, day: dt.date) -> tuple[dt.date, dt.date]:
        """The first and last day of the period that holds ``day``; a budget expires after the last."""
        if self is Period.CALENDAR_YEAR:
            return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
        start_year = day.year if day.month >= 8 else day.year - 1
        return dt.date(start_year, 8, 1), dt.date(start_year + 1, 7, 31)
