"""Benchmark of the programme monitor: every KPI for one period over a national-size case history.

Writes a synthetic set (10 million spells, 4 million persons, 342 municipalities as areas, a million
instruments and a million debt-help trajectories) column-wise with NumPy to Parquet in a temporary
folder, then loads it in a fresh process (strict: every row check of the contract) and computes all
KPIs with ``by_area`` for 2023-01-01 to 2023-04-30. Prints the time and the process's peak memory
from one run. Targets: <= 10 s, <= 4 GB.

Run with ``python bench/monitor_kpis.py`` (``--spells 1000000`` for a quick look).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np
import polars as pl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from meedoen.monitor.tables import INSTRUMENTS, OUTFLOW_REASONS, ROUTES  # noqa: E402

EPOCH = date(1970, 1, 1).toordinal()
FIRST, LAST = date(2000, 1, 1).toordinal() - EPOCH, date(2024, 12, 31).toordinal() - EPOCH
PERIOD = ("2023-01-01", "2023-04-30", "2024-06-30")


def _ids(prefix: str, n: int) -> pl.Series:
    return pl.select(pl.format(f"{prefix}{{}}", pl.int_range(0, n, dtype=pl.Int64))).to_series()


def _dates(days: np.ndarray, empty: np.ndarray | None = None) -> pl.Series:
    series = pl.Series(days.astype(np.int32)).cast(pl.Date)
    return series if empty is None else series.scatter(np.flatnonzero(empty), None)


def _pick(names: list[str], codes: np.ndarray, empty: np.ndarray | None = None) -> pl.Series:
    series = pl.Series(names)[codes]
    return series if empty is None else series.scatter(np.flatnonzero(empty), None)


def _span(rng: np.random.Generator, n: int, mean_days: int, first: int) -> tuple[np.ndarray, np.ndarray]:
    start = rng.integers(first, LAST + 1, n)
    end = start + rng.exponential(mean_days, n).astype(np.int64)
    return start, end


def write_national(folder: Path, spells: int, persons: int, seed: int = 1) -> None:
    """A synthetic national case history, straight from NumPy columns to Parquet."""
    rng = np.random.default_rng(seed)
    areas = [f"GM{code:04d}" for code in sorted(rng.choice(2000, 342, replace=False))]
    person_ids = _ids("P", persons)
    sk = rng.random(persons)
    pl.DataFrame(
        {
            "person_id": person_ids,
            "birth_date": _dates(rng.integers(-7300, 13500, persons)),
            "area": _pick(areas, rng.integers(0, len(areas), persons)),
            "startkwalificatie": pl.Series(sk < 0.45).scatter(np.flatnonzero(sk > 0.9), None),
        }
    ).write_parquet(folder / "persons.parquet")

    start, end = _span(rng, spells, 450, FIRST)
    running = end > LAST
    pl.DataFrame(
        {
            "spell_id": _ids("S", spells),
            "person_id": person_ids[rng.integers(0, persons, spells)],
            "start_date": _dates(start),
            "end_date": _dates(np.minimum(end, LAST), running),
            "outflow_reason": _pick(
                list(OUTFLOW_REASONS), rng.choice(5, spells, p=[0.44, 0.05, 0.12, 0.11, 0.28]), running
            ),
        }
    ).write_parquet(folder / "spells.parquet")

    n = spells // 10
    start, end = _span(rng, n, 300, FIRST)
    pl.DataFrame(
        {
            "person_id": person_ids[rng.integers(0, persons, n)],
            "instrument": _pick(list(INSTRUMENTS), rng.integers(0, len(INSTRUMENTS), n)),
            "start_date": _dates(start),
            "end_date": _dates(np.minimum(end, LAST), end > LAST),
        }
    ).write_parquet(folder / "instruments.parquet")
    start, end = _span(rng, n, 400, FIRST)
    pl.DataFrame(
        {
            "person_id": person_ids[rng.integers(0, persons, n)],
            "start_date": _dates(start),
            "end_date": _dates(np.minimum(end, LAST), end > LAST),
            "route": _pick(list(ROUTES), rng.integers(0, len(ROUTES), n)),
        }
    ).write_parquet(folder / "debt_help.parquet")


def measure(folder: Path) -> None:
    """In a fresh process: load (strict) and compute every KPI; print one JSON line of figures."""
    from meedoen.monitor.kpis import kpis
    from meedoen.monitor.loading import load

    first, last, as_of = (date.fromisoformat(d) for d in PERIOD)
    load_before = os.getloadavg()[0]
    start = time.perf_counter()
    loaded = load(folder)
    loaded_at = time.perf_counter()
    result = kpis(loaded.tables, first, last, as_of)
    done = time.perf_counter()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    figures = {
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "load_average": max(load_before, os.getloadavg()[0]),
        "load_s": loaded_at - start,
        "kpis_s": done - loaded_at,
        "peak_mb": usage.ru_maxrss / 1024,
        "rows": {c.file: c.used for c in loaded.counts},
        "areas": len(result["by_area"]),
        "sample": {k: result[k] for k in ("stock_at_from", "stock_at_to", "inflow", "durable_outflow_work")},
    }
    print(json.dumps(figures))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--spells", type=int, default=10_000_000)
    parser.add_argument("--persons", type=int, default=None, help="default: 40 %% of the spells")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure)
        return
    persons = args.persons or args.spells * 2 // 5
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        write_national(folder, args.spells, persons)
        written = time.perf_counter() - start
        size = sum(f.stat().st_size for f in folder.iterdir()) / 2**20
        print(f"Synthetic national set: {args.spells:,} spells, {persons:,} persons, 342 areas")
        print(f"  written as Parquet in {written:.1f} s ({size:,.0f} MB)")
        run = subprocess.run(
            [sys.executable, __file__, "--measure", str(folder)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
    f = json.loads(run.stdout.strip().splitlines()[-1])
    total = f["load_s"] + f["kpis_s"]
    print(f"  rows used: {', '.join(f'{name} {n:,}' for name, n in f['rows'].items())}")
    print(f"  load with every row check (strict)  {f['load_s']:.2f} s")
    print(f"  all KPIs, {f['areas']} areas              {f['kpis_s']:.2f} s")
    print(f"  total {total:.2f} s   target <= 10 s")
    print(
        f"  CPU time of the process {f['cpu_s']:.1f} s on {os.cpu_count()} cores; machine load average "
        f"{f['load_average']:.1f} during the run (above {os.cpu_count()}: other work shared the cores)"
    )
    print(f"  peak memory (process RSS) {f['peak_mb']:,.0f} MB   target <= 4,096 MB")
    print(f"  sample: {json.dumps(f['sample'])}")


if __name__ == "__main__":
    main()
