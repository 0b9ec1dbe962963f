"""The terms of an application as the law runs them: melding, search period, decision term, start date.

Every number comes from ``nl.participatiewet.procedure`` (Participatiewet art. 41 and 44, Awb 4:13),
read on the date the law ties it to: the search period and the retroactive start on the melding date,
the decision term on the day the application is received. This module only does date arithmetic; it
never decides anything, it says from when a person may.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

from meedoen.rules.parameters import default_parameters

PARAMETERS = "nl.participatiewet.procedure"
ALGEMENE_BIJSTAND = "bijstand"
# Schemes a consultant always decides, whatever the automation policy says: algemene bijstand rests on
# facts (household, means, the search period's conduct) that only a person can establish.
CONSULTANT_ONLY = frozenset({ALGEMENE_BIJSTAND})


def law(name: str, on: dt.date) -> Any:
    """The value of one procedure parameter in force on ``on``."""
    return default_parameters()[f"{PARAMETERS}.{name}"].at(on)


def age_on(birth: dt.date, on: dt.date) -> int:
    """Age in whole years: a person is 27 from their 27th birthday on."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months forward or back; the day is clamped to the month's end (31 May - 3 = 28 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def _adults(household: dict[str, Any]) -> list[dt.date]:
    persons = household.get("persons") or []
    return [
        dt.date.fromisoformat(p["birth_date"])
        for p in persons
        if p.get("role") in ("applicant", "partner") and p.get("birth_date")
    ]


def search_period_applies(household: dict[str, Any], melding: dt.date) -> bool:
    """Art. 41 lid 4: only where the applicant (and the partner, if any) are under the age on the
    melding date. Without a known birth date the period does not apply: a consultant looks anyway."""
    births = _adults(household)
    limit = law("zoektermijn_leeftijd", melding)
    return bool(births) and all(age_on(b, melding) < limit for b in births)


@dataclass(frozen=True)
class Terms:
    """The dates of one application. ``search_end`` is the first day after the search period (the day
    the application may be taken up), ``due`` the last day of the decision term."""

    melding: dt.date
    received: dt.date
    search_applies: bool
    search_lifted: bool
    search_end: dt.date | None
    term_start: dt.date
    due: dt.date
    earliest_start: dt.date
    search_weeks: int
    age_limit: int
    term_weeks: int
    retro_months: int

    @property
    def waiting(self) -> bool:
        """Whether the search period still holds the application (it applies and is not lifted)."""
        return self.search_applies and not self.search_lifted

    @property
    def search_last_day(self) -> dt.date | None:
        return self.search_end - dt.timedelta(days=1) if self.search_end else None

    def may_decide(self, today: dt.date) -> bool:
        return not self.waiting or today >= self.search_end

    def overdue(self, today: dt.date) -> bool:
        return today > self.due


def decision_due(received: dt.date, term_start: dt.date | None = None) -> dt.date:
    """Awb 4:13 lid 2: the last day of the decision term, counted from receipt of the application."""
    start = term_start or received
    return start + dt.timedelta(weeks=law("beslistermijn_weken", received))


def terms(
    household: dict[str, Any],
    melding: dt.date,
    received: dt.date,
    *,
    search_applies: bool | None = None,
    search_lifted: bool = False,
) -> Terms:
    """All dates of an application for algemene bijstand."""
    applies = search_period_applies(household, melding) if search_applies is None else search_applies
    weeks = law("zoektermijn_weken", melding)
    search_end = melding + dt.timedelta(weeks=weeks) if applies else None
    # art. 41 lid 4: the aanvraag is not filed before the search period ends, so the term starts then
    term_start = max(received, search_end) if applies and not search_lifted else received
    months = law("terugwerkende_kracht_maanden", melding)
    return Terms(
        melding=melding,
        received=received,
        search_applies=applies,
        search_lifted=search_lifted,
        search_end=search_end,
        term_start=term_start,
        due=decision_due(received, term_start),
        earliest_start=add_months(melding, -months),
        search_weeks=weeks,
        age_limit=law("zoektermijn_leeftijd", melding),
        term_weeks=law("beslistermijn_weken", received),
        retro_months=months,
    )


MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")  # fmt: skip


def nl_date(day: dt.date) -> str:
    """A date as a resident reads it: 29 juni 2026."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def refusal_to_decide(t: Terms, today: dt.date) -> str | None:
    """Why a consultant cannot decide today (the search period still runs), in Dutch; None if they can."""
    if t.may_decide(today):
        return None
    return (
        f"U kunt nog niet beslissen. De zoektijd van {t.search_weeks} weken loopt tot en met "
        f"{nl_date(t.search_last_day)} (Participatiewet art. 41 lid 4). Beslissen kan vanaf "
        f"{nl_date(t.search_end)}. Eerder beslissen kan alleen als u de zoektijd opheft, met een reden."
    )


def start_refusal(t: Terms, start: dt.date) -> str | None:
    """Why a start date is not allowed (earlier than the law lets bijstand begin), or None."""
    if start >= t.earliest_start:
        return None
    if t.retro_months:
        return (
            f"De bijstand kan niet eerder ingaan dan {nl_date(t.earliest_start)}: ten hoogste "
            f"{t.retro_months} maanden voor de melding van {nl_date(t.melding)} "
            "(Participatiewet art. 44 lid 5)."
        )
    melding = nl_date(t.melding)
    return f"De bijstand kan niet ingaan voor de melding van {melding} (Participatiewet art. 44 lid 1)."


def decide_refusal(application: Any, today: dt.date) -> str | None:
    """Why nobody may decide this application today, or None. Only algemene bijstand in a search
    period that still runs is held; every other application may be decided."""
    record = getattr(application, "procedure", None) if application.scheme_id == ALGEMENE_BIJSTAND else None
    return refusal_to_decide(record.terms(), today) if record is not None else None
