"""Rate limit for the public API: a fixed window per client address, counted in the shared cache.

The client address is ``meedoen.web.audit.address.client_address`` (a forwarded header only from a
trusted proxy), not ninja's default, which believes any ``X-Forwarded-For`` and so let a client
bypass the limit by sending a different one with each request.

Written for this app instead of ninja's list-of-timestamps throttle: one atomic counter per window,
and the rate is read from the settings on each request, so tests and deployments can change it.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from ninja.throttling import BaseThrottle

from meedoen.web.audit.address import client_address

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """``"60/m"`` -> (60 requests, 60 seconds)."""
    count, period = rate.split("/")
    return int(count), PERIODS[period[0]]


class PerClientRate(BaseThrottle):
    def get_ident(self, request: HttpRequest) -> str | None:
        return client_address(request)

    def allow_request(self, request: HttpRequest) -> bool:
        limit, seconds = parse_rate(settings.API_RATE)
        self.window_end = (int(time.time()) // seconds + 1) * seconds
        key = f"api-rate:{self.get_ident(request)}:{self.window_end}"
        cache.add(key, 0, seconds + 1)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr: a new window has begun
            cache.add(key, 1, seconds + 1)
            count = 1
        return count <= limit

    def wait(self) -> float:
        return max(self.window_end - time.time(), 0.0)


def allow(scope: str, ident: str | None, rate: str) -> bool:
    """One more request of ``ident`` in ``scope`` within ``rate`` (e.g. "10/h")? The same fixed window
    as the API's limit, for views that are not ninja's (the sign-up page)."""
    limit, seconds = parse_rate(rate)
    key = f"rate:{scope}:{ident}:{int(time.time()) // seconds}"
    cache.add(key, 0, seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.add(key, 1, seconds + 1)
        count = 1
    return count <= limit
