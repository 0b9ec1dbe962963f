"""The engine's contract: an unknown variable is named with close names; a scheme's status follows
from the parameters its result used (tracked transitively, also through cached variables)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from meedoen.rules.engine import Simulation
from meedoen.rules.errors import UnknownVariableError
from meedoen.rules.household import parse_household
from meedoen.rules.population import from_households

EXAMPLE = json.loads(
    (Path(__file__).parents[2] / "meedoen" / "examples" / "household_arnhem.json").read_text()
)


def _sim(**kw) -> Simulation:
    return Simulation(from_households([parse_household(EXAMPLE)]), **kw)


def test_an_unknown_variable_is_named_with_suggestions():
    with pytest.raises(UnknownVariableError) as err:
        _sim()("zorgtoeslagg")
    assert "unknown variable 'zorgtoeslagg'" in str(err.value)
    assert "zorgtoeslag" in err.value.suggestions


def test_what_a_result_rests_on_includes_cached_inputs():
    s = _sim(track=True)
    s("norm")  # computed first, then reused from the cache by bijstand
    norm_params = s.rests_on("norm")
    assert "nl.participatiewet.normen.gehuwden_21_tot_aow" in norm_params
    assert norm_params <= s.rests_on("bijstand")
    with s.recording() as used:
        s("bijstand")  # cached: still counted
    assert norm_params <= used


def test_recording_needs_tracking():
    with pytest.raises(RuntimeError), _sim().recording():
        pass


def test_the_status_of_a_later_date_names_the_figures_that_ran_out_first():
    from meedoen.rules.coverage import status_of
    from meedoen.rules.parameters import default_parameters

    s = _sim(track=True)
    params = default_parameters()
    status = status_of(params, s.rests_on("norm"), dt.date(2035, 1, 1))
    norms = params["nl.participatiewet.normen.gehuwden_21_tot_aow"]
    assert status.status == "provisional"
    assert status.values_until == norms.coverage[1]
    assert status.basis == norms.basis(20350101)
