"""Exact money arithmetic on integer cents (scalars or NumPy arrays), and the one place that writes
money and numbers in Dutch notation (``€ 1.401,50``, ``7.756``, ``12,5%``).

Every other module formats through these functions (``tests/test_one_definition.py`` keeps it so):
the engine, the letters, the templates (``|euro`` and ``|cents`` are thin wrappers), the CSV exports
and the reports. Amounts are integer cents everywhere inside; a euro amount only appears at the JSON
edges the contract defines, and :func:`cents_of` turns it back into cents exactly.

Examples:
    >>> round_div(140150 * 95, 100)  # 95 % of 1.401,50, rounded half up to the cent
    133143
    >>> euro(133143)
    1331.43
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np


def round_div(numerator: int | np.ndarray, denominator: int | np.ndarray) -> int | np.ndarray:
    """``numerator / denominator`` rounded half up, for non-negative integers."""
    return (2 * numerator + denominator) // (2 * denominator)


def round_half_up(cents: np.ndarray) -> np.ndarray:
    """Fractional cents to whole cents, half up (``np.round`` would round half to even)."""
    return np.floor(np.asarray(cents) + 0.5).astype(np.int64)


def euro(cents: int | np.integer) -> float:
    """Cents as a euro amount with two decimals, for JSON output (never for storage). Whole cents
    divided by 100 are already the float nearest the amount: what rounding to two decimals gives."""
    return int(cents) / 100


def cents_of(amount: float | Decimal | int | str) -> int:
    """A euro amount from the contract's JSON (or a ``Decimal`` of the household model) as integer cents,
    exactly: ``12.34`` is 1234 cents, where ``int(12.34 * 100)`` would give 1233."""
    return int((Decimal(str(amount)) * 100).quantize(Decimal(1)))


def number(n: int | np.integer) -> str:
    """A whole number with the Dutch thousands separator: ``7756`` -> ``7.756``."""
    return f"{int(n):,}".replace(",", ".")


def decimal_text(value: float, decimals: int = 1, sign: bool = False) -> str:
    """A fraction with a decimal comma: ``12.5`` -> ``12,5`` (``+12,5`` with ``sign``)."""
    return (f"{value:+.{decimals}f}" if sign else f"{value:.{decimals}f}").replace(".", ",")


def percent(value: float | None, decimals: int = 1, sign: bool = False) -> str:
    """A percentage in Dutch notation (``12,5%``), ``n.v.t.`` when there is nothing to measure."""
    return "n.v.t." if value is None else decimal_text(value, decimals, sign) + "%"


def _split(cents: int | np.integer) -> tuple[str, int, int]:
    whole, rest = divmod(abs(int(cents)), 100)
    return ("-" if cents < 0 else ""), whole, rest


def euro_text(cents: int | np.integer) -> str:
    """Dutch notation for residents: ``€ 1.401,50`` (a no-break space keeps € with the number)."""
    sign, whole, rest = _split(cents)
    return f"{sign}€\u00a0{number(whole)},{rest:02d}"


def euro_grouped(cents: int | np.integer) -> str:
    """Without the euro sign, for a sentence that says "euro": ``125000`` -> ``1.250,00``."""
    sign, whole, rest = _split(cents)
    return f"{sign}{number(whole)},{rest:02d}"


def euro_plain(cents: int | np.integer) -> str:
    """Without sign or grouping, for statements, exports and form fields: ``-123456`` -> ``-1234,56``."""
    sign, whole, rest = _split(cents)
    return f"{sign}{whole},{rest:02d}"


def euro_decimal(cents: int | np.integer) -> str:
    """A machine-readable euro amount with a decimal point, for CSV files and signal files:
    ``-123456`` -> ``-1234.56`` (from the integer cents, never through a float)."""
    sign, whole, rest = _split(cents)
    return f"{sign}{whole}.{rest:02d}"
