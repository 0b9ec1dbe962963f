"""Issue 5's speed criterion: the engine against hand-written NumPy on every rule of the simulation.

For the synthetic population of a municipality, computes every variable the policy simulation
evaluates (``meedoen.analysis.simulation._evaluate``) and the rules it does not report
(``handwritten_all.EXTRAS``: the bijzondere-bijstand draagkracht, the sum of the local schemes) with
the engine, single-threaded like the hand-written peer (``bench/handwritten_all.py``), asserts that
both give identical arrays for each seed, and prints the best of 5 interleaved runs (wall and CPU
time), peak memory and the ratio. Twice: with the parameters as published, where most local
amounts are ``not_found`` (so their valuations are not computed), and with every such amount set to
a test value (:func:`all_valued`), so that every local rule and valuation runs. Timings on a shared
machine are noisy, so the load average is printed with them. Run ``python bench/simulation_peer.py``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
import zlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from handwritten_all import EXTRAS, handwritten_all
from run import peak_mb
from synthetic import synthetic_population

from meedoen.analysis.simulation import MEASURES, _evaluate, _measures
from meedoen.analysis.synthetic_population import synthetic
from meedoen.rules.engine import calculate
from meedoen.rules.parameters import ParameterSet, default_parameters
from meedoen.rules.periods import add_months, to_int
from meedoen.rules.population import Population

DATE = dt.date(2026, 1, 1)
DEFAULT_SEED = 2026  # synthetic()'s own default: the population bench/simulation.py measures


def simulation_variables(params: ParameterSet, municipality: str) -> list[str]:
    """The names ``_evaluate`` computes, taken from a run on a few households so that they cannot
    drift from the simulation's own list."""
    tiny = synthetic(municipality, DATE, households=100).population
    values, _ = _evaluate(tiny, params, _measures(params, municipality, DATE))
    return sorted(values)


# Test values for what a municipality's texts did not give: a share for the draagkracht limit and
# percentage, a period in months; an amount in cents is drawn from its path (see all_valued).
TEST_VALUES = {"inkomensgrens": 1.1, "percentage": 0.35, "periode_maanden": 12}


def all_valued(params: ParameterSet, municipality: str, **texts: str) -> ParameterSet:
    """``params`` with every parameter of the municipality marked ``not_found`` on ``DATE`` given a
    test value and marked found, so that every local rule and valuation runs (and the peers must
    have them all): an amount becomes 10.00 to 99.99 euro from its path's checksum (different
    amounts for one and more persons), a draagkracht rule ``TEST_VALUES``, a share or age keeps its
    value. ``texts`` sets text parameters (``gezinsbedrag_kind="voortgezet_onderwijs"``). These
    are test inputs, not figures: nothing shows them to anyone."""
    local = f"gemeenten.{municipality}."
    changed = {}
    for path in params.under(local.rstrip(".")):
        param, name = params[path], path.rsplit(".", 1)[1]
        value = texts.get(name)
        if value is None and param.confidence_at(DATE) != "not_found":
            continue
        if value is None and param.unit == "EUR":
            value = 1000 + zlib.crc32(path.encode()) % 9000
        elif value is None and ".draagkracht." in path:
            value = TEST_VALUES[name]
        elif value is None:
            value = param.at(DATE)
        changed[path] = replace(
            param, values=tuple(value for _ in param.starts), confidence="derived", value_confidence=()
        )
    return ParameterSet({path: changed.get(path, params[path]) for path in params.paths()})


def assert_identical(
    n: int, seeds: list[int], params: ParameterSet, municipality: str, names: list[str]
) -> None:
    """Engine and hand-written NumPy agree exactly on every variable, for every seed: on the
    municipality's synthetic population, and on a wider one (``wider``) that has what it lacks."""
    for seed in seeds:
        pops = {"": synthetic(municipality, DATE, households=n, seed=seed).population}
        pops |= {f" (wider, {d})": wider(min(n, 200_000), d, municipality, seed) for d in WIDER_DATES}
        for label, pop in pops.items():
            ours = calculate(pop, [*names, *EXTRAS], params, parts=1)
            peer = handwritten_all(pop, params, extras=True)
            expected = sorted([*names, *EXTRAS])
            assert sorted(peer) == expected, f"hand-written gives {sorted(peer)}, the engine {expected}"
            for name in expected:
                same = np.array_equal(ours[name], peer[name])
                assert same, f"n={n} seed={seed}{label}: results differ on {name}"


