"""One booking on PostgreSQL in one statement (the SQL is ``booking_sql.py``): prepared once per
database connection, executed with the order's parameters, its facts judged by
:func:`~meedoen.web.citypass.booking.first_refusal` and the ledger entry built from the returned row
without reading it back."""

from __future__ import annotations

import re
from uuid import uuid4

from django.db import connection
from django.utils import timezone

from meedoen.web.citypass import booking_sql
from meedoen.web.citypass.booking import (
    BAD_TOKEN,
    REVOKED,
    TOO_LITTLE,
    BadToken,
    Facts,
    Order,
    Refused,
    RevokedToken,
    first_refusal,
)
from meedoen.web.citypass.models import LedgerEntry, Offer, Provider

MAX_CENTS = 2**31 - 1  # an offer's price is at most this (PositiveIntegerField)
RACE_RETRIES = 5  # a lost race for the earliest budget is retried; more would be a false refusal at worst


WHO = {
    "provider": """SELECT p.id AS provider_id, NULL::bigint AS till_id, NULL::timestamptz AS revoked_at,
               p.status, p.lookups_blocked_until
        FROM citypass_provider p WHERE p.id = %(provider)s""",
    "till": """SELECT p.id AS provider_id, t.id AS till_id, t.revoked_at, p.status, p.lookups_blocked_until
        FROM citypass_tilltoken t JOIN citypass_provider p ON p.id = t.provider_id
        WHERE t.token_hash = %(till)s""",
}
TYPES = {
    "provider": "bigint",
    "till": "text",
    "number": "text",
    "offer": "bigint",
    "amount": "bigint",
    "spent": "bigint",
    "today": "date",
    "year": "int",
    "mmdd": "text",
    "by": "bigint",
    "now": "timestamptz",
    "reference": "uuid",
}


def _prepared(kind: str) -> tuple[str, str, list[str]]:
    """PREPARE and EXECUTE for one kind of booking, and the parameter names in EXECUTE's order.

    Prepared once per database connection, so PostgreSQL plans the statement once instead of on every
    booking (planning it costs more than running it). Session-level prepared statements need a
    connection of our own: behind PgBouncer that means session pooling, not transaction pooling."""
    sql = booking_sql.SQL.replace("{who}", WHO[kind])
    names = list(dict.fromkeys(re.findall(r"%\((\w+)\)s", sql)))
    for i, name in enumerate(names, 1):
        sql = sql.replace(f"%({name})s", f"${i}")
    types = ", ".join(TYPES[n] for n in names)
    placeholders = ", ".join(["%s"] * len(names))
    name = f"citypass_book_{kind}"
    return f"PREPARE {name} ({types}) AS {sql}", f"EXECUTE {name} ({placeholders})", names


STATEMENTS = {kind: _prepared(kind) for kind in WHO}
ENTRY_FIELDS = [f.attname for f in LedgerEntry._meta.concrete_fields]
OFFER_FIELDS = ["id", "provider_id", "name", "price_cents"]


def _execute(kind: str, params: dict[str, object]) -> tuple | None:
    with connection.cursor() as cursor:
        raw = connection.connection
        if getattr(connection, "citypass_prepared_on", None) is not raw:  # a new database connection
            for prepare, _, _ in STATEMENTS.values():
                cursor.execute(prepare)
            connection.citypass_prepared_on = raw
        _, execute, names = STATEMENTS[kind]
        cursor.execute(execute, [params[n] for n in names])
        return cursor.fetchone()


def book_sql(order: Order) -> LedgerEntry:
    """One statement per attempt; a second only when another till took the earliest budget's money
    between this statement's snapshot and its UPDATE (the UPDATE re-checks the balance, so the race is
    lost safely, and the retry sees whether another budget still has enough)."""
    today = timezone.localdate()
    amount_cents, offer_id = order.amount_cents, order.offer_id
    # Any amount out of range is refused below (BAD_AMOUNT, after the checks before it); clamped here
    # only so the database gets a number it can compare (a till may send 10**20).
    amount_in_range = min(max(amount_cents, 0), MAX_CENTS)
    params = {
        "provider": order.provider.pk if order.provider else None,
        "till": order.till_hash,
        "number": order.number,
        "offer": offer_id,
        "amount": amount_in_range,
        "spent": -amount_in_range,
        "today": today,
        "year": today.year,
        "mmdd": f"{today:%m%d}",
        "by": order.by.pk if order.by else None,
    }
    for _ in range(RACE_RETRIES):
        params["now"], params["reference"] = timezone.now(), uuid4()
        row = _execute("provider" if order.provider else "till", params)
        if row is None:
            raise BadToken(BAD_TOKEN)
        (provider_id, till_id, revoked_at, status, blocked_until, card_id, card_active, offer_name) = row[:8]
        (price, age_fits, suitable, current, chosen, budget_id, entry_id) = row[8:]
        if revoked_at is not None:
            raise RevokedToken(REVOKED)
        refusal = first_refusal(
            Facts(
                provider_id=provider_id,
                approved=status == Provider.Status.APPROVED,
                blocked=blocked_until is not None and blocked_until > params["now"],
                pass_active=card_active,
                offer_price_cents=price,
                age_fits=age_fits,
                suitable=suitable,
                current=current,
            ),
            amount_cents,
        )
        if refusal:
            raise refusal
        if entry_id is not None:  # as loaded from the database, without loading it
            booked = {
                "id": entry_id,
                "reference": params["reference"],
                "budget_id": budget_id,
                "pass_card_id": card_id,
                "kind": LedgerEntry.Kind.REDEMPTION,
                "amount_cents": -amount_cents,
                "provider_id": provider_id,
                "offer_id": offer_id,
                "by_id": params["by"],
                "till_id": till_id,
                "at": params["now"],
            }
            values = [booked.get(name) for name in ENTRY_FIELDS]  # None: reverses, decision
            entry = LedgerEntry.from_db(connection.alias, ENTRY_FIELDS, values)
            offer = (offer_id, provider_id, offer_name, price)
            entry.offer = Offer.from_db(connection.alias, OFFER_FIELDS, offer)
            return entry
        if chosen is None:  # no current budget had enough, even before the UPDATE
            break
    raise Refused(TOO_LITTLE)
