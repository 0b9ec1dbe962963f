"""Proof that the money adds up: every budget's balance equals the sum of its ledger entries, and
every entry has the sign and link its kind demands."""

from __future__ import annotations

from django.db.models import F, Q

from meedoen.web.citypass.models import Budget, LedgerEntry
from meedoen.web.components.ledger import balance_mismatches


def problems() -> list[str]:
    """Every inconsistency, described; an empty list means the ledger and the balances agree."""
    found = balance_mismatches(Budget.objects.all(), "entries", "budget")  # shared with the funds' ledger
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
