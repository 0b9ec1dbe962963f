"""The fund in the monitor: reach and outcome per quarter for policy advisers, and its trajectories as
rows of the monitor export's ``debt_help`` table (route ``referral``: the fund takes over the debts)."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Sum

from meedoen.web.casework.monitor_export import DebtHelpRow
from meedoen.web.youthfund.models import Status, Trajectory

ROUTE = "referral"


def quarter(day) -> str:
    return f"{day.year} K{(day.month - 1) // 3 + 1}"


def per_quarter(municipality: str) -> list[dict]:
    """Per quarter of application: applied, agreements made, completed, broken off, money paid."""
    rows: dict[str, dict] = {}
    for t in Trajectory.objects.filter(municipality=municipality).order_by("applied_on"):
        row = rows.setdefault(
            quarter(t.applied_on),
            {
                "quarter": quarter(t.applied_on),
                "applied": 0,
                "agreed": 0,
                "completed": 0,
                "broken_off": 0,
                "paid_cents": 0,
            },
        )
        row["applied"] += 1
        row["agreed"] += t.agreed_on is not None
        row["completed"] += t.status == Status.COMPLETED
        row["broken_off"] += t.status == Status.BROKEN_OFF
        row["paid_cents"] += -(
            t.debts.exclude(payment=None).aggregate(s=Sum("payment__amount_cents"))["s"] or 0
        )
    return list(rows.values())


def debt_help_rows() -> Iterator[DebtHelpRow]:
    """Trajectories with an agreement of a resident known by BSN (the export's key; never shown)."""
    started = (
        Trajectory.objects.exclude(agreed_on=None).exclude(resident=None).select_related("resident", "team")
    )
    for t in started.order_by("id"):
        if t.resident.bsn:
            area = t.team.name if t.team else "onbekend"
            yield DebtHelpRow(t.resident.bsn, t.birth_date, area, t.agreed_on, t.ended_on, ROUTE)
