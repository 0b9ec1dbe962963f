"""The burgerservicenummer (BSN) check, once for the whole package: the web app (log-in, forms, the
user model), the early-detection signals (parsing a file, synthetic test data) and the demo data.

A plain module (no Django, no Polars) so every layer may import it; ``tests/test_one_definition.py``
keeps other modules from defining their own copy.
"""

from __future__ import annotations

# The elfproef: digit i (of 9) weighted 9, 8, ..., 2 and the last -1; the sum divisible by 11.
BSN_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def bsn_is_valid(bsn: str) -> bool:
    """The elfproef: 9 ASCII digits, weighted 9..2 and -1, the sum divisible by 11 (and not 0)."""
    if len(bsn) != 9 or not (bsn.isascii() and bsn.isdigit()):
        return False
    total = sum(int(d) * w for d, w in zip(bsn, BSN_WEIGHTS, strict=True))
    return total % 11 == 0 and total != 0
