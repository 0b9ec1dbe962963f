"""A reform can give a figure the sources lack (``confidence: not_found``): it becomes known with
confidence ``reform`` (counted, never verified); a value of the wrong type is still refused with
the file and key named."""

import datetime as dt
import inspect
import json
from pathlib import Path

import pytest

from meedoen.rules.entitlements import entitlements
from meedoen.rules.errors import ParameterFileError
from meedoen.rules.formulas.gemeenten.lokale_regelingen import unvalued_schemes, valuation_status
from meedoen.rules.household import parse_household
from meedoen.rules.parameters import REFORM, default_parameters
from meedoen.rules.reforms import apply_reform, reform_figures

EXAMPLES = Path(__file__).resolve().parents[2] / "meedoen" / "examples"
EXAMPLE = EXAMPLES / "aanname_gelrepas_budget.yaml"
BUDGET = "gemeenten.arnhem.stadspas.waarde_per_persoon_per_jaar"
SCHOOL = "gemeenten.arnhem.stadspas.schoolkosten_per_kind_per_jaar"
DATE = dt.date(2026, 1, 1)


def test_the_example_fills_figures_the_sources_do_not_have():
    params = default_parameters()
    # the precondition of the example: when a source gives these budgets, the example goes
    for path in (BUDGET, SCHOOL):
        assert params[path].confidence_at(DATE) == "not_found", f"{path} was found: update the example"
    assert "stadspas" in unvalued_schemes(params, "arnhem", DATE)


def test_a_reform_value_for_a_not_found_figure_is_known_and_marked_reform():
    params = default_parameters()
    reformed = apply_reform(params, EXAMPLE)
    assert reformed[BUDGET].at(DATE) == 10_000  # € 100 in cents
    assert reformed[SCHOOL].at(DATE) == 5_000
    assert reformed[BUDGET].confidence_at(DATE) == REFORM != "verified"
    assert reformed[BUDGET].confidence_at(dt.date(2025, 12, 31)) == "not_found"  # before the reform's date
    assert valuation_status(reformed, "arnhem", DATE)["stadspas_waarde_maand"] == "valued"
    assert valuation_status(params, "arnhem", DATE)["stadspas_waarde_maand"] == "unknown"  # untouched
    assert "stadspas" not in unvalued_schemes(reformed, "arnhem", DATE)


def test_the_figures_from_the_reform_are_named_as_assumptions():
    reformed = apply_reform(default_parameters(), EXAMPLE)
    figures = reform_figures(reformed, [BUDGET, SCHOOL, "gemeenten.arnhem.stadspas.inkomensgrens"], DATE)
    assert [f.path for f in figures] == [SCHOOL, BUDGET]  # the limit is the sources' own
    budget = figures[1]
    assert budget.was_unknown and budget.value == "€\u00a0100,00"
    assert budget.text().startswith("bedrag uit de hervorming (aanname): Budget (tegoed) op de GelrePas")
    assert "niet gevonden" not in budget.text()
    assert reform_figures(reformed, [BUDGET], dt.date(2025, 12, 31)) == []  # not yet in force


def test_a_changed_known_figure_is_from_the_reform_but_not_an_assumption():
    path = "gemeenten.arnhem.stadspas.inkomensgrens"
    reformed = apply_reform(default_parameters(), {"description": "x", "changes": {path: {DATE: 1.25}}})
    (figure,) = reform_figures(reformed, [path], DATE)
    assert not figure.was_unknown and figure.value == "125%"
    assert figure.text().startswith("uit de hervorming: Inkomensgrens")


def test_the_values_a_reform_leaves_keep_their_own_marks():
    params = default_parameters()
    path, param = next(
        (p, params[p])
        for p in params.paths()
        if any(c for c in params[p].value_confidence) and params[p].unit == "EUR"
    )
    later = param.starts[-1] + 10000  # a year after its last value
    reformed = params.with_values({path: {later: 12_345}})
    for start in param.starts:
        assert reformed[path].confidence_at(start) == param.confidence_at(start)
        assert reformed[path].references_at(start) == param.references_at(start)
    assert reformed[path].confidence_at(later) == REFORM


LIMIT = "gemeenten.arnhem.stadspas.inkomensgrens"


@pytest.mark.parametrize(
    ("path", "value", "problem"),
    [
        (BUDGET, "honderd", "expected an amount in euro, got 'honderd'"),
        (BUDGET, 100.005, "more than two decimals in 100.005"),
        (BUDGET, -100, "expected an amount of 0 or more, got -100.00"),
        (LIMIT, 120, "expected a share (1.20 is 120 %), got 120"),
        (LIMIT, "120%", "expected a number (/1), got '120%'"),
    ],
)
def test_a_value_of_the_wrong_type_or_unit_is_refused_naming_file_and_key(tmp_path, path, value, problem):
    bad = tmp_path / "aanname.yaml"
    bad.write_text(f"description: x\nchanges:\n  {path}:\n    2026-01-01: {value!r}\n")
    with pytest.raises(ParameterFileError) as err:
        apply_reform(default_parameters(), bad)
    message = str(err.value)
    assert str(bad) in message and f"changes.{path}.2026-01-01" in message and problem in message


def test_a_reform_value_is_not_verified_in_the_trace_and_reforms_do_not_reach_the_decisions():
    """The automated decision refuses any parameter whose trace confidence is not ``verified``
    (meedoen/web/decisions/automation.py); a reform's figure is traced as ``reform``. And the web's
    one door to the engine takes no parameters: decisions always use the bundled ones."""
    household = parse_household(json.loads((EXAMPLES / "household_arnhem.json").read_text(encoding="utf-8")))
    result = entitlements(household, apply_reform(default_parameters(), EXAMPLE), trace=True)
    used = [p for entry in result["trace"] for p in entry["parameters"] if p["path"] == BUDGET]
    assert used and all(p["confidence"] == REFORM for p in used)
    from meedoen.web.calculation import evaluate  # no Django settings needed to import it

    assert list(inspect.signature(evaluate).parameters) == ["household", "trace"]
