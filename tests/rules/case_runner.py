"""Runs the YAML rule cases in ``tests/rules/cases``: households a policy adviser can read.

A case gives persons by name with a ``birth_date`` or an ``age`` on the peildatum (``age: 35``
means the 35th birthday falls on the peildatum), and the expected values of engine variables,
for one date (``date`` + ``expect``) or several (``expect_by_date``). Person-level expectations
go under ``expect_persons``. Amounts are in euro.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from meedoen.rules import formulas  # noqa: F401
from meedoen.rules.engine import REGISTRY, Simulation
from meedoen.rules.formulas.household.benefit_unit import HOUSEHOLD_TYPES
from meedoen.rules.household import parse_household
from meedoen.rules.population import from_households

CASES = Path(__file__).parent / "cases"


def load_cases() -> list[tuple[str, dict[str, Any], dt.date, dict[str, Any]]]:
    """Every (id, case, date, expectations) in the case files."""
    out = []
    for file in sorted(CASES.rglob("*.yaml")):
        for case in yaml.safe_load(file.read_text(encoding="utf-8")):
            dated = case.get("expect_by_date") or {case["date"]: case.get("expect", {})}
            for date, expect in dated.items():
                out.append(
                    (
                        f"{file.relative_to(CASES).with_suffix('')}: {case['name']} @ {date}",
                        case,
                        date,
                        expect,
                    )
                )
    return out


def _birth(person: dict[str, Any], date: dt.date) -> str:
    if "birth_date" in person:
        return str(person["birth_date"])
    return date.replace(year=date.year - person["age"]).isoformat()


def household_json(case: dict[str, Any], date: dt.date) -> dict[str, Any]:
    persons = []
    for p in case["persons"]:
        fields = {k: v for k, v in p.items() if k not in ("age", "birth_date")}
        persons.append({**fields, "birth_date": _birth(p, date)})
    return {
        "municipality": case.get("municipality", "arnhem"),
        "date": date.isoformat(),
        "persons": persons,
        "housing": case.get("housing", {"kind": "rent"}),
        "assets": case.get("assets", 0),
        **({"low_income_since": str(case["low_income_since"])} if "low_income_since" in case else {}),
    }


def shown(name: str, value: Any) -> Any:
    unit = REGISTRY[name].unit
    if name == "household_type":
        return HOUSEHOLD_TYPES[int(value)]
    if unit == "EUR":
        return round(int(value) / 100, 2)
    if unit == "bool":
        return bool(value)
    return value.item() if hasattr(value, "item") else value


def run_case(case: dict[str, Any], date: dt.date, expect: dict[str, Any]) -> list[str]:
    """The mismatches between the engine and the case (empty when it passes)."""
    household = parse_household(household_json(case, date))
    s = Simulation(from_households([household]))
    problems = []
    for name, want in expect.items():
        got = shown(name, s(name)[0])
        if got != want:
            problems.append(f"{name}: expected {want}, got {got}")
    ids = [p["id"] for p in case["persons"]]
    for person, wants in case.get("expect_persons", {}).items():
        i = ids.index(person)
        for name, want in wants.items():
            got = shown(name, s(name)[i])
            if got != want:
                problems.append(f"{person}.{name}: expected {want}, got {got}")
    return problems
