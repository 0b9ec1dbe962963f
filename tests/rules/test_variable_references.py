"""Every variable names the legal rule it computes (``reference=``: an article, or a parameter path
whose source the trace cites), or says it is a step of arithmetic (``helper=True``); the trace
shows the reference."""

from __future__ import annotations

import inspect
import json
from pathlib import Path

from meedoen.rules import formulas  # noqa: F401  (registers every variable)
from meedoen.rules.engine import Simulation
from meedoen.rules.household import parse_household
from meedoen.rules.parameters import default_parameters
from meedoen.rules.population import from_households
from meedoen.rules.variables import all_versions, is_path

EXAMPLE = json.loads(
    (Path(__file__).parents[2] / "meedoen" / "examples" / "household_arnhem.json").read_text()
)


def _where(var) -> str:
    return f"{Path(inspect.getsourcefile(var.formula)).name}:{var.formula.__name__}"


def test_every_variable_has_a_reference_or_is_a_helper():
    missing = [_where(v) for v in all_versions() if not v.reference and not v.helper]
    assert not missing, "variables without reference= or helper=True: " + ", ".join(missing)


def test_a_helper_has_no_reference():
    both = [_where(v) for v in all_versions() if v.reference and v.helper]
    assert not both


def test_a_parameter_reference_names_a_parameter():
    params = default_parameters()
    municipalities = sorted(params.municipalities)
    unknown = []
    for v in all_versions():
        if not (v.reference and is_path(v.reference)):
            continue
        if v.reference.startswith("local:"):
            name = v.reference.removeprefix("local:")
            if not any(f"gemeenten.{m}.{name}" in params for m in municipalities):
                unknown.append(f"{_where(v)}: {v.reference}")
        elif v.reference not in params:
            unknown.append(f"{_where(v)}: {v.reference}")
    assert not unknown, "references to parameters that do not exist: " + ", ".join(unknown)


def test_the_trace_shows_each_reference():
    s = Simulation(from_households([parse_household(EXAMPLE)]), trace=True)
    for name in ("bijstand", "zorgtoeslag", "huurtoeslag", "kindgebonden_budget", "kinderbijslag"):
        s(name)
    entries = {e["variable"]: e for e in s.trace}
    article = entries["zorgtoeslag_jaar"]
    assert article["reference"] == "Wet op de zorgtoeslag art. 2"
    by_path = entries["huurtoeslag_leeftijd"]  # the parameter's legal source is cited
    assert by_path["reference"].startswith("Wet op de huurtoeslag art. 8")
    assert by_path["source"].startswith("https://wetten.overheid.nl/")
    shown = [e for e in s.trace if not e["variable"].startswith("input:")]
    assert shown and all("reference" in e or e["variable"] in _HELPERS for e in shown)


_HELPERS = {v.name for v in all_versions() if v.helper}
