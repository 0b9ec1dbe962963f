"""Reporting periods of the bestuursrapportage: tertials, three a year.

``2023-T1`` is January-April, ``T2`` May-August, ``T3`` September-December; all dates inclusive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

PATTERN = re.compile(r"(\d{4})-T([123])")
FIRST_MONTH = {1: 1, 2: 5, 3: 9}
MONTH_WORDS = {1: "januari t/m april", 2: "mei t/m augustus", 3: "september t/m december"}


@dataclass(frozen=True, order=True)
class Period:
    """One tertial: ``year`` and ``part`` (1, 2 or 3)."""

    year: int
    part: int

    @property
    def first(self) -> date:
        return date(self.year, FIRST_MONTH[self.part], 1)

    @property
    def last(self) -> date:
        if self.part == 3:
            return date(self.year, 12, 31)
        return date.fromordinal(date(self.year, FIRST_MONTH[self.part + 1], 1).toordinal() - 1)

    @property
    def label(self) -> str:
        return f"{self.year}-T{self.part}"

    @property
    def words(self) -> str:
        """``2023-T1`` -> ``januari t/m april 2023``."""
        return f"{MONTH_WORDS[self.part]} {self.year}"

    def previous(self) -> Period:
        return Period(self.year - 1, 3) if self.part == 1 else Period(self.year, self.part - 1)

    def year_before(self) -> Period:
        return Period(self.year - 1, self.part)

    def back(self, n: int) -> list[Period]:
        """This period and the ``n - 1`` before it, oldest first."""
        periods = [self]
        while len(periods) < n:
            periods.append(periods[-1].previous())
        return periods[::-1]

    def __str__(self) -> str:
        return self.label


def parse_period(text: str) -> Period:
    """``2023-T1`` -> ``Period(2023, 1)``; anything else raises ``ValueError`` naming the format."""
    match = PATTERN.fullmatch(text.strip())
    if not match:
        raise ValueError(
            f"unknown period {text!r}: expected YEAR-T1, -T2 or -T3 "
            "(T1 = January-April, T2 = May-August, T3 = September-December), e.g. 2023-T1"
        )
    return Period(int(match[1]), int(match[2]))
