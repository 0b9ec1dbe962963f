"""One engine on one population, in a fresh process: time and peak memory, results to a file.

    python worker.py ENGINE POPULATION.npz PARAMETERS.json RESULTS.npz [--rules all] [--repeat N]

ENGINE is ``meedoen`` or ``handwritten`` (Meedoen's environment), ``openfisca`` or
``openfisca-dict`` (the OpenFisca virtualenv) or ``policyengine`` (the PolicyEngine one). Prints one
line of JSON: the time to load the system (imports, parameters, TaxBenefitSystem), the best of N
repetitions for building the simulation, for calculating, and for both together, and the growth of
peak resident memory over all repetitions (the population itself is loaded before that).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import importlib
import json
import sys
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent.parent))  # Meedoen itself, when it is not installed

from common import (  # noqa: E402
    HOUSING_KINDS,
    INPUTS,
    ROLES,
    RULE_SETS,
    PeakMemory,
    load_arrays,
    read_json,
    slice_households,
)

PERIOD_FORMAT = "{:%Y-%m}"

# An engine: (load the system once) -> (build from arrays, calculate the results).
Build = Callable[[dict[str, Any]], Any]
Calculate = Callable[[Any], dict[str, np.ndarray]]


def meedoen_engine(
    exported: dict[str, Any], rules: str, handwritten: bool = False
) -> tuple[Build, Calculate, str]:
    from meedoen.rules import formulas  # noqa: F401 - registers the formulas
    from meedoen.rules.engine import calculate
    from meedoen.rules.parameters import default_parameters
    from meedoen.rules.population import Population

    sys.path.insert(0, str(HERE.parent))
    params = default_parameters()
    if exported.get("all_valued") is not None:  # the not-found amounts set to test values
        from simulation_peer import all_valued

        params = all_valued(params, exported["municipality"], **exported["all_valued"])
    params.resolve(dt.date.fromisoformat(exported["date"]))

    def build(arrays: dict[str, Any]) -> Any:
        return Population(**arrays)

    if handwritten:
        if rules == "all":
            from handwritten_all import handwritten_all

            return build, lambda pop: handwritten_all(pop, params, extras=True), f"numpy {np.__version__}"
        from handwritten import rules as numpy_rules

        return build, lambda pop: numpy_rules(pop, params), f"numpy {np.__version__}"

    names = exported["results"]

    def calc(pop: Any) -> dict[str, np.ndarray]:
        return calculate(pop, names, params)

    return build, calc, f"meedoen {version('meedoen')}, numpy {np.__version__}"


def openfisca_engine(core: str, exported: dict[str, Any], rules: str) -> tuple[Build, Calculate, str]:
    """The arrays path: SimulationBuilder with declared entities, then set_input per variable."""
    from model import build_system

    package = {"openfisca": "openfisca_core", "policyengine": "policyengine_core"}[core]
    simulations = importlib.import_module(f"{package}.simulations")
    system = build_system(core, exported)
    flattened = [r.key for r in system.group_entities[0].flattened_roles]
    assert flattened == list(ROLES), flattened
    period = PERIOD_FORMAT.format(dt.date.fromisoformat(exported["date"]))
    person_inputs, household_inputs = INPUTS[rules]
    names = exported["results"]

    def build(arrays: dict[str, Any]) -> Any:
        household, role = arrays["household"], arrays["role"]
        n, p = len(arrays["housing_kind"]), len(household)
        builder = simulations.SimulationBuilder()
        builder.create_entities(system)
        builder.declare_person_entity("person", np.arange(p))
        households = builder.declare_entity("household", np.arange(n))
        # Integer roles index the entity's flattened roles (the fastest form join_with_persons takes;
        # role keys as strings cost OpenFisca a comparison per role over every person).
        builder.join_with_persons(households, household, role)
        sim = builder.build(system)
        sim.set_input("birth", "ETERNITY", arrays["birth"])
        for name, column in (*person_inputs, *household_inputs):
            sim.set_input(name, period, arrays[column])
        return sim

    def calc(sim: Any) -> dict[str, np.ndarray]:
        return {name: np.asarray(sim.calculate(name, period)) for name in names}

    dist = package.replace("_", "-")
    return build, calc, f"{dist} {version(dist)}, numpy {np.__version__}"


def situation(arrays: dict[str, Any], period: str, rules: str) -> dict[str, Any]:
    """The population in OpenFisca's web-API JSON format (persons and households by id)."""
    household, role = arrays["household"].tolist(), arrays["role"].tolist()
    person_inputs, household_inputs = INPUTS[rules]
    persons: dict[str, Any] = {
        f"p{i}": {"birth": {"ETERNITY": b}} for i, b in enumerate(arrays["birth"].tolist())
    }
    for name, column in person_inputs:
        for i, value in enumerate(arrays[column].tolist()):
            persons[f"p{i}"][name] = {period: value}
    households: dict[str, Any] = {
        f"h{h}": {"applicant": [], "partner": [], "children": [], "housemates": []}
        for h in range(len(arrays["housing_kind"]))
    }
    for name, column in household_inputs:
        values = arrays[column].tolist()
        if name == "housing_kind":
            values = [HOUSING_KINDS[kind] for kind in values]
        for h, value in enumerate(values):
            households[f"h{h}"][name] = {period: value}
    keys = ("applicant", "partner", "children", "housemates")
    for i, (h, r) in enumerate(zip(household, role, strict=True)):
        households[f"h{h}"][keys[r]].append(f"p{i}")
    return {"persons": persons, "households": households}


