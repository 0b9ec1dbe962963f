"""Meedoen against its peers on the same rules: hand-written NumPy, OpenFisca and PolicyEngine-core.

Every engine computes the Participatiewet norm, kostendelersnorm, vakantietoeslag, income and
bijstand (bench/handwritten.py) for the seeded synthetic population of bench/synthetic.py, with
Meedoen's parameter values, each in a fresh process (the peers in their own virtualenvs, made by
``bash bench/peers/setup.sh``). Prints time (build, calculate, both) and peak memory per engine
and size, and the ratios to Meedoen; exits non-zero if any engine's results differ from Meedoen's.

    python bench/peers/run.py                      # 10k, 100k, 1M households; dict path at 10k
    python bench/peers/run.py --sizes 10000 --dict-households 1000    # a quick check
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent))
sys.path.insert(2, str(ROOT))

from common import KEY_RESULTS, RESULTS, export_parameters, save_population, write_json  # noqa: E402
from synthetic import synthetic_population  # noqa: E402

from meedoen.rules.parameters import default_parameters  # noqa: E402

VENVS = HERE / ".venvs"
WORKER = HERE / "worker.py"


@dataclass(frozen=True)
class Engine:
    name: str  # the worker's engine argument
    label: str
    venv: str | None  # None: this (Meedoen's) environment

    @property
    def python(self) -> str:
        return sys.executable if self.venv is None else str(VENVS / self.venv / "bin" / "python")


MEEDOEN = Engine("meedoen", "Meedoen engine", None)
ENGINES = (
    MEEDOEN,
    Engine("handwritten", "hand-written NumPy", None),
    Engine("openfisca", "OpenFisca arrays", "openfisca"),
    Engine("policyengine", "PolicyEngine-core arrays", "policyengine"),
)
DICT = Engine("openfisca-dict", "OpenFisca dict (web API)", "openfisca")


def run_worker(engine: Engine, population: Path, params: Path, out: Path, repeat: int) -> dict:
    cmd = [engine.python, str(WORKER), engine.name, str(population), str(params), str(out)]
    cmd += ["--repeat", str(repeat)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{engine.label} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def compare(reference: Path, other: Path) -> list[str]:
    """The results that differ from Meedoen's, with how many households differ."""
    problems = []
    with np.load(reference) as ref, np.load(other) as got:
        for name in RESULTS:
            if ref[name].shape != got[name].shape:
                problems.append(f"{name}: shape {got[name].shape} instead of {ref[name].shape}")
            elif not np.array_equal(ref[name], got[name]):
                problems.append(f"{name}: {int(np.sum(ref[name] != got[name])):,} households differ")
    return problems


