"""Who the Jongerenperspectieffonds is for, read from ``fund.yaml`` (data with its source, not code)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from meedoen.web.citypass.budgets import age


@dataclass(frozen=True)
class AgeLimits:
    min_age: int
    max_age: int
    source: str

    def fits(self, born: dt.date, day: dt.date) -> bool:
        return self.min_age <= age(born, day) <= self.max_age


@cache
def limits(municipality: str) -> AgeLimits | None:
    """The fund's age limits in ``municipality``; None where it has no such fund."""
    data = yaml.safe_load((Path(__file__).with_name("fund.yaml")).read_text(encoding="utf-8"))
    entry = data.get(municipality)
    return AgeLimits(entry["min_age"], entry["max_age"], entry["source"]) if entry else None
