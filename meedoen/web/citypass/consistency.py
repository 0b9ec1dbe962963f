"""Proof that the money adds up: every budget's balance equals the sum of its ledger entries, and
every entry has the sign and link its kind demands."""

from __future__ import annotations

from django.db.models import Count, F, Q, Sum

from meedoen.web.citypass.models import Budget, LedgerEntry


def problems() -> list[str]:
    """Every inconsistency, described; an empty list means the ledger and the balances agree."""
    found = []
    sums = Budget.objects.annotate(total=Sum("entries__amount_cents"), n=Count("entries"))
    for budget in sums.exclude(balance_cents=F("total")).exclude(n=0, balance_cents=0):
        found.append(f"budget {budget.pk}: saldo {budget.balance_cents} != som grootboek {budget.total or 0}")
    wrong_sign = LedgerEntry.objects.filter(
        Q(kind=LedgerEntry.Kind.REDEMPTION, amount_cents__gte=0)
        | Q(kind__in=(LedgerEntry.Kind.GRANT, LedgerEntry.Kind.REVERSAL), amount_cents__lte=0)
    )
    found += [f"boeking {e.reference}: verkeerd teken ({e.kind}, {e.amount_cents})" for e in wrong_sign]
    reversals = LedgerEntry.objects.filter(kind=LedgerEntry.Kind.REVERSAL)
    broken = reversals.filter(
        Q(reverses=None)
        | ~Q(reverses__kind=LedgerEntry.Kind.REDEMPTION)
        | ~Q(amount_cents=-F("reverses__amount_cents"))
        | ~Q(budget=F("reverses__budget"))
    )
    found += [f"terugboeking {e.reference}: past niet bij de boeking" for e in broken]
    return found