def fmt_s(seconds: float) -> str:
    return f"{seconds:8.3f}" if seconds < 100 else f"{seconds:8.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--dict-households", type=int, default=10_000, help="0: skip the dict path")
    parser.add_argument(
        "--dict-budget",
        type=float,
        default=420,
        help="seconds the dict path may take; estimated from a 1,000-household run (quadratic)",
    )
    parser.add_argument("--repeat", type=int, default=5, help="repetitions per engine and size (best counts)")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    args = parser.parse_args()

    missing = [e.venv for e in (*ENGINES, DICT) if e.venv and not Path(e.python).exists()]
    if missing:
        names = ", ".join(sorted(set(missing)))
        print(f"no virtualenv for {names}: run  bash bench/peers/setup.sh", file=sys.stderr)
        return 2

    started = time.perf_counter()
    load = os.getloadavg()
    print("Meedoen vs peers: same rules, same parameters, seeded synthetic population")
    print(f"({os.cpu_count()} cores, load average {load[0]:.1f} at start). Each engine and size in a fresh")
    print(f"process; times are the best of {args.repeat} runs (the dict path: 1), memory the growth of peak")
    print("RSS over them (the input already loaded).")
    print()
    params = default_parameters()
    rows: list[dict] = []
    failures: list[str] = []
    header = f"{'engine':<26} {'households':>10} {'build s':>8} {'calc s':>8} {'total s':>8} {'peak MB':>8}"
    print(header)

    def record(engine: Engine, n: int, persons: int, figures: dict, reference: Path, out: Path) -> None:
        problems = [] if engine is MEEDOEN else compare(reference, out)
        figures.update(label=engine.label, households=n, persons=persons, identical=not problems)
        rows.append(figures)
        mark = "" if not problems else "   RESULTS DIFFER: " + "; ".join(problems)
        print(
            f"{engine.label:<26} {n:>10,} {fmt_s(figures['build_s'])} {fmt_s(figures['calc_s'])} "
            f"{fmt_s(figures['total_s'])} {figures['peak_mb']:8.0f}{mark}",
            flush=True,
        )
        failures.extend(f"{engine.label} at {n:,}: {p}" for p in problems)

    with tempfile.TemporaryDirectory(prefix="meedoen-peers-") as tmp:
        tmpdir = Path(tmp)

        persons_of: dict[int, int] = {}

        def population(n: int) -> tuple[Path, int]:
            path = tmpdir / f"population_{n}.npz"
            if n not in persons_of:
                pop = synthetic_population(n)
                save_population(pop, path)
                persons_of[n] = len(pop.household)
            return path, persons_of[n]

        params_path = tmpdir / "parameters.json"
        write_json(export_parameters(params, synthetic_population(1).date), params_path)

        def run(engine: Engine, n: int, repeat: int) -> dict | None:
            pop_path, persons = population(n)
            reference = tmpdir / f"meedoen_{n}.npz"
            out = reference if engine is MEEDOEN else tmpdir / f"{engine.name}_{n}.npz"
            try:
                figures = run_worker(engine, pop_path, params_path, out, repeat)
            except RuntimeError as exc:
                failures.append(str(exc))
                print(f"{engine.label:<26} {n:>10,}   FAILED (see below)", flush=True)
                return None
            record(engine, n, persons, figures, reference, out)
            return figures

        for n in args.sizes:
            for engine in ENGINES:
                run(engine, n, args.repeat)

        dict_note = ""
        target = args.dict_households
        if target:
            probe = min(1_000, target)
            if probe not in args.sizes:
                run(MEEDOEN, probe, args.repeat)
            figures = run(DICT, probe, 1)
            if figures and target > probe:
                estimate = figures["total_s"] * (target / probe) ** 2
                if estimate <= args.dict_budget:
                    if target not in args.sizes:
                        run(MEEDOEN, target, args.repeat)
                    run(DICT, target, 1)
                else:
                    dict_note = (
                        f"OpenFisca dict path at {target:,} households NOT run: "
                        f"{figures['total_s']:.1f} s at {probe:,}, growing with the square of the size "
                        f"(list.index per person and variable in SimulationBuilder), gives about "
                        f"{estimate:,.0f} s, over the budget of {args.dict_budget:.0f} s (--dict-budget)."
                    )
                    print(dict_note)
            measured = [r for r in rows if r["engine"] == DICT.name]
            if measured:
                last = measured[-1]
                at = [last["total_s"] * (n / last["households"]) ** 2 for n in (100_000, 1_000_000)]
                print(
                    "OpenFisca dict path at 100,000 and 1,000,000 households not run: its build grows with "
                    f"the square of the size,\n  so about {at[0] / 3600:,.1f} h and "
                    f"{at[1] / 86400:,.0f} days from {last['households']:,} households."
                )

    print()
    print("Ratios to Meedoen's engine at the same size (peer time / Meedoen time):")
    print(f"{'engine':<26} {'households':>10} {'total':>9} {'calc':>9} {'memory':>9}")
    by_key = {(r["engine"], r["households"]): r for r in rows}
    for r in rows:
        base = by_key.get(("meedoen", r["households"]))
        if r["engine"] == "meedoen" or base is None:
            continue
        r["ratio_total"] = r["total_s"] / base["total_s"]
        r["ratio_calc"] = r["calc_s"] / base["calc_s"]
        r["ratio_memory"] = r["peak_mb"] / base["peak_mb"] if base["peak_mb"] >= 1 else None
        memory = f"{r['ratio_memory']:8.1f}x" if r["ratio_memory"] is not None else f"{'-':>9}"
        ratios = f"{r['ratio_total']:8.1f}x {r['ratio_calc']:8.1f}x {memory}"
        print(f"{r['label']:<26} {r['households']:>10,} {ratios}")
    print()
    print("System load once per process (imports, parameters, TaxBenefitSystem), not in the times above:")
    seen = set()
    for r in rows:
        if r["engine"] not in seen:
            seen.add(r["engine"])
            print(f"  {r['label']:<26} {r['system_s']:6.2f} s   {r['versions']}, Python {r['python']}")
    elapsed = time.perf_counter() - started
    load = os.getloadavg()
    print(f"\nWhole run {elapsed:.0f} s; load average {load[0]:.1f} at the end.")
    if args.json:
        write_json({"rows": rows, "dict_note": dict_note, "elapsed_s": elapsed}, args.json)
    if failures:
        print("\nFAILED:", *failures, sep="\n  ", file=sys.stderr)
        return 1
    print(f"Results identical in every engine, per household: {', '.join(KEY_RESULTS)} and the others of")
    print(f"  {', '.join(r for r in RESULTS if r not in KEY_RESULTS)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
