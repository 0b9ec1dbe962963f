"""What a provider may do with a pass: check it, book an amount for one of its own offers, and reverse
a booking within 14 days.

A provider learns only whether a pass is valid and which of its offers fit what is left; never the
holder's name, income or household. Every refusal says why in plain Dutch and books nothing.
Overspending is impossible also when two tills book on the same pass at once: the balance is taken
with a conditional UPDATE (``balance >= amount``), which the database applies one at a time per row.

Booking is one function for the provider's web page and for its tills (``book`` and
``book_at_till``). On PostgreSQL it is one SQL statement (``booking_sql.py``): the checks, the
conditional UPDATE and the ledger INSERT in one round trip and one transaction, which is what makes
a few hundred bookings per second possible on two cores. Elsewhere (SQLite) the same facts are read
with the ORM; either way ``_refusal`` decides, so both give the same answer in the same order.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING
from uuid import UUID, uuid4

from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from meedoen.web.api.tokens import token_hash
from meedoen.web.citypass import booking_sql
from meedoen.web.citypass.models import REVERSAL_DAYS, Budget, LedgerEntry, Offer, Pass, Provider, TillToken
from meedoen.web.citypass.numbers import is_well_formed, normalise
from meedoen.web.citypass.throttling import TOO_MANY, lookups_blocked

if TYPE_CHECKING:
    from meedoen.web.accounts.models import User


class Refused(Exception):
    """A refusal with the message for the provider; nothing was booked."""


class UnknownPass(Refused):
    """No pass has this number: what guessing produces, so it counts against the rate limit."""

    def __init__(self, message: str, provider_id: int) -> None:
        super().__init__(message)
        self.provider_id = provider_id


class Throttled(Refused):
    """The provider looked up too many unknown numbers: every lookup waits until the window ends."""


class BadToken(Refused):
    """No till has this token (or none was sent)."""


class RevokedToken(Refused):
    """The till's token was revoked by the provider or the municipality."""


UNKNOWN = "Dit pasnummer kennen wij niet. Kijk of u het goed hebt ingevuld."
BLOCKED = "Deze pas is geblokkeerd. De pashouder kan een nieuwe pas aanvragen bij de gemeente."
NOT_APPROVED = "Uw organisatie is nog niet goedgekeurd door de gemeente. U kunt nog geen passen gebruiken."
NOT_OURS = "Dit aanbod hoort niet bij uw organisatie. Kies een aanbod uit uw eigen lijst."
WRONG_AGE = "Dit aanbod is niet voor de leeftijd van de pashouder."
BAD_AMOUNT = "Vul een bedrag in dat groter is dan 0 en niet hoger dan de prijs van het aanbod."
NO_BUDGET = "Op deze pas staat geen budget dat u voor dit aanbod kunt gebruiken."
EXPIRED = "Het budget op deze pas is verlopen. Er staat geen geldig budget voor dit aanbod op."
TOO_LITTLE = "Er staat niet genoeg geld op deze pas voor dit bedrag. Er is niets afgeschreven."
NOT_FOUND = "Deze boeking kennen wij niet bij uw organisatie."
ALREADY = "Deze boeking is al teruggedraaid."
TOO_LATE = f"Terugdraaien kan tot {REVERSAL_DAYS} dagen na de boeking. Deze boeking is ouder."
BAD_TOKEN = "Deze kassa is niet bekend. Stuur de sleutel van de kassa mee (Authorization: Bearer ...)."
REVOKED = "De sleutel van deze kassa is ingetrokken. Vraag een nieuwe sleutel aan."
MAX_CENTS = 2**31 - 1  # an offer's price is at most this (PositiveIntegerField)
RACE_RETRIES = 5  # a lost race for the earliest budget is retried; more would be a false refusal at worst


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


@dataclass(frozen=True)
class Facts:
    """What a booking depends on, read before deciding (by SQL or the ORM); None where absent."""

    provider_id: int
    approved: bool
    blocked: bool
    pass_active: bool | None  # None: no pass has the number
    offer_price_cents: int | None  # None: not an active offer of this provider
    age_fits: bool | None
    suitable: bool  # a budget on the pass for the offer's category, current or not
    current: bool  # ... and one of them current


def _refusal(facts: Facts, amount_cents: int) -> Refused | None:
    """The first reason to refuse, in the order a person at the counter would want to hear them."""
    if facts.blocked:
        return Throttled(TOO_MANY)
    if not facts.approved:
        return Refused(NOT_APPROVED)
    if facts.pass_active is None:
        return UnknownPass(UNKNOWN, facts.provider_id)
    if not facts.pass_active:
        return Refused(BLOCKED)
    if facts.offer_price_cents is None:
        return Refused(NOT_OURS)
    if not 0 < amount_cents <= facts.offer_price_cents:
        return Refused(BAD_AMOUNT)
    if not facts.age_fits:
        return Refused(WRONG_AGE)
    if not facts.current:
        return Refused(EXPIRED if facts.suitable else NO_BUDGET)
    return None


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


@dataclass(frozen=True)
class Order:
    """One booking asked for: by a provider's user on the page, or by a till (its token's hash)."""

    provider: Provider | None
    till_hash: str | None
    number: str
    offer_id: int
    amount_cents: int
    by: User | None = None


def _book(order: Order) -> LedgerEntry:
    number = normalise(order.number)
    # A typo the check digit caught: no pass has it, so it is refused as unknown (and counted).
    order = replace(order, number=number if is_well_formed(number) else "")
    return (_book_sql if connection.vendor == "postgresql" else _book_orm)(order)


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
    refusal = _refusal(
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
            taken = Budget.objects.filter(
                Q(pk=budget_id, balance_cents__gte=amount_cents, pass_card=card),
                pass_card__status=Pass.Status.ACTIVE,
            ).update(balance_cents=F("balance_cents") - amount_cents)
            if taken:
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


def _book_sql(order: Order) -> LedgerEntry:
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
        refusal = _refusal(
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
            Budget.objects.filter(pk=booking.budget_id).update(
                balance_cents=F("balance_cents") - booking.amount_cents
            )
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
