"""Exact money arithmetic on integer cents (scalars or NumPy arrays).

Examples:
    >>> round_div(140150 * 95, 100)  # 95 % of 1.401,50, rounded half up to the cent
    133143
    >>> euro(133143)
    1331.43
"""

from __future__ import annotations

import numpy as np


def round_div(numerator: int | np.ndarray, denominator: int | np.ndarray) -> int | np.ndarray:
    """``numerator / denominator`` rounded half up, for non-negative integers."""
    return (2 * numerator + denominator) // (2 * denominator)


def round_half_up(cents: np.ndarray) -> np.ndarray:
    """Fractional cents to whole cents, half up (``np.round`` would round half to even)."""
    return np.floor(np.asarray(cents) + 0.5).astype(np.int64)


def euro(cents: int | np.integer) -> float:
    """Cents as a euro amount with two decimals, for JSON output (never for storage)."""
    return round(int(cents) / 100, 2)


def euro_text(cents: int | np.integer) -> str:
    """Dutch notation for residents: ``€ 1.401,50`` (a no-break space keeps € with the number)."""
    whole, rest = divmod(abs(int(cents)), 100)
    sign = "-" if cents < 0 else ""
    return f"{sign}€\u00a0{whole:,}".replace(",", ".") + f",{rest:02d}"
