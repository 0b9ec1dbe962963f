"""``defined_for``: a variable is computed only where its condition holds, nil elsewhere.

The engine asks for the condition, does not call the formula where it holds nowhere, calls it
plainly where it holds everywhere, and otherwise hands it the rows where it holds (``s.rows``) and
scatters (or masks a whole column). The trace shows the condition among the variable's inputs.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import numpy as np
import pytest

from meedoen.rules import variables as registry
from meedoen.rules.engine import HOUSEHOLD, PERSON, REGISTRY, Simulation, variable
from meedoen.rules.household import parse_household
from meedoen.rules.population import from_households

EXAMPLE = json.loads(
    (Path(__file__).parents[2] / "meedoen" / "examples" / "household_arnhem.json").read_text()
)


def _population(assets: list[float]):
    households = []
    for amount in assets:
        h = copy.deepcopy(EXAMPLE)
        h["assets"] = amount
        households.append(parse_household(h))
    return from_households(households)


@pytest.fixture
def toy():
    """Registers throw-away variables (``_df_*``) and removes them afterwards."""
    names: list[str] = []
    calls: list[object] = []

    def define(name, formula, unit="EUR", entity=HOUSEHOLD, **kw):
        names.append(name)
        kw.setdefault("defined_for", "_df_rich")
        variable(entity, name, unit, name=name, helper=True, **kw)(formula)

    def rich(s):
        return s.pop.assets_cents > 100_000

    define("_df_rich", rich, "bool", defined_for=None)
    yield define, calls
    for name in names:
        REGISTRY.pop(name, None)
        registry._VERSIONS.pop(name, None)
    registry.in_force.cache_clear()


def test_the_formula_is_not_called_where_the_condition_holds_nowhere(toy):
    define, calls = toy

    def amount(s):
        calls.append(s.rows)
        return np.full(len(s.rows), 7, np.int64)

    define("_df_amount", amount)
    value = Simulation(_population([10.0, 20.0]))("_df_amount")
    assert calls == []
    assert value.tolist() == [0, 0] and value.dtype == np.int64


def _assets_in_euro(calls):
    """A formula returning the assets in euro at ``s.rows``, recording the rows it was given."""

    def amount(s):
        calls.append(s.rows)
        return s.pop.assets_cents[s.rows] // 100

    return amount


def test_where_the_condition_holds_everywhere_the_formula_sees_every_row(toy):
    define, calls = toy
    define("_df_amount", _assets_in_euro(calls))
    value = Simulation(_population([2000.0, 3000.0]))("_df_amount")
    assert calls == [slice(None)]
    assert value.tolist() == [2000, 3000]


def test_values_at_the_rows_are_scattered_and_the_rest_is_nil(toy):
    define, calls = toy
    define("_df_amount", _assets_in_euro(calls))
    value = Simulation(_population([10.0, 2000.0, 20.0, 3000.0]))("_df_amount")
    assert [r.tolist() for r in calls] == [[1, 3]]  # an index array, not a mask
    assert value.tolist() == [0, 2000, 0, 3000]


def test_a_whole_column_is_masked_and_keeps_its_type(toy):
    define, _ = toy
    define("_df_column", lambda s: s.pop.assets_cents // 100)
    define("_df_flag", lambda s: s.pop.assets_cents > 0, "bool")
    s = Simulation(_population([10.0, 2000.0]))
    assert s("_df_column").tolist() == [0, 2000]
    assert s("_df_flag").tolist() == [False, True] and s("_df_flag").dtype == bool


def test_a_condition_of_another_entity_is_refused(toy):
    define, _ = toy
    define("_df_person", lambda s: np.ones(len(s.pop.role), np.int64), entity=PERSON)
    with pytest.raises(ValueError, match="another entity"):
        Simulation(_population([2000.0]))("_df_person")


def test_reading_rows_without_a_condition_is_refused_when_declared():
    def amount(s):
        return s.rows

    with pytest.raises(ValueError, match="not defined_for"):
        variable(HOUSEHOLD, "x", "EUR", name="_df_no_condition")(amount)
    assert "_df_no_condition" not in REGISTRY


def test_the_trace_shows_the_condition_and_the_amount():
    s = Simulation(from_households([parse_household(EXAMPLE)]), trace=True)
    s("zorgtoeslag")
    entry = next(e for e in s.trace if e["variable"] == "zorgtoeslag")
    assert entry["defined_for"] == "zorgtoeslag_recht"
    assert entry["inputs"][0] == "zorgtoeslag_recht"
    shown = {e["variable"] for e in s.trace}
    assert {"zorgtoeslag_recht", "zorgtoeslag_jaar"} <= shown
    euros = int(s("zorgtoeslag_jaar")[0]) // 12 // 100  # paid per month in whole euros
    assert s("zorgtoeslag_recht")[0] and euros > 0
    assert entry["value"] == euros


# The amounts that used to gather and scatter (or np.where) by hand over their right.
DECLARED = {
    "bijstand": "bijstand_recht",
    "zorgtoeslag": "zorgtoeslag_recht",
    "huurtoeslag": "huurtoeslag_recht",
    "kinderbijslag": "kinderbijslag_recht",
    "kindgebonden_budget": "kgb_recht",
    "kostendelersnorm": "kostendelersnorm_van_toepassing",
    "huurtoeslag_berekend": "huurtoeslag_huurwoning",
    "huurtoeslag_normhuur": "huurtoeslag_huurwoning",
    "ouderenkorting": "has_aow_age",
    "alleenstaande_ouderenkorting": "has_aow_age",
    "kgb_jaar": "kgb_kinderen",
    "individuele_inkomenstoeslag": "individuele_inkomenstoeslag_recht",
    "kwijtschelding": "kwijtschelding_recht",
    "stadspas_waarde_maand": "stadspas",
    "collectieve_zorgverzekering_waarde_maand": "collectieve_zorgverzekering",
}


def test_the_amounts_declare_their_condition():
    from meedoen.rules import formulas  # noqa: F401

    for name, condition in DECLARED.items():
        assert {v.defined_for for v in registry.versions(name)} == {condition}, name


def test_every_condition_is_a_known_boolean_of_the_same_entity():
    from meedoen.rules import formulas  # noqa: F401

    for var in registry.all_versions():
        if var.defined_for and not var.name.startswith("_df_"):
            condition = REGISTRY[var.defined_for]
            assert condition.unit == "bool" and condition.entity == var.entity, var.name


def test_a_restricted_variable_asked_for_inside_another_sees_its_own_rows(toy):
    define, calls = toy
    define("_df_poor", lambda s: s.pop.assets_cents < 100_000, "bool", defined_for=None)
    define("_df_inner", _assets_in_euro(calls), defined_for="_df_poor")

    def outer(s):
        inner = s("_df_inner")  # first computed here, with the rows of its own condition
        calls.append(s.rows)
        return inner[s.rows] + 1

    define("_df_outer", outer)
    value = Simulation(_population([10.0, 2000.0, 20.0, 3000.0]))("_df_outer")
    assert [r.tolist() for r in calls] == [[0, 2], [1, 3]]
    assert value.tolist() == [0, 1, 0, 1]
