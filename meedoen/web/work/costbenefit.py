"""Maatwerkbanen for the council: per month what they cost and the bijstand they save.

Costs are what the placement records (loonkostensubsidie and jobcoaching per month, integer cents).
The saving is the bijstand of the client's household without the job minus with the job's wage,
both computed by the rules engine through ``meedoen.web.calculation`` for that month: never an amount
written here. A household the engine cannot compute (no application on file, an unknown or
provisional result) is counted as such and never as €0. Aggregates only: no name leaves this module.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from meedoen.rules.errors import RulesError
from meedoen.rules.money import cents_of
from meedoen.web import calculation
from meedoen.web.work.models import Placement, PlacementKind


def household_of(placement: Placement) -> dict[str, Any] | None:
    """The household of the client's latest submitted application (as the job question uses it)."""
    from meedoen.web.applications.models import Submission

    submission = (
        Submission.objects.filter(resident_id=placement.client.resident_id)
        .exclude(submitted_at=None)
        .order_by("-submitted_at")
        .first()
    )
    return submission.household if submission and submission.household else None


def _bijstand(household: dict[str, Any]) -> tuple[int | None, str]:
    """The bijstand per month in cents and its status; None when the engine gives no amount."""
    out = calculation.evaluate(household)
    scheme = next((s for s in out["schemes"] if s["id"] == "bijstand"), None)
    if scheme is None or scheme.get("status") == "unknown":
        return None, "unknown"
    if not scheme["eligible"]:
        return 0, scheme.get("status", "final")
    if scheme.get("amount") is None:
        return None, "unknown"
    return cents_of(scheme["amount"]), scheme.get("status", "final")


def saving(household: dict[str, Any], month: dt.date, placement: Placement) -> tuple[int | None, str]:
    """Bijstand without the job minus bijstand with the job's wage, in cents, for ``month``."""
    without = copy.deepcopy(household)
    without["date"] = month.isoformat()
    applicant = next((p for p in without["persons"] if p.get("role") == "applicant"), None)
    if applicant is None:
        return None, "unknown"
    with_job = copy.deepcopy(without)
    person = next(p for p in with_job["persons"] if p.get("role") == "applicant")
    person["wage_gross_month"] = placement.wage_gross_month_cents / 100
    person["net_income_month"] = None
    person["toetsingsinkomen_year"] = None
    person["earnings_since"] = placement.start_date.isoformat()  # only months the placement runs
    try:
        before, status_before = _bijstand(without)
        after, status_after = _bijstand(with_job)
    except RulesError:
        return None, "unknown"
    if before is None or after is None:
        return None, "unknown"
    status = "provisional" if "provisional" in (status_before, status_after) else "final"
    return before - after, status


@dataclass
class MonthTotal:
    month: dt.date
    placements: int = 0
    wage_subsidy_cents: int = 0
    coaching_cents: int = 0
    saving_cents: int = 0
    saving_unknown: int = 0  # placements whose saving the engine could not give
    provisional: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def cost_cents(self) -> int:
        return self.wage_subsidy_cents + self.coaching_cents

    @property
    def net_cents(self) -> int:
        """Saving minus cost (negative: the maatwerkbanen cost more than the bijstand they save)."""
        return self.saving_cents - self.cost_cents


def months_back(today: dt.date, count: int) -> list[dt.date]:
    """The first day of this month and the ``count - 1`` before it, oldest first."""
    first = today.replace(day=1)
    out = []
    for _ in range(count):
        out.append(first)
        first = (first - dt.timedelta(days=1)).replace(day=1)
    return out[::-1]


def running_in(placement: Placement, month: dt.date) -> bool:
    """Whether the placement runs on the first day of ``month`` (start on or before, no end before)."""
    return placement.start_date <= month and (placement.end_date is None or placement.end_date >= month)


def totals(months: list[dt.date]) -> list[MonthTotal]:
    """Per month the sum over the maatwerkbanen running on its first day."""
    placements = list(
        Placement.objects.filter(kind=PlacementKind.MAATWERKBAAN).select_related(
            "proposal__candidate__client__resident"
        )
    )
    households = {p.pk: household_of(p) for p in placements}
    rows = []
    for month in months:
        row = MonthTotal(month)
        for p in placements:
            if not running_in(p, month):
                continue
            row.placements += 1
            row.wage_subsidy_cents += p.wage_subsidy_month_cents
            row.coaching_cents += p.coaching_month_cents
            household = households[p.pk]
            amount, status = saving(household, month, p) if household else (None, "unknown")
            if amount is None:
                row.saving_unknown += 1
            else:
                row.saving_cents += amount
                row.provisional = row.provisional or status == "provisional"
        rows.append(row)
    return rows
