"""Bearer tokens for machines (signal platforms, city pass tills): random, shown once, stored hashed.

A token has 256 random bits, so an unsalted SHA-256 is enough to make a stolen table useless and lets
the database find a token by its hash with an index.
"""

from __future__ import annotations

import hashlib
import secrets


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> tuple[str, str]:
    """A new token and its hash: store the hash, show the token once."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)
