"""Cents as Dutch euro text for statements and exports: ``-1234`` -> ``-12,34`` (no float on the way)."""

from __future__ import annotations


def euro_plain(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    return f"{sign}{abs(cents) // 100},{abs(cents) % 100:02d}"
