"""What a provider may do with a pass: check it, book an amount for one of its own offers, and reverse
a booking within 14 days.

A provider learns only whether a pass is valid and which of its offers fit what is left; never the
holder's name, income or household. Every refusal says why in plain Dutch and books nothing.
Overspending is impossible also when two tills book on the same pass at once: the balance is taken
with a conditional UPDATE (``balance >= amount``), which the database applies one at a time per row.

Booking is one function for the provider's web page and for its tills (``book`` and
``book_at_till``). On PostgreSQL it is one SQL statement (``booking_sql.py``): the checks, the
conditional UPDATE and the ledger INSERT in one round trip and one transaction, which is what makes
a few hundred bookings per second possible on two cores (``booking_postgres.py``). Elsewhere
(SQLite) the same facts are read with the ORM and the money taken by the ledger's ``take``, as every
fund does (``meedoen.web.components.ledger``); either way ``booking.first_refusal`` decides, so both
give the same answer in the same order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING
from uuid import UUID

from django.db import IntegrityError, connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from meedoen.web.api.tokens import token_hash
from meedoen.web.citypass.booking import (  # noqa: F401  (the refusals callers know from here)
    ALREADY,
    BAD_AMOUNT,
    BAD_TOKEN,
    BLOCKED,
    EXPIRED,
    NO_BUDGET,
    NOT_APPROVED,
    NOT_FOUND,
    NOT_OURS,
    REVOKED,
    TOO_LATE,
    TOO_LITTLE,
    UNKNOWN,
    WRONG_AGE,
    BadToken,
    Facts,
    Order,
    Refused,
    RevokedToken,
    Throttled,
    UnknownPass,
    first_refusal,
)
from meedoen.web.citypass.booking_postgres import MAX_CENTS, book_sql  # noqa: F401
from meedoen.web.citypass.models import REVERSAL_DAYS, Budget, LedgerEntry, Offer, Pass, Provider, TillToken
from meedoen.web.citypass.numbers import is_well_formed, normalise
from meedoen.web.citypass.throttling import lookups_blocked
from meedoen.web.components.ledger import take

if TYPE_CHECKING:
    from meedoen.web.accounts.models import User


def find_pass(provider: Provider, number: str) -> Pass:
    """The active pass with this number, or a refusal (unknown, blocked, or provider not approved)."""
    if not provider.is_approved:
        raise Refused(NOT_APPROVED)
    number = normalise(number)
    card = Pass.objects.filter(number=number).first() if is_well_formed(number) else None
    if card is None:
        raise UnknownPass(UNKNOWN, provider.pk)
    if not card.is_active:
        raise Refused(BLOCKED)
    return card


def current_budgets(card: Pass, day: dt.date) -> list[Budget]:
    return list(card.budgets.filter(period_start__lte=day, period_end__gte=day))


def _fits(offer: Offer, budgets: list[Budget], age: int) -> bool:
    return offer.fits_age(age) and any(
        offer.category in b.categories and b.balance_cents >= offer.price_cents for b in budgets
    )


@dataclass(frozen=True)
class PassCheck:
    card: Pass
    offers: list[Offer]  # the provider's offers this pass can pay for now


def check(provider: Provider, number: str) -> PassCheck:
    card = find_pass(provider, number)
    today = timezone.localdate()
    budgets, age = current_budgets(card, today), card.age_on(today)
    offers = [o for o in provider.offers.filter(active=True) if _fits(o, budgets, age)]
    return PassCheck(card, offers)


def book(
    provider: Provider, number: str, offer_id: int, amount_cents: int, by: User | None = None
) -> LedgerEntry:
    """Spend ``amount_cents`` of the pass on one of the provider's offers, or refuse and book nothing.

    The budget that ends first is spent first, so money does not expire while other money is used.
    """
    return _book(Order(provider, None, number, offer_id, amount_cents, by))


def book_at_till(token: str, number: str, offer_id: int, amount_cents: int) -> LedgerEntry:
    """``book`` for a provider's till, known by its bearer token (also refused: unknown or revoked)."""
    return _book(Order(None, token_hash(token), number, offer_id, amount_cents))


def _book(order: Order) -> LedgerEntry:
    number = normalise(order.number)
    # A typo the check digit caught: no pass has it, so it is refused as unknown (and counted).
    order = replace(order, number=number if is_well_formed(number) else "")
    return (book_sql if connection.vendor == "postgresql" else _book_orm)(order)


