"""Proof that the funds' money adds up: every account's balance equals the sum of its entries, and
every entry has the sign and link its kind demands (as ``citypass.consistency`` for the city pass)."""

from __future__ import annotations

from django.db.models import F, Q

from meedoen.web.components.ledger import balance_mismatches
from meedoen.web.ledger.models import Account, Entry


def problems() -> list[str]:
    """Every inconsistency, described; an empty list means the ledger and the balances agree."""
    found = balance_mismatches(Account.objects.all(), "entries", "fondsbudget")
    wrong_sign = Entry.objects.filter(
        Q(kind=Entry.Kind.PAYMENT, amount_cents__gte=0)
        | Q(kind__in=(Entry.Kind.GRANT, Entry.Kind.REVERSAL), amount_cents__lte=0)
    )
    found += [f"boeking {e.reference}: verkeerd teken ({e.kind}, {e.amount_cents})" for e in wrong_sign]
    broken = Entry.objects.filter(kind=Entry.Kind.REVERSAL).filter(
        Q(reverses=None)
        | ~Q(reverses__kind=Entry.Kind.PAYMENT)
        | ~Q(amount_cents=-F("reverses__amount_cents"))
        | ~Q(account=F("reverses__account"))
    )
    found += [f"terugboeking {e.reference}: past niet bij de betaling" for e in broken]
    return found
