"""The transitievoucher's amount per municipality, from ``vouchers.yaml`` (data with its source)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

import yaml

from meedoen.rules.money import cents_of


@dataclass(frozen=True)
class Voucher:
    amount_cents: int | None  # None: no official figure; entered per trajectory with its source
    source: str


@cache
def voucher(municipality: str) -> Voucher:
    data = yaml.safe_load(Path(__file__).with_name("vouchers.yaml").read_text(encoding="utf-8")) or {}
    entry = data.get(municipality) or {}
    amount = entry.get("amount")
    source = entry.get("source") or entry.get("note", "")
    return Voucher(None if amount is None else cents_of(Decimal(str(amount))), source)
