"""Usage figures for the municipality: money spent per budget, per category and per district, and the
take-up (the share of budgets that were used at all), the figure the programmes want to raise.

Aggregates only: no row names a person.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, Q, Sum

from meedoen.web.citypass.budgets import Category
from meedoen.web.citypass.models import Area, Budget, LedgerEntry

SPENDING = (LedgerEntry.Kind.REDEMPTION, LedgerEntry.Kind.REVERSAL)


@dataclass(frozen=True)
class Figures:
    year: int
    per_budget: list[tuple[str, int]]
    per_category: list[tuple[str, int]]
    per_area: list[tuple[str, int]]
    budgets: int
    used: int
    granted_cents: int
    spent_cents: int

    @property
    def take_up_percent(self) -> int:
        return round(100 * self.used / self.budgets) if self.budgets else 0


def _spent_by(entries, field: str, labels: dict[str, str] | None = None) -> list[tuple[str, int]]:
    rows = entries.values(field).annotate(cents=-Sum("amount_cents")).order_by("-cents")
    return [((labels or {}).get(r[field], r[field]), r["cents"]) for r in rows if r["cents"]]


def figures(year: int) -> Figures:
    """The figures for the budgets of one year (by the start of their period)."""
    budgets = Budget.objects.filter(period_start__year=year)
    spending = LedgerEntry.objects.filter(budget__in=budgets, kind__in=SPENDING)
    with_grant = budgets.annotate(granted=Sum("entries__amount_cents", filter=Q(entries__kind="grant")))
    granted = LedgerEntry.objects.filter(budget__in=budgets, kind=LedgerEntry.Kind.GRANT).aggregate(
        t=Sum("amount_cents")
    )["t"]
    return Figures(
        year=year,
        per_budget=_spent_by(spending, "budget__label"),
        per_category=_spent_by(spending, "offer__category", dict(Category.choices)),
        per_area=_spent_by(spending, "provider__area", dict(Area.choices)),
        budgets=budgets.count(),
        used=with_grant.filter(balance_cents__lt=F("granted")).count(),
        granted_cents=granted or 0,
        spent_cents=-(spending.aggregate(t=Sum("amount_cents"))["t"] or 0),
    )


def export_rows(f: Figures) -> list[list[str]]:
    """The figures as rows for a CSV file (amounts in cents, so a spreadsheet can add them up)."""
    rows = [["onderdeel", "naam", "bedrag in centen"]]
    for part, values in (("budget", f.per_budget), ("categorie", f.per_category), ("stadsdeel", f.per_area)):
        rows += [[part, name, str(cents)] for name, cents in values]
    rows += [
        ["totaal", "toegekend", str(f.granted_cents)],
        ["totaal", "besteed", str(f.spent_cents)],
        ["gebruik", "budgetten", str(f.budgets)],
        ["gebruik", "gebruikt", str(f.used)],
        ["gebruik", "percentage", str(f.take_up_percent)],
    ]
    return rows
