"""No legal threshold hard-coded in a formula: ages and limits are dated parameters with their article.

Every integer or float literal in ``meedoen/rules/formulas`` must be on the allow-list below, each with
why it is not a legal figure. A new ``age >= 18`` fails here: add the age as a parameter instead.
"""

from __future__ import annotations

import ast
from pathlib import Path

FORMULAS = Path(__file__).resolve().parents[2] / "meedoen" / "rules" / "formulas"

ALLOWED: dict[float, tuple[set[str] | None, str]] = {
    0: (None, "nil, the first index"),
    1: (None, "one, the next index, the applicant himself"),
    2: (None, "a couple's two adults, a factor in a lookup key, half"),
    3: (None, "a quarter is three months; lookup-key radix"),
    6: ({"huurtoeslag.py", "vrijlating.py"}, "decimals of np.round; the number of disregard codes (range)"),
    12: (None, "months per year"),
    100: (None, "cents per euro, per cent"),
    101: ({"huurtoeslag.py", "persons.py"}, "1 January in yyyymmdd arithmetic (mmdd)"),
    1231: ({"persons.py"}, "31 December in yyyymmdd arithmetic (mmdd)"),
    10000: (None, "a year in yyyymmdd arithmetic; basis points of a percentage"),
    15: (
        {"studietoeslag.py"},
        "the youngest age of the studietoeslag table, as its parameter names say (leeftijd_15)",
    ),
    21: ({"studietoeslag.py"}, "the table's last row (vanaf_21), as its parameter names say"),
    22: ({"studietoeslag.py"}, "the table's length (ages 0 to 21)"),
    64: ({"box1.py"}, "lru_cache size"),
    256: ({"persons.py"}, "lru_cache size"),
    999: ({"vrijlating.py"}, "'no child' sentinel age for a minimum"),
    1e11: ({"box1.py"}, "a gross beyond any income, the last point of the net curve"),
}


def _literals(source: str) -> list[tuple[float, int]]:
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and type(node.value) in (int, float):
            out.append((node.value, node.lineno))
    return out


def test_no_legal_threshold_is_hard_coded_in_a_formula():
    unexpected = []
    for file in sorted(FORMULAS.rglob("*.py")):
        for value, line in _literals(file.read_text(encoding="utf-8")):
            files, _why = ALLOWED.get(value, (set(), ""))
            if files is not None and file.name not in files:
                unexpected.append(f"{file.name}:{line}: {value}")
    assert not unexpected, "literals that look like legal figures (make them parameters): " + ", ".join(
        unexpected
    )


def test_the_check_catches_a_hard_coded_age():
    assert (18, 1) in _literals("x = age >= 18\n") and 18 not in ALLOWED


def test_the_birth_date_of_art_2_10a_is_a_parameter_that_decides_the_tariff():
    """Born the day before the date of Wet IB 2001 art. 2.10a: its own table (code 2); on the date:
    the AOW-age table of art. 2.10 (code 1)."""
    import numpy as np

    from meedoen.rules.engine import Simulation
    from meedoen.rules.formulas.nl.inkomstenbelasting.box1 import _tariff_of
    from meedoen.rules.household import parse_household
    from meedoen.rules.population import from_households

    household = {
        "municipality": "arnhem",
        "date": "2026-01-01",
        "persons": [
            {"id": "a", "role": "applicant", "birth_date": "1945-12-31", "net_income_month": 0.0},
            {"id": "b", "role": "partner", "birth_date": "1946-01-01", "net_income_month": 0.0},
        ],
        "housing": {"kind": "rent", "rent_month": 600.0},
        "assets": 0.0,
    }
    s = Simulation(from_households([parse_household(household)]))
    assert s.p("nl.inkomstenbelasting.box1.geboren_voor") == 19460101
    assert _tariff_of(s, np.array([0, 1])).tolist() == [2, 1]