def _book_orm(order: Order) -> LedgerEntry:
    provider, amount_cents, till = order.provider, order.amount_cents, None
    if order.till_hash is not None:
        till = TillToken.objects.select_related("provider").filter(token_hash=order.till_hash).first()
        if till is None:
            raise BadToken(BAD_TOKEN)
        if till.revoked_at is not None:
            raise RevokedToken(REVOKED)
        provider = till.provider
    assert provider is not None
    today = timezone.localdate()
    card = Pass.objects.filter(number=order.number).first() if order.number else None
    offer = Offer.objects.filter(pk=order.offer_id, provider=provider, active=True).first()
    suitable = [b for b in card.budgets.all() if offer.category in b.categories] if card and offer else []
    current = [b.pk for b in suitable if b.is_current(today)]
    refusal = first_refusal(
        Facts(
            provider_id=provider.pk,
            approved=provider.is_approved,
            blocked=lookups_blocked(provider),
            pass_active=card.is_active if card else None,
            offer_price_cents=offer.price_cents if offer else None,
            age_fits=offer.fits_age(card.age_on(today)) if card and offer else None,
            suitable=bool(suitable),
            current=bool(current),
        ),
        amount_cents,
    )
    if refusal:
        raise refusal
    with transaction.atomic():
        for budget_id in current:
            # Re-checked in the UPDATE itself: the pass may have been blocked (and its budgets moved
            # to a new pass) since it was read above.
            on_pass = Budget.objects.filter(pass_card=card, pass_card__status=Pass.Status.ACTIVE)
            if take(on_pass, budget_id, -amount_cents):
                return LedgerEntry.objects.create(
                    budget_id=budget_id,
                    pass_card=card,
                    kind=LedgerEntry.Kind.REDEMPTION,
                    amount_cents=-amount_cents,
                    provider=provider,
                    offer=offer,
                    by=order.by,
                    till=till,
                )
    if not Pass.objects.filter(pk=card.pk, status=Pass.Status.ACTIVE).exists():
        raise Refused(BLOCKED)
    raise Refused(TOO_LITTLE)


def till_for(token: str) -> TillToken:
    """The till with this bearer token, with its provider; refused when unknown or revoked."""
    till = TillToken.objects.select_related("provider").filter(token_hash=token_hash(token)).first()
    if till is None:
        raise BadToken(BAD_TOKEN)
    if till.revoked_at is not None:
        raise RevokedToken(REVOKED)
    return till


def reverse_at_till(token: str, reference: UUID | str) -> LedgerEntry:
    """``reverse`` for a provider's till: any booking of the till's provider (also one made on the page
    or at another till), within the same window."""
    till = till_for(token)
    return reverse(till.provider, reference, till=till)


def reverse(
    provider: Provider, reference: UUID | str, by: User | None = None, till: TillToken | None = None
) -> LedgerEntry:
    """Undo a booking of this provider within 14 days: the money goes back to the same budget."""
    booking = LedgerEntry.objects.filter(
        reference=reference, provider=provider, kind=LedgerEntry.Kind.REDEMPTION
    ).first()
    if booking is None:
        raise Refused(NOT_FOUND)
    if timezone.now() > booking.reversible_until():
        raise Refused(TOO_LATE)
    try:
        with transaction.atomic():
            entry = LedgerEntry.objects.create(
                budget_id=booking.budget_id,
                pass_card_id=booking.pass_card_id,
                kind=LedgerEntry.Kind.REVERSAL,
                amount_cents=-booking.amount_cents,
                provider=provider,
                offer_id=booking.offer_id,
                reverses=booking,
                by=by,
                till=till,
            )
            take(Budget.objects, booking.budget_id, -booking.amount_cents)
    except IntegrityError:  # the one-to-one on ``reverses``: someone reversed it just before
        raise Refused(ALREADY) from None
    return entry


def reversible(provider: Provider, since: dt.datetime | None = None) -> QuerySet[LedgerEntry]:
    """The provider's bookings that can still be reversed, newest first."""
    since = since or timezone.now() - dt.timedelta(days=REVERSAL_DAYS)
    return (
        LedgerEntry.objects.filter(
            provider=provider, kind=LedgerEntry.Kind.REDEMPTION, at__gte=since, reversal=None
        )
        .select_related("offer", "pass_card")
        .order_by("-at", "-id")
    )
