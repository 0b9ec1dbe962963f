"""Booking on a fund's account: a grant, a payment (refused in Dutch when it exceeds what is left),
a reversal. Each is one entry and one balance change in one transaction (``components.ledger.take``)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from meedoen.rules.money import euro_text
from meedoen.web.components.ledger import take
from meedoen.web.ledger.models import Account, Entry


class Refused(Exception):
    """A booking that was not made; the message says why, in Dutch, naming the field."""


def _book(account: Account, kind: str, amount_cents: int, by: Any, **fields: Any) -> Entry:
    with transaction.atomic():
        if not take(Account.objects, account.pk, amount_cents):
            left = Account.objects.get(pk=account.pk).balance_cents
            raise Refused(
                f"Het bedrag van {euro_text(-amount_cents)} is meer dan er nog in het budget zit "
                f"({euro_text(left)}). Er is niets betaald."
            )
        entry = Entry.objects.create(account=account, kind=kind, amount_cents=amount_cents, by=by, **fields)
    account.refresh_from_db(fields=["balance_cents"])
    return entry


def grant(account: Account, amount_cents: int, by: Any = None, description: str = "") -> Entry:
    if amount_cents <= 0:
        raise Refused("Bedrag: vul een budget in dat groter is dan € 0.")
    return _book(account, Entry.Kind.GRANT, amount_cents, by, description=description)


def pay(account: Account, amount_cents: int, payee: str, by: Any = None, description: str = "") -> Entry:
    """Pay ``amount_cents`` to ``payee`` out of ``account``; refused when the budget left is smaller."""
    if amount_cents <= 0:
        raise Refused("Bedrag: vul een bedrag in dat groter is dan € 0.")
    if not payee.strip():
        raise Refused("Aan wie: vul in aan wie het geld gaat.")
    return _book(account, Entry.Kind.PAYMENT, -amount_cents, by, payee=payee, description=description)


def reverse(entry: Entry, by: Any = None) -> Entry:
    if entry.kind != Entry.Kind.PAYMENT or Entry.objects.filter(reverses=entry).exists():
        raise Refused("Deze betaling kan niet (nog eens) worden teruggeboekt.")
    return _book(
        entry.account, Entry.Kind.REVERSAL, -entry.amount_cents, by, reverses=entry, payee=entry.payee
    )
