"""The last day to object to a letter: Awb 6:7 and 6:8 with the Algemene termijnenwet.

The term (six weeks, from ``legal.yaml``) starts on the day after the letter was sent (Awb 6:8
lid 1), so it ends on the same weekday six weeks later. If that day is a Saturday, Sunday or a
holiday of Algemene termijnenwet art. 3 lid 1 (nieuwjaarsdag, tweede paas- en pinksterdag,
Hemelvaartsdag, both kerstdagen, Koningsdag and 5 mei), it runs on to the next day that is none
of these (art. 1).
"""

from __future__ import annotations

import datetime as dt

from meedoen.web.letters.letterhead import legal_facts


def easter(year: int) -> dt.date:
    """Easter Sunday (the Gregorian computation of Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_shift = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday_shift) // 451
    month, day = divmod(h + weekday_shift - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def holidays(year: int) -> set[dt.date]:
    """The generally recognised holidays of Algemene termijnenwet art. 3 lid 1 in ``year``."""
    sunday = easter(year)
    kings_day = dt.date(year, 4, 27)
    if kings_day.weekday() == 6:  # celebrated on the Saturday before when 27 April is a Sunday
        kings_day = dt.date(year, 4, 26)
    return {
        dt.date(year, 1, 1),
        sunday + dt.timedelta(days=1),  # tweede paasdag
        sunday + dt.timedelta(days=39),  # Hemelvaartsdag
        sunday + dt.timedelta(days=50),  # tweede pinksterdag
        kings_day,
        dt.date(year, 5, 5),
        dt.date(year, 12, 25),
        dt.date(year, 12, 26),
    }


def objection_deadline(sent: dt.date) -> dt.date:
    """The last day an objection to a letter sent on ``sent`` is on time."""
    day = sent + dt.timedelta(weeks=legal_facts().objection.weeks)
    while day.weekday() >= 5 or day in holidays(day.year):
        day += dt.timedelta(days=1)
    return day
