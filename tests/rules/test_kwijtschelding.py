"""Kwijtschelding of municipal taxes end to end: the scheme's reasons come from the engine's figures,
and an unknown tax amount is never counted as €0 in the household's money."""

from __future__ import annotations

import datetime as dt

import pytest

from meedoen.rules.entitlements import entitlements
from meedoen.rules.formulas.gemeenten.lokale_regelingen import unvalued_schemes, valuation_status
from meedoen.rules.household import parse_household
from meedoen.rules.parameters import default_parameters


def _household(income: float, municipality: str = "arnhem", assets: float = 0) -> dict:
    return {
        "municipality": municipality,
        "date": "2026-01-01",
        "persons": [
            {"id": "Anna", "role": "applicant", "birth_date": "1990-01-01", "net_income_month": income}
        ],
        "housing": {"kind": "rent"},
        "assets": assets,
    }


def _scheme(household: dict) -> dict:
    out = entitlements(parse_household(household))
    return next(x for x in out["schemes"] if x["id"] == "kwijtschelding")


@pytest.mark.parametrize("municipality", ["arnhem", "nijmegen", "groningen"])
def test_no_payment_capacity_gives_kwijtschelding(municipality):
    scheme = _scheme(_household(1261.35, municipality))  # 90 % x 1.401,50: nothing left
    assert scheme["eligible"] is True
    assert scheme["reasons"][0]["code"] == "no_payment_capacity"
    assert "€\xa01.261,35" in scheme["reasons"][0]["text"]
    assert scheme["reasons"][-1]["code"] == "amount_unknown"  # the tax amounts were not found
    assert scheme["amount"] is None and scheme["value_month"] is None  # "bedrag onbekend", never €0


def test_payment_capacity_names_the_eigen_bijdrage():
    scheme = _scheme(_household(1300.00, "nijmegen"))
    assert scheme["eligible"] is False
    reason = scheme["reasons"][0]
    assert reason["code"] == "payment_capacity"
    # 1.300,00 - 1.261,35 = 38,65 a month; 80 % x 12 x 38,65 = 371,04 a year
    assert "€\xa038,65 per maand" in reason["text"] and "€\xa0371,04 per jaar" in reason["text"]


def test_assets_above_the_exemption_is_the_first_reason():
    scheme = _scheme(_household(0, assets=1261.36))
    assert scheme["eligible"] is False
    assert scheme["reasons"][0]["code"] == "assets_above_limit"
    assert "€\xa01.261,35" in scheme["reasons"][0]["text"]


def test_scheme_cites_the_uitvoeringsregeling():
    scheme = _scheme(_household(0))
    assert any("BWBR0004766" in url for url in scheme["sources"])


@pytest.mark.parametrize("municipality", ["arnhem", "nijmegen", "groningen"])
def test_unknown_tax_amounts_are_not_counted_as_money(municipality):
    params = default_parameters()
    status = valuation_status(params, municipality, dt.date(2026, 1, 1))
    assert status["kwijtschelding_waarde_maand"] == "unknown"
    assert "kwijtschelding" in unvalued_schemes(params, municipality, dt.date(2026, 1, 1))
