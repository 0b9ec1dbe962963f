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


# A municipality whose figures are all known (test data for "Ede", not Ede's real figures): the
# partial kwijtschelding, its value per month in the household's money, and the draagkracht split of
# a listed product, by data alone.
_HEAD = 'metadata:\n  covered_until: 2026-12-31\n  reference: [{title: Gemeente Ede (test), href: "https://www.ede.nl"}]\n'
_EDE = {
    "kwijtschelding.yaml": "description: Kwijtschelding Ede (test).\n"
    + _HEAD
    + """kosten_van_bestaan_percentage:
  {description: Percentage., metadata: {unit: /1}, values: {2026-01-01: 1.00}}
belastingen: {description: Belastingen., metadata: {unit: text}, values: {2026-01-01: afvalstoffenheffing}}
aanslag_eenpersoons: {description: Aanslag., metadata: {unit: EUR}, values: {2026-01-01: 300}}
aanslag_meerpersoons: {description: Aanslag., metadata: {unit: EUR}, values: {2026-01-01: 450}}
""",
    "bijzondere_bijstand.yaml": "description: Bijzondere bijstand Ede (test).\n"
    + _HEAD
    + """inkomensgrens: {description: Grens., metadata: {unit: /1}, values: {2026-01-01: 1.30}}
draagkracht:
  description: Draagkracht.
  inkomensgrens: {description: Grens., metadata: {unit: /1}, values: {2026-01-01: 1.10}}
  percentage: {description: Percentage., metadata: {unit: /1}, values: {2026-01-01: 0.25}}
  periode_maanden: {description: Periode., metadata: {unit: months}, values: {2026-01-01: 12}}
""",
    "bijzondere_bijstand_producten.yaml": "description: Productenlijst Ede (test).\n"
    + _HEAD
    + """laptop:
  description: Laptop.
  prijs: {description: Maximum., metadata: {unit: EUR}, values: {2026-01-01: 500}}
  draagkracht: {description: Draagkracht telt., metadata: {unit: bool}, values: {2026-01-01: true}}
""",
}


def _ede(tmp_path):
    import shutil

    from meedoen.rules.parameters import PARAMETER_ROOT, ParameterSet, load_tree

    params = tmp_path / "parameters"
    shutil.copytree(PARAMETER_ROOT, params)
    (params / "gemeenten" / "ede").mkdir()
    for shared in ("inkomensgrenzen.yaml", "energiearmoede.yaml"):  # the income basis and the indicator
        shutil.copy(PARAMETER_ROOT / "gemeenten/arnhem" / shared, params / "gemeenten/ede")
    for name, text in _EDE.items():
        (params / "gemeenten" / "ede" / name).write_text(text)
    return ParameterSet(load_tree(params))


def test_a_municipality_with_known_amounts_gets_partial_kwijtschelding_by_data(tmp_path):
    from meedoen.rules.engine import Simulation
    from meedoen.rules.population import from_households

    pset = _ede(tmp_path)
    household = parse_household(_household(1420.00, "ede"))
    scheme = next(x for x in entitlements(household, pset)["schemes"] if x["id"] == "kwijtschelding")
    # costs of existence 100 % x 1.401,50; capacity 1.420,00 - 1.401,50 = 18,50 a month;
    # eigen bijdrage 0,80 x 12 x 18,50 = 177,60; kwijtschelding 300,00 - 177,60 = 122,40 a year
    assert scheme["eligible"] is True and scheme["amount"] == 122.40
    assert scheme["reasons"][0]["code"] == "partial" and "€\xa0122,40" in scheme["reasons"][0]["text"]
    # 122,40 / 12 = 10,20 a month, counted in the household's local money
    assert scheme["value_month"] == 10.20
    assert "kwijtschelding" not in unvalued_schemes(pset, "ede", dt.date(2026, 1, 1))
    s = Simulation(from_households([household]), pset)
    assert int(s("lokale_regelingen_maand")[0]) == 1020


def test_capacity_above_the_known_aanslag_names_it(tmp_path):
    pset = _ede(tmp_path)
    scheme = next(
        x
        for x in entitlements(parse_household(_household(1450.00, "ede")), pset)["schemes"]
        if x["id"] == "kwijtschelding"
    )
    # 0,80 x 12 x (1.450,00 - 1.401,50) = 465,60 >= 300,00
    assert scheme["eligible"] is False
    assert (
        "€\xa0465,60 per jaar" in scheme["reasons"][0]["text"]
        and "€\xa0300,00" in scheme["reasons"][0]["text"]
    )


def test_a_listed_laptop_is_split_by_the_draagkracht(tmp_path):
    from meedoen.rules.engine import Simulation
    from meedoen.rules.formulas.gemeenten.bijzondere_bijstand_producten import bijzondere_bijstand_vergoeding
    from meedoen.rules.population import from_households

    pset = _ede(tmp_path)
    s = Simulation(from_households([parse_household(_household(1600.00, "ede"))]), pset)
    # limit 1,10 x 0,95 x 1.401,50 = 1.464,57; (1.600,00 - 1.464,57) x 0,25 x 12 = 406,29
    assert int(s("bijzondere_bijstand_draagkracht")[0]) == 40629
    laptop = bijzondere_bijstand_vergoeding(s, "laptop", 60000)
    # the list pays up to 500,00: 500,00 - 406,29 = 93,71; the household 600,00 - 93,71 = 506,29
    assert (laptop.gemeente_deel, laptop.eigen_deel) == (9371, 50629)