WIDER_DATES = (DATE, dt.date(2026, 5, 15), dt.date(2026, 12, 31))  # month and quarter rules


def wider(n: int, date: dt.date, municipality: str, seed: int) -> Population:
    """``bench/synthetic.py``'s population with gross wages at every age 18-90 (tax, ouderenkorting
    and the earnings disregard at AOW age, young tenants), half the persons with an
    ``earnings_since`` from two months ahead to 40 months back (the time-limited disregards) and a
    tenth temporary informal carers (art. 22a lid 4)."""
    pop = synthetic_population(n, date, municipality, seed=seed, wages=True)
    rng = np.random.default_rng(seed)
    p = len(pop.role)
    since = add_months(np.full(p, to_int(date)), -rng.integers(-2, 40, p))
    pop.earnings_since = np.where(rng.random(p) < 0.5, since, 0).astype(np.int32)
    pop.temporary_informal_carer = rng.random(p) < 0.1
    return pop


ROUNDS = 5


def interleaved(*runs: Callable[[], object]) -> list[tuple[float, float]]:
    """Best wall time and best CPU time (``time.process_time``) of each run over ``ROUNDS`` rounds,
    the runs taking turns, so that a burst of load on the shared machine hits all of them."""
    wall: list[list[float]] = [[] for _ in runs]
    cpu: list[list[float]] = [[] for _ in runs]
    for _ in range(ROUNDS):
        for i, run in enumerate(runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            run()
            wall[i].append(time.perf_counter() - start)
            cpu[i].append(time.process_time() - start_cpu)
    return [(min(w), min(c)) for w, c in zip(wall, cpu, strict=True)]


def compare(n: int, seeds: list[int], params: ParameterSet, municipality: str, label: str) -> float:
    """Check, time and print one population size; returns the ratio engine / hand-written."""
    names = simulation_variables(params, municipality)
    assert_identical(n, seeds, params, municipality, names)
    pop = synthetic(municipality, DATE, households=n, seed=seeds[0]).population
    every = [*names, *EXTRAS]
    (engine_s, engine_cpu), (hand_s, hand_cpu) = interleaved(
        lambda: calculate(pop, every, params, parts=1), lambda: handwritten_all(pop, params, extras=True)
    )
    engine_mb = peak_mb(lambda: calculate(pop, every, params, parts=1))
    hand_mb = peak_mb(lambda: handwritten_all(pop, params, extras=True))
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    ratio = engine_s / hand_s
    regelingen = len(_measures(params, municipality, DATE))
    print(
        f"Simulation rules, {municipality} {DATE}, {label}: {n:,} households ({len(pop.household):,}"
        f" persons), {len(names)} variables of {regelingen} regelingen ({len(MEASURES)} listed, the others"
        f" local) and {len(EXTRAS)} it does not report"
    )
    print(f"  engine, 1 thread   {engine_s:.3f} s   CPU {engine_cpu:.3f} s   peak {engine_mb:,.0f} MB")
    print(f"  hand-written NumPy {hand_s:.3f} s   CPU {hand_cpu:.3f} s   peak {hand_mb:,.0f} MB")
    print(
        f"  ratio engine / hand-written: {ratio:.2f}x (CPU {engine_cpu / hand_cpu:.2f}x)"
        f"   target (issues 5, 14) <= 1.5x   (best of {ROUNDS}, interleaved)"
    )
    print(f"  results identical for seeds {', '.join(map(str, seeds))} on {', '.join(every)}")
    print(f"  (and on a wider population with wages at every age, on {', '.join(map(str, WIDER_DATES))})")
    print(f"  load average {load} (1, 5, 15 min) on {os.cpu_count()} cores")
    return ratio


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, nargs="+", default=[10_000, 1_000_000])
    parser.add_argument("--seeds", type=int, nargs="+", default=[DEFAULT_SEED, 1, 2])
    parser.add_argument("--municipality", default="nijmegen")
    args = parser.parse_args()
    published = default_parameters()
    variants = {
        "parameters as published": published,
        "every amount not found set to a test value": all_valued(published, args.municipality),
    }
    for n in args.households:
        for label, params in variants.items():
            compare(n, args.seeds, params, args.municipality, label)


if __name__ == "__main__":
    main()
