"""What a provider may do with a pass: check it, book an amount for one of its own offers, and reverse
a booking within 14 days.

A provider learns only whether a pass is valid and which of its offers fit what is left; never the
holder's name, income or household. Every refusal says why in plain Dutch and books nothing.
Overspending is impossible also when two tills book on the same pass at once: the balance is taken
with a conditional UPDATE (``balance >= amount``), which the database applies one at a time per row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING
from uuid import UUID

from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from meedoen.web.citypass.models import REVERSAL_DAYS, Budget, LedgerEntry, Offer, Pass, Provider
from meedoen.web.citypass.numbers import is_well_formed, normalise

if TYPE_CHECKING:
    from meedoen.web.accounts.models import User


class Refused(Exception):
    """A refusal with the message for the provider; nothing was booked."""


class UnknownPass(Refused):
    """No pass has this number: what guessing produces, so it counts against the rate limit."""


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


def find_pass(provider: Provider, number: str) -> Pass:
    """The active pass with this number, or a refusal (unknown, blocked, or provider not approved)."""
    if not provider.is_approved:
        raise Refused(NOT_APPROVED)
    number = normalise(number)
    card = Pass.objects.filter(number=number).first() if is_well_formed(number) else None
    if card is None:
        raise UnknownPass(UNKNOWN)
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
    card = find_pass(provider, number)
    offer = Offer.objects.filter(pk=offer_id, provider=provider, active=True).first()
    if offer is None:
        raise Refused(NOT_OURS)
    if not 0 < amount_cents <= offer.price_cents:
        raise Refused(BAD_AMOUNT)
    today = timezone.localdate()
    if not offer.fits_age(card.age_on(today)):
        raise Refused(WRONG_AGE)
    suitable = [b for b in card.budgets.all() if offer.category in b.categories]
    current = [b.pk for b in suitable if b.is_current(today)]
    if not current:
        raise Refused(EXPIRED if suitable else NO_BUDGET)
    with transaction.atomic():
        for budget_id in current:
            taken = Budget.objects.filter(
                Q(pk=budget_id, balance_cents__gte=amount_cents, pass_card=card)
            ).update(balance_cents=F("balance_cents") - amount_cents)
            if taken:
                return LedgerEntry.objects.create(
                    budget_id=budget_id,
                    pass_card=card,
                    kind=LedgerEntry.Kind.REDEMPTION,
                    amount_cents=-amount_cents,
                    provider=provider,
                    offer=offer,
                    by=by,
                )
    raise Refused(TOO_LITTLE)


def reverse(provider: Provider, reference: UUID | str, by: User | None = None) -> LedgerEntry:
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
