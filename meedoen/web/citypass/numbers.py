"""Pass numbers: 16 digits from the operating system's random source, the last a Luhn check digit.

Fifteen random digits (about 50 bits) make guessing hopeless with the rate limit on lookups; the
check digit catches a mistyped number before any lookup is made (and counted).
"""

from __future__ import annotations

import secrets

LENGTH = 16


def luhn_digit(digits: str) -> str:
    """The check digit that makes ``digits + check`` pass the Luhn test."""
    total = 0
    for i, d in enumerate(reversed(digits)):
        n = int(d) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return str((10 - total % 10) % 10)


def new_pass_number() -> str:
    body = f"{secrets.randbelow(10 ** (LENGTH - 1)):0{LENGTH - 1}d}"
    return body + luhn_digit(body)


def normalise(text: str) -> str:
    """What a person types or a scanner sends (spaces, dashes) as bare digits."""
    return "".join(ch for ch in text if not ch.isspace() and ch != "-")


def is_well_formed(number: str) -> bool:
    return len(number) == LENGTH and number.isdigit() and luhn_digit(number[:-1]) == number[-1]


def grouped(number: str) -> str:
    """``1234567812345678`` -> ``1234 5678 1234 5678``, as printed on the pass."""
    return " ".join(number[i : i + 4] for i in range(0, len(number), 4))
