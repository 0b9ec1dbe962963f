"""The client's network address, the same for the API rate limit, django-axes and the audit log.

Behind a reverse proxy every request comes from the proxy, so the real client is in the proxy's
``X-Forwarded-For`` header. That header is only believed when the request came from a proxy the
deployment trusts (``TRUSTED_PROXIES``: addresses or networks, default none): anyone else can write
any address into it, which would bypass the API rate limit and make log-in lock-outs and the audit
log name a made-up address. Each trusted proxy appends the address it saw, so the client is the
right-most hop that is not itself a trusted proxy; hops to its left were written by the client.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[IPNetwork, ...]:
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)


def _parse(value: str) -> str | None:
    """One hop as a normalised address, or None when it is not an address. Accepts the forms
    proxies write: ``1.2.3.4``, ``1.2.3.4:5678``, ``2001:db8::1`` and ``[2001:db8::1]:443``."""
    value = value.strip().strip('"')
    if value.startswith("["):
        value = value[1:].split("]", 1)[0]
    elif value.count(":") == 1:
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    mapped = getattr(address, "ipv4_mapped", None)
    return str(mapped or address)


def _trusted(address: str, networks: tuple[IPNetwork, ...]) -> bool:
    ip = ipaddress.ip_address(address)
    return any(ip.version == n.version and ip in n for n in networks)


def client_address(request: HttpRequest) -> str | None:
    """The address of whoever sent this request, as far as this deployment can know it."""
    remote = _parse(request.META.get("REMOTE_ADDR") or "")
    networks = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    if remote is None or not networks or not _trusted(remote, networks):
        return remote
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    client = remote
    for hop in reversed(hops):
        address = _parse(hop)
        if address is None:  # garbage in the chain: trust nothing to its left
            return client
        client = address
        if not _trusted(address, networks):
            return address
    return client
