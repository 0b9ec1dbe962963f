"""Hypothesis strategies: random but valid households of the contract."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

DATES = st.sampled_from(
    [dt.date(2025, 1, 1), dt.date(2025, 7, 1), dt.date(2025, 12, 31), dt.date(2026, 3, 31)]
)
AMOUNT = st.integers(0, 400_000).map(lambda c: round(c / 100, 2))
MONEY = st.one_of(st.none(), AMOUNT)


def _person(pid: str, role: str, date: dt.date):
    max_age = 95 if role != "child" else 40
    min_age = 17 if role in ("applicant", "partner") else 0
    birth = st.integers(min_age * 366, max_age * 365).map(lambda days: date - dt.timedelta(days=days))
    return st.fixed_dictionaries(
        {"id": st.just(pid), "role": st.just(role), "birth_date": birth.map(str)},
        optional={
            "net_income_month": AMOUNT,
            "wage_gross_month": AMOUNT,
            "toetsingsinkomen_year": st.integers(0, 8_000_000).map(lambda c: c / 100),
            "student_finance": st.booleans(),
            **({"commercial_tenant": st.booleans()} if role == "housemate" else {}),
        },
    )


@st.composite
def households(draw, date: dt.date | None = None, municipality: str = "arnhem"):
    date = date or draw(DATES)
    roles = ["applicant"]
    if draw(st.booleans()):
        roles.append("partner")
    roles += ["child"] * draw(st.integers(0, 3)) + ["housemate"] * draw(st.integers(0, 3))
    persons = [draw(_person(f"p{i}", role, date)) for i, role in enumerate(roles)]
    oldest_parent = min(p["birth_date"] for p in persons if p["role"] in ("applicant", "partner"))
    for p in persons:  # a child is younger than the parents
        if p["role"] == "child" and p["birth_date"] <= oldest_parent:
            p["birth_date"] = str(dt.date.fromisoformat(oldest_parent) + dt.timedelta(days=1))
    return {
        "municipality": municipality,
        "date": str(date),
        "persons": persons,
        "housing": {
            "kind": draw(st.sampled_from(["rent", "own", "institution", "homeless"])),
            "energy_cost_month": draw(MONEY),
            "rent_month": draw(MONEY),
        },
        "assets": draw(st.integers(0, 3_000_000)) / 100,
    }
