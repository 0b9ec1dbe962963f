"""Huurtoeslag before 2026: which households the rules can answer and which stay "unknown"
because the minimum-inkomensijkpunt was not found in an official text (see the parameter file)."""

from __future__ import annotations

from meedoen.rules.entitlements import entitlements
from meedoen.rules.household import parse_household


def _huurtoeslag(date: str, birth: str) -> dict:
    household = {
        "municipality": "arnhem",
        "date": date,
        "persons": [{"id": "a", "role": "applicant", "birth_date": birth, "toetsingsinkomen_year": 20000}],
        "housing": {"kind": "rent", "rent_month": 600.0},
        "assets": 0.0,
    }
    result = entitlements(parse_household(household), trace=False)
    return next(s for s in result["schemes"] if s["id"] == "huurtoeslag")


def test_a_2024_household_under_aow_age_is_final():
    assert _huurtoeslag("2024-06-01", "1989-01-01")["status"] == "final"


def test_a_2024_ouderenhuishouden_is_unknown_not_a_guess():
    # art. 2 onder c (versie 2024): AOW age (67) reached on 1 January 2024 -> eenpersoonsouderen
    scheme = _huurtoeslag("2024-06-01", "1950-01-01")
    assert scheme["status"] == "unknown" and scheme["amount"] is None


def test_aow_age_is_taken_on_1_january_of_the_year():
    # born 1957-03-02: 67 on 2024-03-02, so not yet at AOW age on 1 January 2024 (art. 2 onder a)
    assert _huurtoeslag("2024-06-01", "1957-03-02")["status"] == "final"


def test_2025_is_unknown_until_the_ijkpunten_are_found():
    assert _huurtoeslag("2025-06-01", "1989-01-01")["status"] == "unknown"
