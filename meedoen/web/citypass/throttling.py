"""Providers cannot try pass numbers in bulk: every lookup of an unknown pass number counts against a
per-provider limit (the public API's limiter and rate, ``MEEDOEN_API_RATE``, counted per provider
organisation instead of per address). Once over the limit, every lookup of that provider, also of
valid passes, is refused until the window ends.

Unknown numbers are what guessing produces, so counting them stops enumeration; counting every
lookup would also slow down a busy swimming pool at its tills, and costs a few cache queries per
booking that a valid pass does not need.
"""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest

from meedoen.web.api.throttling import PerClientRate


class PerProviderRate(PerClientRate):
    def __init__(self, provider_id: int) -> None:
        self.provider_id = provider_id

    def get_ident(self, request: HttpRequest) -> str:
        return f"stadspas-aanbieder-{self.provider_id}"


def _blocked_key(provider_id: int) -> str:
    return f"stadspas-aanbieder-geblokkeerd-{provider_id}"


def lookups_blocked(provider_id: int) -> bool:
    return cache.get(_blocked_key(provider_id)) is not None


def count_unknown_number(request: HttpRequest, provider_id: int) -> None:
    """Count a lookup of a number that is no pass; over the limit, block lookups for the window."""
    limiter = PerProviderRate(provider_id)
    if not limiter.allow_request(request):
        cache.set(_blocked_key(provider_id), True, max(1, round(limiter.wait())))
