"""Bijzondere bijstand with draagkracht: the arithmetic, the product list, and bad input.

The municipalities' own draagkracht rules and product amounts were not found (their parameters are
``not_found``), so the bundled data must answer "onbekend", never €0. The arithmetic is exercised
with test figures set below (marked as such: they are no municipality's), each result computed by
hand from them and from the Participatiewet figures of 1 January 2026.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from meedoen.rules.engine import Simulation
from meedoen.rules.entitlements import entitlements
from meedoen.rules.errors import ParameterFileError
from meedoen.rules.formulas.gemeenten.bijzondere_bijstand_producten import (
    bijzondere_bijstand_vergoeding,
    producten,
)
from meedoen.rules.household import parse_household
from meedoen.rules.parameters import ParameterSet, default_parameters, load_tree
from meedoen.rules.periods import to_int
from meedoen.rules.population import from_households

LOCAL_INVALID = Path(__file__).parent / "parameters_invalid" / "local"
DATE = dt.date(2026, 1, 1)


def _household(municipality: str, income: float, assets: float = 0) -> dict:
    return {
        "municipality": municipality,
        "date": DATE.isoformat(),
        "persons": [
            {"id": "Anna", "role": "applicant", "birth_date": "1990-01-01", "net_income_month": income}
        ],
        "housing": {"kind": "rent"},
        "assets": assets,
    }


def _sim(household: dict, parameters: ParameterSet | None = None) -> Simulation:
    return Simulation(from_households([parse_household(household)]), parameters or default_parameters())


def _with_test_figures(figures: dict[str, object]) -> ParameterSet:
    """The bundled parameters with ``figures`` set from 2026 and marked known (test figures only)."""
    params = default_parameters()
    table = {path: params[path] for path in params.paths()}
    for path, value in figures.items():
        base = table[path]
        table[path] = replace(
            base,
            starts=(to_int(DATE),),
            values=(value,),
            value_notes=(None,),
            value_references=(None,),
            value_confidence=(None,),
            confidence="verified",
        )
    return ParameterSet(table)


# Test figures (no municipality's): income above 110 % of the reference norm counts for 35 % over
# 12 months; Nijmegen's wasmachine has a maximum of € 400.
TEST_DRAAGKRACHT = {
    "gemeenten.arnhem.bijzondere_bijstand.draagkracht.inkomensgrens": 1.10,
    "gemeenten.arnhem.bijzondere_bijstand.draagkracht.percentage": 0.35,
    "gemeenten.arnhem.bijzondere_bijstand.draagkracht.periode_maanden": 12,
    "gemeenten.nijmegen.bijzondere_bijstand.draagkracht.inkomensgrens": 1.20,
    "gemeenten.nijmegen.bijzondere_bijstand.draagkracht.percentage": 0.35,
    "gemeenten.nijmegen.bijzondere_bijstand.draagkracht.periode_maanden": 12,
    "gemeenten.nijmegen.bijzondere_bijstand_producten.wasmachine.prijs": 40000,
}


def test_draagkracht_income_above_the_limit():
    s = _sim(_household("arnhem", 1590.00), _with_test_figures(TEST_DRAAGKRACHT))
    # limit 1,10 x 0,95 x 1.401,50 = 1.464,5675 -> 1.464,57 (Arnhem's reference norm excl. VT);
    # (1.590,00 - 1.464,57) x 0,35 x 12 = 125,43 x 4,2 = 526,806 -> 526,81
    assert int(s("bijzondere_bijstand_draagkrachtgrens")[0]) == 146457
    assert int(s("bijzondere_bijstand_draagkracht")[0]) == 52681


def test_a_laptop_of_600_you_pay_x_the_municipality_pays_y():
    s = _sim(_household("arnhem", 1590.00), _with_test_figures(TEST_DRAAGKRACHT))
    laptop = bijzondere_bijstand_vergoeding(s, "laptop", 60000)
    # not on a list (Arnhem has none): the whole price counts; 600,00 - 526,81 = 73,19
    assert (laptop.eigen_deel, laptop.gemeente_deel) == (52681, 7319)
    assert laptop.tekst("Een laptop") == (
        "Een laptop van €\xa0600,00: u betaalt €\xa0526,81, de gemeente betaalt €\xa073,19."
    )


def test_draagkracht_above_the_price_leaves_nothing_for_the_municipality():
    s = _sim(_household("arnhem", 1590.00), _with_test_figures(TEST_DRAAGKRACHT))
    cheap = bijzondere_bijstand_vergoeding(s, "bril", 30000)
    assert (cheap.eigen_deel, cheap.gemeente_deel) == (30000, 0)


def test_assets_above_the_vermogensgrens_count_fully():
    # single 2026: vermogensgrens 8.000 (art. 34 lid 3); 8.250 - 8.000 = 250,00; income 1.000 < limit
    s = _sim(_household("arnhem", 1000.00, assets=8250), _with_test_figures(TEST_DRAAGKRACHT))
    assert int(s("bijzondere_bijstand_draagkracht")[0]) == 25000
    assert bool(s("bijzondere_bijstand")[0]) is True  # the assets lower the help, they do not refuse it


def test_the_list_maximum_caps_the_municipality_and_says_loan():
    s = _sim(_household("nijmegen", 1000.00), _with_test_figures(TEST_DRAAGKRACHT))
    assert int(s("bijzondere_bijstand_draagkracht")[0]) == 0  # 1.000 is below 120 % of the norm
    wasmachine = bijzondere_bijstand_vergoeding(s, "wasmachine", 60000)
    assert (wasmachine.maximum, wasmachine.eigen_deel, wasmachine.gemeente_deel) == (40000, 20000, 40000)
    assert wasmachine.tekst("Een wasmachine").endswith("meestal als lening.")


def test_bundled_figures_not_found_answer_unknown_never_zero():
    s = _sim(_household("arnhem", 1000.00))
    laptop = bijzondere_bijstand_vergoeding(s, "laptop", 60000)
    assert laptop.draagkracht is None and laptop.gemeente_deel is None and laptop.eigen_deel is None
    assert "rekent de gemeente uit" in laptop.tekst("Een laptop")
    nijmegen = _sim(_household("nijmegen", 1000.00))
    assert bijzondere_bijstand_vergoeding(nijmegen, "koelkast", 50000).gemeente_deel is None


def test_nijmegen_sends_the_school_laptop_to_stichting_leergeld():
    s = _sim(_household("nijmegen", 1000.00))
    assert "laptop" in producten(s)
    laptop = bijzondere_bijstand_vergoeding(s, "laptop", 60000)
    assert laptop.via == "Stichting Leergeld" and laptop.gemeente_deel == 0
    assert "Stichting Leergeld" in laptop.tekst("Een laptop")


def test_above_the_screen_limit_the_check_shows_no_help():
    # 1.700,00 > 1,20 x 0,95 x 1.401,50 = 1.597,71, the income up to which the check shows it possible
    s = _sim(_household("arnhem", 1700.00), _with_test_figures(TEST_DRAAGKRACHT))
    laptop = bijzondere_bijstand_vergoeding(s, "laptop", 60000)
    assert (laptop.mogelijk, laptop.eigen_deel, laptop.gemeente_deel) == (False, 60000, 0)


def test_the_scheme_says_the_draagkracht_is_unknown():
    out = entitlements(parse_household(_household("groningen", 1000.00)))
    scheme = next(x for x in out["schemes"] if x["id"] == "bijzondere_bijstand")
    assert scheme["eligible"] is True
    assert "draagkracht_unknown" in [r["code"] for r in scheme["reasons"]]


@pytest.mark.parametrize(
    ("case", "file", "key", "problem"),
    [
        (
            "product_without_price",
            "bijzondere_bijstand_producten.yaml",
            "bijzondere_bijstand_producten.laptop.prijs",
            "missing",
        ),
        (
            "draagkracht_without_percentage",
            "bijzondere_bijstand.yaml",
            "bijzondere_bijstand.draagkracht.percentage",
            "missing",
        ),
    ],
)
def test_bad_local_input_names_file_and_key(tmp_path, case, file, key, problem):
    root = tmp_path / "parameters"
    root.mkdir()
    shutil.copy(LOCAL_INVALID / case / file, root / file)
    with pytest.raises(ParameterFileError) as err:
        load_tree(root)
    assert err.value.file == f"parameters/{file}"
    assert err.value.key == key
    assert problem in err.value.problem


def test_the_scheme_names_the_draagkracht_from_the_engine():
    params = _with_test_figures(TEST_DRAAGKRACHT)
    out = entitlements(parse_household(_household("arnhem", 1590.00)), params)
    scheme = next(x for x in out["schemes"] if x["id"] == "bijzondere_bijstand")
    reason = next(r for r in scheme["reasons"] if r["code"] == "draagkracht")
    assert (
        reason["text"] == "U betaalt zelf de eerste €\xa0526,81 van de kosten in 12 maanden (uw draagkracht)."
    )


def test_nijmegen_names_stichting_leergeld_for_the_laptop():
    out = entitlements(parse_household(_household("nijmegen", 1000.00)))
    scheme = next(x for x in out["schemes"] if x["id"] == "bijzondere_bijstand")
    routes = [r["text"] for r in scheme["reasons"] if r["code"] == "other_route"]
    assert routes == ["Voor een laptop gaat u naar Stichting Leergeld."]
