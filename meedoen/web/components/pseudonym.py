"""Pseudonymous person keys for exports (the monitor's ``person_id`` is never a BSN).

A keyed hash: the same BSN gives the same key in every export of one deployment, so the case work,
the early-detection signals and the debt help join up, while the key alone does not reveal the BSN.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings


def person_key(bsn: str) -> str:
    """16 hex characters derived from the BSN and the deployment's secret key."""
    secret = hashlib.sha256(f"meedoen-person-key:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(secret, bsn.encode(), hashlib.sha256).hexdigest()[:16]
