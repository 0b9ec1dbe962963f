"""One formula definition, two ways to run it: a population gives what each household gives alone."""

import datetime as dt
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meedoen.rules import engine, formulas  # noqa: F401
from meedoen.rules.engine import HOUSEHOLD, PERSON, REGISTRY, Simulation, calculate
from meedoen.rules.errors import UnknownParameterError
from meedoen.rules.household import parse_household
from meedoen.rules.population import from_households
from tests.rules.strategies import households

EXAMPLE = (Path(__file__).parents[2] / "meedoen" / "examples" / "household_arnhem.json").read_text()


def arnhem_has(name: str) -> bool:
    """Whether a variable can be computed for Arnhem (local regelingen of other towns cannot)."""
    try:
        Simulation(from_households([parse_household(EXAMPLE)]))(name)
    except UnknownParameterError:
        return False
    return True


HOUSEHOLD_VARS = [n for n, v in REGISTRY.items() if v.entity == HOUSEHOLD and arnhem_has(n)]
PERSON_VARS = [n for n, v in REGISTRY.items() if v.entity == PERSON and arnhem_has(n)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(households(date=dt.date(2026, 1, 1)), min_size=1, max_size=25))
def test_population_equals_each_household_alone(raw):
    parsed = [parse_household(h) for h in raw]
    together = calculate(from_households(parsed), HOUSEHOLD_VARS + PERSON_VARS)
    start = 0
    for i, household in enumerate(parsed):
        alone = Simulation(from_households([household]), trace=True)
        n = len(household.persons)
        for name in HOUSEHOLD_VARS:
            assert np.array_equal(together[name][i], alone(name)[0]), (name, raw[i])
        for name in PERSON_VARS:
            assert np.array_equal(together[name][start : start + n], alone(name)), (name, raw[i])
        start += n


@settings(max_examples=80, deadline=None)
@given(households())
def test_every_household_gets_a_norm_and_no_negative_bijstand(raw):
    s = Simulation(from_households([parse_household(raw)]))
    assert s("norm")[0] >= 0
    assert 0 <= s("bijstand")[0] <= s("norm")[0]
    assert s("vakantietoeslag")[0] + s("norm_excl_vakantietoeslag")[0] == s("norm")[0]
    assert s("kostendelers")[0] >= 1


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(households(date=dt.date(2026, 1, 1)), min_size=3, max_size=20), st.integers(2, 3))
def test_households_in_threaded_blocks_give_the_same_result(raw, parts):
    population = from_households([parse_household(h) for h in raw])
    whole = calculate(population, HOUSEHOLD_VARS + PERSON_VARS)
    original, engine.MIN_PART = engine.MIN_PART, 1  # split even this small population
    try:
        split = calculate(population, HOUSEHOLD_VARS + PERSON_VARS, parts=parts)
    finally:
        engine.MIN_PART = original
    for name, value in whole.items():
        assert np.array_equal(split[name], value), name
