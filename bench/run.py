"""Benchmarks of the rules engine: one household with its trace, and a million households.

Prints figures and ratios from one run; asserts that the engine and the hand-written NumPy peer
give identical results. Run with ``make bench`` (or ``python bench/run.py --households 1000000``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
ROOT = Path(__file__).resolve().parent.parent

from handwritten import rules as handwritten_rules  # noqa: E402
from synthetic import synthetic_population  # noqa: E402

from meedoen.analysis.household_types import load_types  # noqa: E402
from meedoen.analysis.job_offer import Offer, compare  # noqa: E402
from meedoen.analysis.minima_effect import compute  # noqa: E402
from meedoen.rules import formulas  # noqa: E402, F401
from meedoen.rules.engine import HOUSEHOLD, REGISTRY, Simulation, calculate  # noqa: E402
from meedoen.rules.entitlements import entitlements  # noqa: E402
from meedoen.rules.household import parse_household  # noqa: E402
from meedoen.rules.parameters import default_parameters  # noqa: E402
from meedoen.rules.population import from_households  # noqa: E402

ISSUE_3_RESULTS = (
    "household_type", "kostendelers", "norm", "norm_excl_vakantietoeslag", "vakantietoeslag",
    "income_net_month", "bijstand",
)  # fmt: skip


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
    pop = from_households([household])

    def norms_with_trace():
        s = Simulation(pop, trace=True)
        for name in ISSUE_3_RESULTS:
            s(name)

    norms = median_ms(norms_with_trace, repeat)
    full = median_ms(lambda: entitlements(household), repeat)
    schemes = len(entitlements(household)["schemes"])
    print("One household (bundled Arnhem example), in-process, median after warm-up, full trace:")
    print(f"  norms, kostendelersnorm, bijstand        {norms:.3f} ms   target (issue 3) <= 0.5 ms")
    print(f"  all {schemes} schemes, contract JSON + trace  {full:.3f} ms   target (issues 5, 14) <= 2 ms")
    print("  reference (issues 3 and 5, same machine): OpenFisca ~1.8 ms for 22 formulas")


# The national rules and the household structure: every formula module outside formulas/gemeenten.
NATIONAL_PACKAGES = ("meedoen.rules.formulas.nl.", "meedoen.rules.formulas.household.")


def bench_population(n: int) -> None:
    params = default_parameters()
    pop = synthetic_population(n)
    names = list(ISSUE_3_RESULTS)
    engine_s = best_s(lambda: calculate(pop, names, params))
    hand_s = best_s(lambda: handwritten_rules(pop, params))
    engine_mb = peak_mb(lambda: calculate(pop, names, params))
    hand_mb = peak_mb(lambda: handwritten_rules(pop, params))
    ours = calculate(pop, names, params)
    peer = handwritten_rules(pop, params)
    for key, value in peer.items():
        assert np.array_equal(ours[key], value), f"engine and hand-written NumPy differ on {key}"
    print(f"Population: {n:,} households, {len(pop.household):,} persons; Participatiewet norms and bijstand")
    print(f"  engine            {engine_s:.3f} s   peak {engine_mb:,.0f} MB   target <= 0.3 s, <= 1 GB")
    print(f"  hand-written NumPy {hand_s:.3f} s   peak {hand_mb:,.0f} MB")
    print(f"  ratio engine / hand-written: {engine_s / hand_s:.2f}x   target <= 1.5x")
    print(f"  results identical on {', '.join(peer)}")
    everything = [
        name
        for name, var in REGISTRY.items()
        if var.entity == HOUSEHOLD and var.formula.__module__.startswith(NATIONAL_PACKAGES)
    ]
    working = synthetic_population(n, wages=True)
    all_s = best_s(lambda: calculate(working, everything, params), repeat=1)
    all_mb = peak_mb(lambda: calculate(working, everything, params))
    print(
        f"  all national rules ({len(everything)} household variables; 45 % earn a gross wage, net derived):"
    )
    print(f"  engine            {all_s:.3f} s   peak {all_mb:,.0f} MB   (peer: bench/simulation_peer.py)")


def bench_analysis() -> None:
    types = load_types()
    compute("arnhem", dt.date(2026, 1, 1), types)  # warm-up: imports and caches
    mer_s = best_s(lambda: compute("arnhem", dt.date(2026, 1, 1), types, points=1000))
    print(f"Minima-effect analysis: {len(types)} household types x 1,000 income points, all components")
    print(f"  compute            {mer_s:.3f} s   target <= 2 s")
    household = parse_household((ROOT / "meedoen/examples/household_arnhem.json").read_text())
    offer = Offer(hours_week=Decimal(24), hourly_wage=Decimal("14.71"))
    job_ms = median_ms(lambda: compare(household, offer), repeat=50, warmup=5)
    print(f"'Does this job pay?' (12 months, now and with the job) median {job_ms:.1f} ms   target <= 50 ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=2000)
    args = parser.parse_args()
    bench_one_household(args.repeat)
    bench_population(args.households)
    bench_analysis()


if __name__ == "__main__":
    main()
