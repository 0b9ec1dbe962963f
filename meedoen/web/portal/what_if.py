"""What would change the outcome: the engine is asked again for a few everyday changes.

No rule is written here; each scenario only changes the household and shows what the engine then
says, for every scheme whose answer or amount differs.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from meedoen.rules.errors import RulesError
from meedoen.web.calculation import evaluate

Household = dict[str, Any]


def _income(delta: float) -> Callable[[Household], Household | None]:
    def change(h: Household) -> Household | None:
        applicant = h["persons"][0]
        income = applicant.get("net_income_month", 0.0) + delta
        if income < 0:
            return None
        changed = copy.deepcopy(h)
        changed["persons"][0]["net_income_month"] = round(income, 2)
        return changed

    return change


def _housemate_leaves(h: Household) -> Household | None:
    housemates = [i for i, p in enumerate(h["persons"]) if p["role"] == "housemate"]
    if not housemates:
        return None
    changed = copy.deepcopy(h)
    del changed["persons"][housemates[-1]]
    return changed


def _no_assets(h: Household) -> Household | None:
    return {**h, "assets": 0.0} if h.get("assets") else None


@dataclass(frozen=True)
class Scenario:
    text: str
    change: Callable[[Household], Household | None]


SCENARIOS = [
    Scenario("Als uw inkomen € 100 per maand hoger wordt", _income(100.0)),
    Scenario("Als uw inkomen € 100 per maand lager wordt", _income(-100.0)),
    Scenario("Als een medebewoner verhuist", _housemate_leaves),
    Scenario("Als u geen spaargeld of ander vermogen meer hebt", _no_assets),
]


@dataclass(frozen=True)
class Change:
    scenario: str
    eligible: bool | None  # None: the scheme cannot be computed on the date ("onbekend")
    amount: float | None
    period: str


def what_would_change(household: Household, result: dict[str, Any]) -> dict[str, list[Change]]:
    """Per scheme id, the scenarios that change its answer or amount, with the new outcome."""
    before = {s["id"]: s for s in result["schemes"]}
    changes: dict[str, list[Change]] = defaultdict(list)
    for scenario in SCENARIOS:
        changed = scenario.change(household)
        if changed is None:
            continue
        try:
            after = evaluate(changed)
        except RulesError:
            continue
        for scheme in after["schemes"]:
            old = before.get(scheme["id"])
            if old and (scheme["eligible"], scheme["amount"]) != (old["eligible"], old["amount"]):
                changes[scheme["id"]].append(
                    Change(scenario.text, scheme["eligible"], scheme["amount"], scheme["period"])
                )
    return dict(changes)
