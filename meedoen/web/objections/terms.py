"""The terms of an objection, as the law counts them (pure date arithmetic, no Django).

- Objection term: six weeks (Awb 6:7), starting on the day after the decision was sent (Awb 6:8 lid 1,
  3:41: a decision addressed to the resident is made known by sending it).
- A term that ends on a Saturday, Sunday or general holiday runs on to the next day that is none of
  these (Algemene termijnenwet art. 1 lid 1 and art. 3).
- Decision term on the objection: six weeks from the day after the objection term ended (Awb 7:10 lid
  1, no advisory committee), once extendable by six weeks with a reason (Awb 7:10 lid 3).
"""

from __future__ import annotations

import datetime as dt

OBJECTION_WEEKS = 6  # Awb 6:7
DECISION_WEEKS = 6  # Awb 7:10 lid 1 (without an advisory committee as in art. 7:13)
EXTENSION_WEEKS = 6  # Awb 7:10 lid 3
APPEAL_WEEKS = 6  # Awb 6:7: the same term for a beroepschrift

AWB = "https://wetten.overheid.nl/BWBR0005537"
ATW = "https://wetten.overheid.nl/BWBR0002448"


def easter(year: int) -> dt.date:
    """Easter Sunday (Gregorian calendar; the anonymous algorithm of Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def kings_day(year: int) -> dt.date:
    """27 April; 26 April when the 27th is a Sunday (Wet van 25 april 2013, Stb. 2013, 142)."""
    day = dt.date(year, 4, 27)
    return day - dt.timedelta(days=1) if day.weekday() == 6 else day


def general_holidays(year: int) -> set[dt.date]:
    """The general holidays of Algemene termijnenwet art. 3 lid 1: New Year's Day, Easter and
    Whit Monday, Ascension Day, both Christmas days, the King's birthday and 5 May."""
    sunday = easter(year)
    return {
        dt.date(year, 1, 1),
        sunday + dt.timedelta(days=1),  # tweede paasdag
        sunday + dt.timedelta(days=39),  # hemelvaartsdag
        sunday + dt.timedelta(days=50),  # tweede pinksterdag
        kings_day(year),
        dt.date(year, 5, 5),
        dt.date(year, 12, 25),
        dt.date(year, 12, 26),
    }


def term_end(last_day: dt.date) -> dt.date:
    """The last day of a term, moved on past a Saturday, Sunday or general holiday (Atw art. 1)."""
    while last_day.weekday() >= 5 or last_day in general_holidays(last_day.year):
        last_day += dt.timedelta(days=1)
    return last_day


def weeks_after(day: dt.date, weeks: int) -> dt.date:
    """The last day of a term of ``weeks`` that starts on the day after ``day``."""
    return day + dt.timedelta(weeks=weeks)


def objection_term_end(sent_on: dt.date) -> dt.date:
    """The last day on which an objection to a decision sent on ``sent_on`` is on time."""
    return term_end(weeks_after(sent_on, OBJECTION_WEEKS))


def decision_due(objection_term_ended: dt.date, received_on: dt.date) -> dt.date:
    """The day by which the objection must be decided (Awb 7:10 lid 1).

    The law counts from the end of the objection term. A late objection arrives after that; its
    term is counted from the day of receipt instead, so the jurist has the same six weeks.
    """
    return term_end(weeks_after(max(objection_term_ended, received_on), DECISION_WEEKS))


def extended(due: dt.date) -> dt.date:
    """The due date after the one extension Awb 7:10 lid 3 allows."""
    return term_end(weeks_after(due, EXTENSION_WEEKS))
