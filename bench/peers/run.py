"""Meedoen against its peers on the same rules: hand-written NumPy, OpenFisca and PolicyEngine-core.

With ``--rules all`` (the default) every engine computes every rule of the policy simulation of one
municipality (bench/handwritten_all.py: net income from wage, toetsingsinkomen, zorgtoeslag,
huurtoeslag, kinderbijslag, kindgebonden budget, the local regelingen and the valuation of each
whose value is known, kwijtschelding, energy poverty, disposable income) and the rules it does not
report (the bijzondere-bijstand draagkracht, the sum of the local schemes), for the synthetic
population of ``meedoen.analysis.synthetic_population`` (Nijmegen unless ``--municipality``);
``--all-valued`` sets every local amount not found to a test value, so that every valuation runs; with
``--rules participatiewet`` only the norm, kostendelersnorm and bijstand (bench/handwritten.py) for
bench/synthetic.py's population. Same parameter values (Meedoen's, exported), each engine and size
in a fresh process (the peers in their own virtualenvs, made by ``bash bench/peers/setup.sh``).
Prints time (build, calculate, both) and peak memory per engine and size, the ratios to Meedoen and
issue 5's targets; exits 1 if any engine's results differ from Meedoen's.

    python bench/peers/run.py                      # 10k, 100k, 1M households; dict path at 1k, 10k
    python bench/peers/run.py --sizes 10000 --dict-households 1000 --repeat 2    # a quick check
    python bench/peers/run.py --sizes 2000 --dict-households 0 --municipality arnhem \
        --all-valued gezinsbedrag_kind=voortgezet_onderwijs
    python bench/peers/run.py --rules participatiewet                            # the small rule set
"""

from __future__ import annotations

import argparse
import datetime as dt
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

from common import RESULTS, RULE_SETS, export_parameters, save_population, write_json  # noqa: E402
from handwritten_all import EXTRAS  # noqa: E402
from simulation_peer import all_valued, simulation_variables  # noqa: E402
from synthetic import synthetic_population  # noqa: E402

from meedoen.analysis.synthetic_population import synthetic  # noqa: E402
from meedoen.rules.parameters import default_parameters  # noqa: E402

DATE = dt.date(2026, 1, 1)
MUNICIPALITY = {"all": "nijmegen", "participatiewet": "arnhem"}  # as bench/simulation_peer.py, bench/run.py
SEED = {"all": 2026, "participatiewet": 1}
# Issue 5: ahead of both peers on the same rules (arrays path, build + calculate), far ahead of the dict path.
TARGETS = (("openfisca", 3.0), ("policyengine", 1.0), ("openfisca-dict", 100.0))

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


def make_population(rules: str, n: int, municipality: str):
    """The seeded population of the rule set: the municipality's synthetic one for all rules."""
    if rules == "all":
        return synthetic(municipality, DATE, households=n, seed=SEED[rules]).population
    return synthetic_population(n, DATE, municipality, seed=SEED[rules])


def run_worker(engine: Engine, population: Path, params: Path, out: Path, repeat: int, rules: str) -> dict:
    cmd = [engine.python, str(WORKER), engine.name, str(population), str(params), str(out)]
    cmd += ["--repeat", str(repeat), "--rules", rules]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{engine.label} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def compare(reference: Path, other: Path, names: tuple[str, ...]) -> list[str]:
    """The results that differ from Meedoen's, with how many households differ."""
    problems = []
    with np.load(reference) as ref, np.load(other) as got:
        for name in names:
            if ref[name].shape != got[name].shape:
                problems.append(f"{name}: shape {got[name].shape} instead of {ref[name].shape}")
            elif not np.array_equal(ref[name], got[name]):
                problems.append(f"{name}: {int(np.sum(ref[name] != got[name])):,} households differ")
    return problems


def fmt_load(load: tuple[float, float, float]) -> str:
    return " ".join(f"{x:.2f}" for x in load)


def dict_exponent(rows: list[dict]) -> float:
    """How the dict path's time grows with the size, from its two largest measured runs (2 if only
    one: its build is quadratic)."""
    runs = sorted(
        (r["households"], r["total_s"])
        for r in rows
        if r["engine"] == "openfisca-dict" and not r.get("estimated")
    )
    if len(runs) < 2:
        return 2.0
    (n1, t1), (n2, t2) = runs[-2], runs[-1]
    return float(np.log(t2 / t1) / np.log(n2 / n1))