def openfisca_dict_engine(exported: dict[str, Any], rules: str) -> tuple[Build, Calculate, str]:
    """The household-dict path of the web API: build_from_entities on the JSON situation. The
    JSON is made before the clock starts (it is what a client sends)."""
    from model import build_system
    from openfisca_core.simulations import SimulationBuilder

    system = build_system("openfisca", exported)
    period = PERIOD_FORMAT.format(dt.date.fromisoformat(exported["date"]))

    def build(prepared: dict[str, Any]) -> Any:
        return SimulationBuilder().build_from_entities(system, prepared)

    def calc(sim: Any) -> dict[str, np.ndarray]:
        return {name: np.asarray(sim.calculate(name, period)) for name in exported["results"]}

    build.prepare = lambda arrays: situation(arrays, period, rules)  # type: ignore[attr-defined]
    return build, calc, f"openfisca-core {version('openfisca-core')}, numpy {np.__version__}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    engines = ["meedoen", "handwritten", "openfisca", "openfisca-dict", "policyengine"]
    parser.add_argument("engine", choices=engines)
    parser.add_argument("population", type=Path)
    parser.add_argument("parameters", type=Path)
    parser.add_argument("results", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rules", choices=RULE_SETS, default="all")
    args = parser.parse_args()

    exported = read_json(args.parameters)
    start = time.perf_counter()
    if args.engine in ("meedoen", "handwritten"):
        build, calc, versions = meedoen_engine(exported, args.rules, handwritten=args.engine == "handwritten")
    elif args.engine == "openfisca-dict":
        build, calc, versions = openfisca_dict_engine(exported, args.rules)
    else:
        build, calc, versions = openfisca_engine(args.engine, exported, args.rules)
    system_s = time.perf_counter() - start

    arrays = load_arrays(args.population)
    prepare = getattr(build, "prepare", lambda a: a)
    calc(build(prepare(slice_households(arrays, 50))))  # warm-up: lazy imports, first-call caches
    prepared = prepare(arrays)
    del arrays
    gc.collect()

    builds, calcs, totals = [], [], []
    with PeakMemory() as memory:
        for i in range(args.repeat):
            t0 = time.perf_counter()
            sim = build(prepared)
            t1 = time.perf_counter()
            results = calc(sim)
            t2 = time.perf_counter()
            builds.append(t1 - t0)
            calcs.append(t2 - t1)
            totals.append(t2 - t0)
            del sim
            if i < args.repeat - 1:
                del results
            gc.collect()
    names = exported["results"]
    np.savez(args.results, **{name: np.asarray(results[name]).astype(np.int64) for name in names})
    print(
        json.dumps(
            {
                "engine": args.engine,
                "versions": versions,
                "python": sys.version.split()[0],
                "system_s": system_s,
                "build_s": min(builds),
                "calc_s": min(calcs),
                "total_s": min(totals),
                "peak_mb": memory.mb,
                "repeat": args.repeat,
            }
        )
    )


if __name__ == "__main__":
    main()
