"""The reasons of the zorgtoeslag, kindgebonden budget and kinderbijslag name the condition that
decided, and a yearly income is never shown without how it was found from what the resident typed."""

from __future__ import annotations

from typing import Any

from meedoen.rules.entitlements import entitlements
from meedoen.rules.household import parse_household


def _schemes(persons: list[dict[str, Any]], date: str = "2026-03-01", assets: float = 0) -> dict[str, Any]:
    household = {
        "municipality": "arnhem",
        "date": date,
        "persons": persons,
        "housing": {"kind": "rent"},
        "assets": assets,
    }
    result = entitlements(parse_household(household), trace=False)
    return {s["id"]: s for s in result["schemes"]}


def _codes(scheme: dict[str, Any]) -> list[str]:
    return [r["code"] for r in scheme["reasons"]]


def test_a_monthly_income_is_explained_as_twelve_times_grossed_up():
    zt = _schemes([{"id": "a", "role": "applicant", "birth_date": "1990-05-02", "net_income_month": 1150}])[
        "zorgtoeslag"
    ]
    text = zt["reasons"][0]["text"]
    assert "12 × uw netto inkomen per maand (€\u00a01.150,00), omgerekend naar bruto" in text


def test_a_given_yearly_income_is_named_as_given():
    zt = _schemes(
        [{"id": "a", "role": "applicant", "birth_date": "1990-05-02", "toetsingsinkomen_year": 60000}]
    )["zorgtoeslag"]
    assert _codes(zt) == ["income_above_limit"]
    assert "het jaarinkomen dat u opgaf" in zt["reasons"][0]["text"]


def test_assets_decide_before_income():
    rich = [{"id": "a", "role": "applicant", "birth_date": "1990-05-02", "toetsingsinkomen_year": 90000}]
    schemes = _schemes([*rich, {"id": "k", "role": "child", "birth_date": "2015-05-02"}], assets=500000)
    assert _codes(schemes["zorgtoeslag"]) == ["assets_above_limit"]
    assert _codes(schemes["kindgebonden_budget"]) == ["assets_above_limit"]
    assert "€\u00a0146.011,00" in schemes["zorgtoeslag"]["reasons"][0]["text"]


def test_the_age_decides_before_the_assets():
    young = [{"id": "a", "role": "applicant", "birth_date": "2008-03-15", "net_income_month": 300}]
    assert _codes(_schemes(young, date="2026-03-20", assets=500000)["zorgtoeslag"]) == ["under_18"]


def test_income_decides_the_kindgebonden_budget_when_assets_are_low():
    parent = {"id": "a", "role": "applicant", "birth_date": "1985-05-02", "toetsingsinkomen_year": 150000}
    kgb = _schemes([parent, {"id": "k", "role": "child", "birth_date": "2015-05-02"}])["kindgebonden_budget"]
    assert kgb["eligible"] is False
    assert _codes(kgb) == ["income_above_limit"]


def test_a_child_past_the_month_of_its_18th_birthday_gives_no_child_benefits():
    parent = {"id": "a", "role": "applicant", "birth_date": "1980-05-02", "net_income_month": 1500}
    schemes = _schemes([parent, {"id": "k", "role": "child", "birth_date": "2008-02-10"}], date="2026-07-01")
    assert _codes(schemes["kindgebonden_budget"]) == ["no_children_under_18"]
    assert _codes(schemes["kinderbijslag"]) == ["no_children_under_18"]
    assert "1 juli 2026" in schemes["kinderbijslag"]["reasons"][0]["text"]


def test_eligible_child_benefits_give_their_positive_reason():
    parent = {"id": "a", "role": "applicant", "birth_date": "1980-05-02", "net_income_month": 1500}
    schemes = _schemes([parent, {"id": "k", "role": "child", "birth_date": "2016-02-10"}])
    assert schemes["kinderbijslag"]["eligible"] and _codes(schemes["kinderbijslag"]) == ["children_under_18"]
    assert schemes["kindgebonden_budget"]["eligible"]
    assert _codes(schemes["kindgebonden_budget"]) == ["income_below_limit"]
