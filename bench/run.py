"""Benchmarks of the rules engine: one household with its trace, and a million households.

Prints figures and ratios from one run; asserts that the engine and the hand-written NumPy peer
give identical results. Run with ``make bench`` (or ``python bench/run.py --households 1000000``).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
ROOT = Path(__file__).resolve().parent.parent

from handwritten import rules as handwritten_rules  # noqa: E402
from synthetic import synthetic_population  # noqa: E402

from meedoen.rules import formulas  # noqa: E402, F401
from meedoen.rules.engine import HOUSEHOLD, REGISTRY, Simulation, calculate  # noqa: E402
from meedoen.rules.entitlements import entitlements  # noqa: E402
from meedoen.rules.household import parse_household  # noqa: E402
from meedoen.rules.parameters import default_parameters  # noqa: E402
from meedoen.rules.population import from_households  # noqa: E402


def median_ms(fn, repeat: int, warmup: int = 200) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def best_s(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def peak_mb(fn) -> float:
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def bench_one_household(repeat: int) -> None:
    household = parse_household((ROOT / "meedoen/examples/household_arnhem.json").read_text())
    names = list(REGISTRY)
    pop = from_households([household])

    def engine_with_trace():
        s = Simulation(pop, trace=True)
        for name in names:
            s(name)

    full = median_ms(lambda: entitlements(household), repeat)
    engine = median_ms(engine_with_trace, repeat)
    print("One household (bundled Arnhem example), all rules so far, full trace:")
    print(f"  check output (contract JSON incl. trace) median {full:.3f} ms   target <= 0.5 ms")
    print(f"  engine only ({len(names)} variables, trace) median {engine:.3f} ms")
    print("  reference (issue 3, same machine): OpenFisca ~1.8 ms for 22 formulas")


def bench_population(n: int) -> None:
    params = default_parameters()
    pop = synthetic_population(n)
    names = [name for name, var in REGISTRY.items() if var.entity == HOUSEHOLD]
    engine_s = best_s(lambda: calculate(pop, names, params))
    hand_s = best_s(lambda: handwritten_rules(pop, params))
    engine_mb = peak_mb(lambda: calculate(pop, names, params))
    hand_mb = peak_mb(lambda: handwritten_rules(pop, params))
    ours = calculate(pop, names, params)
    peer = handwritten_rules(pop, params)
    for key, value in peer.items():
        assert np.array_equal(ours[key], value), f"engine and hand-written NumPy differ on {key}"
    print(f"Population: {n:,} households, {len(pop.household):,} persons, {len(names)} household variables")
    print(f"  engine            {engine_s:.3f} s   peak {engine_mb:,.0f} MB   target <= 0.3 s, <= 1 GB")
    print(f"  hand-written NumPy {hand_s:.3f} s   peak {hand_mb:,.0f} MB")
    print(f"  ratio engine / hand-written: {engine_s / hand_s:.2f}x   target <= 1.5x")
    print(f"  results identical on {', '.join(peer)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=2000)
    args = parser.parse_args()
    bench_one_household(args.repeat)
    bench_population(args.households)


if __name__ == "__main__":
    main()
