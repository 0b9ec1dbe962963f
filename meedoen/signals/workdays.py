"""Working days (Monday to Friday) for the statutory first-contact term in a threatening situation."""

from __future__ import annotations

import datetime as dt

FIRST_CONTACT_DAYS = 28  # Wgs art. 4: a first conversation within 4 weeks
CRISIS_WORKING_DAYS = 3  # Wgs art. 4: within 3 working days when eviction or cut-off threatens


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date ``days`` working days after ``start`` (a signal on Friday + 3 = Wednesday)."""
    current = start
    left = days
    while left > 0:
        current += dt.timedelta(days=1)
        if current.weekday() < 5:
            left -= 1
    return current


def first_contact_deadline(first_signal: dt.date, crisis: bool) -> dt.date:
    """The case's deadline: its earliest picked-up signal + 28 days, or + 3 working days in a crisis."""
    if crisis:
        return add_working_days(first_signal, CRISIS_WORKING_DAYS)
    return first_signal + dt.timedelta(days=FIRST_CONTACT_DAYS)
