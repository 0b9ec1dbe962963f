"""Benchmark of the policy simulation: a million households from a Parquet file to results.

Prints, from one run: the time to read and validate the table, to compute every national and local
rule of the municipality (the valued local schemes, kwijtschelding and energy poverty included) and
the peak memory; then, on the same loaded population, the engine single-threaded against the
hand-written NumPy peer (``bench/handwritten_all.py``, identical results asserted) and the ratio,
with the load average (the machine is shared: absolute times move with it, the ratio less).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from handwritten_all import handwritten_all
from simulation_peer import all_valued

from meedoen.analysis.population_table import read_population, write_population
from meedoen.analysis.simulation import MEASURES, _evaluate, _measures
from meedoen.analysis.synthetic_population import synthetic
from meedoen.rules.engine import calculate
from meedoen.rules.parameters import default_parameters

DATE = dt.date(2026, 1, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=1_000_000)
    parser.add_argument("--municipality", default="nijmegen")
    parser.add_argument("--no-peer", action="store_true", help="skip the hand-written comparison")
    parser.add_argument(
        "--all-valued",
        action="store_true",
        help="every local amount not found set to a test value, so that every valuation runs",
    )
    args = parser.parse_args()
    params = default_parameters()
    if args.all_valued:
        params = all_valued(params, args.municipality)
    data = synthetic(args.municipality, DATE, households=args.households)
    measures = _measures(params, args.municipality, DATE)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bevolking.parquet"
        write_population(data, path)
        _evaluate(synthetic(args.municipality, DATE, households=100).population, params, measures)  # warm-up
        runs = []
        for _ in range(3):  # best of three, as the other benches: the file is in the page cache each time
            start = time.perf_counter()
            loaded = read_population(path, DATE, args.municipality)
            read_s = time.perf_counter() - start
            values, _ = _evaluate(loaded.population, params, measures)
            runs.append((time.perf_counter() - start, read_s))
        total_s, read_s = min(runs)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # whole process, incl. the set-up
    persons = len(loaded.population.household)
    print(
        f"Simulation {args.municipality}: {args.households:,} households ({persons:,} persons) from Parquet"
        + (", every local amount not found set to a test value" if args.all_valued else "")
    )
    print(f"  read + validate   {read_s:.2f} s")
    print(
        f"  all rules: {len(values)} results of {len(measures)} regelingen"
        f" ({len(MEASURES)} listed, the others valued local ones),"
        f" households in {os.cpu_count()} threaded blocks"
    )
    print(f"  total             {total_s:.2f} s   peak {peak / 2**20:,.0f} MB   target <= 2 s, <= 2 GB")
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"  load average {load} (1, 5, 15 min) on {os.cpu_count()} cores")
    if args.no_peer:
        return
    pop, names = loaded.population, sorted(values)
    ours = calculate(pop, names, params, parts=1)
    peer = handwritten_all(pop, params)
    assert sorted(peer) == names, f"hand-written gives {sorted(peer)}, the simulation {names}"
    for name in names:
        assert np.array_equal(ours[name], peer[name]), f"results differ on {name}"
    engine_s, hand_s = [], []
    for _ in range(3):  # interleaved, so that a burst of load hits both
        start = time.perf_counter()
        calculate(pop, names, params, parts=1)
        engine_s.append(time.perf_counter() - start)
        start = time.perf_counter()
        handwritten_all(pop, params)
        hand_s.append(time.perf_counter() - start)
    ratio = min(engine_s) / min(hand_s)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"  engine, 1 thread  {min(engine_s):.2f} s   hand-written NumPy {min(hand_s):.2f} s   identical")
    print(f"  ratio             {ratio:.2f}x   target <= 1.5x   {'PASS' if ratio <= 1.5 else 'FAIL'}")
    print(f"  load average {load} (1, 5, 15 min)")


if __name__ == "__main__":
    main()
