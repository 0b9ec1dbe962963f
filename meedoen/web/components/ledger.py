"""What every budget ledger shares (the city pass's and the funds' in ``meedoen.web.ledger``).

A ledger is an account with ``balance_cents`` (integer cents, a CHECK keeps it at or above zero) and
append-only entries (``meedoen.web.components.append_only``) whose signed ``amount_cents`` sum to the
balance. The balance moves in the same transaction as the entry, by a conditional UPDATE
(``balance_cents >= amount``): on PostgreSQL that UPDATE takes the row lock and re-checks the row as
another transaction left it, so two payments at the same moment can never both spend the last euro.
Grants, reversals and the city pass's ORM bookings all move the balance through :func:`take`; only
the city pass's till booking on PostgreSQL does the same conditional UPDATE inside its one SQL
statement (``citypass/booking_sql.py``), for speed. Both ledgers' consistency checks use
:func:`balance_mismatches`.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Count, F, Sum


def take(accounts: models.QuerySet, pk: int, amount_cents: int) -> bool:
    """Add ``amount_cents`` (signed) to the balance of account ``pk`` unless that takes it below zero;
    False (and nothing changed) when it would."""
    rows = accounts.filter(pk=pk, balance_cents__gte=max(0, -amount_cents))
    return rows.update(balance_cents=F("balance_cents") + amount_cents) == 1


def balance_mismatches(accounts: models.QuerySet, entries: str, label: str) -> list[str]:
    """Every account whose ``balance_cents`` differs from the sum of its entries (reverse name
    ``entries``), described; an account with neither entries nor balance is fine."""
    sums = accounts.annotate(total=Sum(f"{entries}__amount_cents"), n=Count(entries))
    return [
        f"{label} {a.pk}: saldo {a.balance_cents} != som grootboek {a.total or 0}"
        for a in sums.exclude(balance_cents=F("total")).exclude(n=0, balance_cents=0)
    ]
