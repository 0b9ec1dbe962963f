"""Providers cannot try pass numbers in bulk: every lookup of an unknown pass number counts against a
per-provider limit (the public API's limiter and rate, ``MEEDOEN_API_RATE``, counted per provider
organisation instead of per address). Once over the limit, every lookup of that provider, also of
valid passes and at its tills, is refused until the window ends.

Unknown numbers are what guessing produces, so counting them stops enumeration; counting every
lookup would also slow down a busy swimming pool at its tills, and costs a few cache queries per
booking that a valid pass does not need. The block itself is kept on the provider's row
(``lookups_blocked_until``): the form reads that row anyway and the till's booking statement joins
it, so checking the block costs no query.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone

from meedoen.web.api.throttling import PerClientRate
from meedoen.web.citypass.models import Provider

TOO_MANY = "U hebt te vaak een pasnummer ingevuld dat niet bestaat. Wacht een minuut en probeer het opnieuw."


class PerProviderRate(PerClientRate):
    def __init__(self, provider_id: int) -> None:
        self.provider_id = provider_id

    def get_ident(self, request: HttpRequest | None) -> str:
        return f"stadspas-aanbieder-{self.provider_id}"


def lookups_blocked(provider: Provider) -> bool:
    until = provider.lookups_blocked_until
    return until is not None and until > timezone.now()


def count_unknown_number(provider_id: int) -> None:
    """Count a lookup of a number that is no pass; over the limit, block lookups for the window."""
    limiter = PerProviderRate(provider_id)
    if not limiter.allow_request(None):
        until = timezone.now() + dt.timedelta(seconds=max(1, round(limiter.wait())))
        Provider.objects.filter(pk=provider_id).update(lookups_blocked_until=until)
