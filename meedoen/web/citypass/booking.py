"""What one booking is and why it may be refused: the :class:`Order` a provider's page or till
sends, the :class:`Facts` it depends on (read by SQL on PostgreSQL, by the ORM elsewhere) and the
first reason to refuse it (:func:`first_refusal`), each in plain Dutch. Both ways of booking decide
here, so they give the same answer in the same order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from meedoen.web.citypass.models import REVERSAL_DAYS, Provider
from meedoen.web.citypass.throttling import TOO_MANY

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


@dataclass(frozen=True)
class Order:
    """One booking asked for: by a provider's user on the page, or by a till (its token's hash)."""

    provider: Provider | None
    till_hash: str | None
    number: str
    offer_id: int
    amount_cents: int
    by: User | None = None


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


def first_refusal(facts: Facts, amount_cents: int) -> Refused | None:
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