def check_targets(rows: list[dict]) -> list[dict]:
    """Issue 5's speed targets per size: the peer's total time over Meedoen's, at least the factor."""
    print("Targets of issue 5 (peer total time / Meedoen total time, build + calculate):")
    out = []
    for r in rows:
        factor = dict(TARGETS).get(r["engine"])
        if factor is None or "ratio_total" not in r:
            continue
        ok = r["ratio_total"] >= factor
        estimated = " (estimated)" if r.get("estimated") else ""
        out.append(
            {"engine": r["engine"], "households": r["households"], "ratio": r["ratio_total"], "ok": ok}
        )
        print(
            f"  {r['label']:<32} {r['households']:>10,}  {r['ratio_total']:9,.1f}x  target >= {factor:g}x  "
            f"{'PASS' if ok else 'FAIL'}{estimated}"
        )
    return out


def fmt_s(seconds: float) -> str:
    return f"{seconds:8.3f}" if seconds < 100 else f"{seconds:8.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--rules", choices=RULE_SETS, default="all", help="the rule set (default: all)")
    parser.add_argument(
        "--municipality", help="for --rules all (default nijmegen, as bench/simulation_peer.py)"
    )
    parser.add_argument(
        "--all-valued",
        nargs="*",
        metavar="NAME=TEXT",
        help="every local amount not found set to a test value (simulation_peer.all_valued), so that"
        " every local rule and valuation runs; NAME=TEXT sets a text parameter too"
        " (gezinsbedrag_kind=voortgezet_onderwijs)",
    )
    parser.add_argument("--dict-households", type=int, default=10_000, help="0: skip the dict path")
    parser.add_argument(
        "--dict-budget",
        type=float,
        default=420,
        help="seconds the dict path may take; estimated from the 1,000-household run (quadratic); over it,"
        " 3,000 households are measured and the target size extrapolated",
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
    load_start = os.getloadavg()
    municipality = args.municipality or MUNICIPALITY[args.rules]
    params = default_parameters()
    texts = dict(item.split("=", 1) for item in args.all_valued) if args.all_valued is not None else None
    if texts is not None:
        params = all_valued(params, municipality, **texts)
    if args.rules == "all":  # what the policy simulation computes, and the rules it does not report
        names = (*simulation_variables(params, municipality), *EXTRAS)
    else:
        names = RESULTS[args.rules]
    print(f"Meedoen vs peers: rules '{args.rules}' ({len(names)} results per household), same parameters,")
    print(f"seeded synthetic population of {municipality.capitalize()} on {DATE} (seed {SEED[args.rules]}).")
    print(f"{os.cpu_count()} cores, load average {fmt_load(load_start)} (1, 5, 15 min) at the start. Each")
    print(f"engine and size in a fresh process; times are the best of {args.repeat} runs (the dict path: 1),")
    print("memory the growth of peak RSS over them (the input already loaded).")
    print()
    rows: list[dict] = []
    failures: list[str] = []
    header = f"{'engine':<26} {'households':>10} {'build s':>8} {'calc s':>8} {'total s':>8} {'peak MB':>8}"
    print(header)

    def record(engine: Engine, n: int, persons: int, figures: dict, reference: Path, out: Path) -> None:
        problems = [] if engine is MEEDOEN else compare(reference, out, names)
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
                pop = make_population(args.rules, n, municipality)
                save_population(pop, path)
                persons_of[n] = len(pop.household)
            return path, persons_of[n]

        params_path = tmpdir / "parameters.json"
        exported = export_parameters(params, DATE, municipality)
        exported |= {"results": list(names), "all_valued": texts}
        write_json(exported, params_path)

        def run(engine: Engine, n: int, repeat: int) -> dict | None:
            pop_path, persons = population(n)
            reference = tmpdir / f"meedoen_{n}.npz"
            out = reference if engine is MEEDOEN else tmpdir / f"{engine.name}_{n}.npz"
            try:
                figures = run_worker(engine, pop_path, params_path, out, repeat, args.rules)
            except RuntimeError as exc:
                failures.append(str(exc))
                print(f"{engine.label:<26} {n:>10,}   FAILED (see below)", flush=True)
                return None
            record(engine, n, persons, figures, reference, out)
            return figures

        for n in args.sizes:
            for engine in ENGINES:
                run(engine, n, args.repeat)
        if args.sizes and (tmpdir / f"meedoen_{max(args.sizes)}.npz").exists():
            with np.load(tmpdir / f"meedoen_{max(args.sizes)}.npz") as ref:
                nonzero = ", ".join(f"{name} {np.count_nonzero(ref[name]):,}" for name in names)
            print(
                f"(Households with a non-zero result at {max(args.sizes):,}, so that the comparison bites: "
                f"{nonzero}.)"
            )

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
                    # Over the budget: measure 3k as well and extrapolate from it, saying so.
                    second = min(3_000, target)
                    if second > probe and figures["total_s"] * (second / probe) ** 2 <= args.dict_budget:
                        if second not in args.sizes:
                            run(MEEDOEN, second, args.repeat)
                        more = run(DICT, second, 1)
                        if more:
                            figures = more
                    exponent = dict_exponent(rows)
                    estimate = figures["total_s"] * (target / figures["households"]) ** exponent
                    dict_note = (
                        f"OpenFisca dict path at {target:,} households NOT run (over --dict-budget "
                        f"{args.dict_budget:.0f} s): ESTIMATED {estimate:,.0f} s from "
                        f"{figures['total_s']:.1f} s at {figures['households']:,}, growing as "
                        f"size^{exponent:.2f}"
                        " (measured between the runs above; list.index per person and variable in"
                        " SimulationBuilder)."
                    )
                    print(dict_note)
                    base = next(
                        (r for r in rows if r["engine"] == "meedoen" and r["households"] == target), None
                    )
                    if base:
                        rows.append(
                            {
                                "engine": DICT.name, "label": DICT.label + " ESTIMATE", "households": target,
                                "build_s": estimate, "calc_s": figures["calc_s"], "total_s": estimate,
                                "peak_mb": float("nan"), "identical": True, "estimated": True,
                                "system_s": figures["system_s"], "versions": figures["versions"],
                                "python": figures["python"],
                            }
                        )  # fmt: skip
            measured = [r for r in rows if r["engine"] == DICT.name and not r.get("estimated")]
            if measured:
                last = measured[-1]
                exponent = dict_exponent(rows)
                at = [last["total_s"] * (n / last["households"]) ** exponent for n in (100_000, 1_000_000)]
                print(
                    "OpenFisca dict path at 100,000 and 1,000,000 households not run: its build grows as "
                    f"size^{exponent:.2f},\n  so about {at[0] / 3600:,.1f} h and {at[1] / 86400:,.0f} days "
                    f"from {last['households']:,} households."
                )

    print()
    print("Ratios to Meedoen's engine at the same size (peer time / Meedoen time):")
    print(f"{'engine':<32} {'households':>10} {'total':>9} {'calc':>9} {'memory':>9}")
    by_key = {(r["engine"], r["households"]): r for r in rows}
    for r in rows:
        base = by_key.get(("meedoen", r["households"]))
        if r["engine"] == "meedoen" or base is None:
            continue
        r["ratio_total"] = r["total_s"] / base["total_s"]
        r["ratio_calc"] = r["calc_s"] / base["calc_s"]
        r["ratio_memory"] = r["peak_mb"] / base["peak_mb"] if base["peak_mb"] >= 1 else None
        memory = f"{r['ratio_memory']:8.1f}x" if r["ratio_memory"] is not None else f"{'-':>9}"
        ratios = f"{r['ratio_total']:8,.1f}x {r['ratio_calc']:8,.1f}x {memory}"
        print(f"{r['label']:<32} {r['households']:>10,} {ratios}")
    print()
    print("System load once per process (imports, parameters, TaxBenefitSystem), not in the times above:")
    seen = set()
    for r in rows:
        if r["engine"] not in seen and not r.get("estimated"):
            seen.add(r["engine"])
            print(f"  {r['label']:<26} {r['system_s']:6.2f} s   {r['versions']}, Python {r['python']}")
    print()
    targets = check_targets(rows)
    elapsed = time.perf_counter() - started
    load_end = os.getloadavg()
    print(
        f"\nWhole run {elapsed:.0f} s; load average {fmt_load(load_start)} at the start, {fmt_load(load_end)}"
    )
    print("at the end (1, 5, 15 min).")
    if args.json:
        write_json(
            {
                "rules": args.rules, "rows": rows, "targets": targets, "dict_note": dict_note,
                "elapsed_s": elapsed, "load_start": load_start, "load_end": load_end,
            },
            args.json,
        )  # fmt: skip
    if failures:
        print("\nFAILED:", *failures, sep="\n  ", file=sys.stderr)
        return 1
    print(f"Results identical in every engine, per household, on all {len(names)}: {', '.join(names)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
