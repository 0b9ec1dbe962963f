"""Bench: ``meedoen signals ingest`` of 1,000,000 signals (target <= 60 s with PostgreSQL, <= 2 GB).

Runs the public command in a child process against DATABASE_URL (start one with
``eval "$(bash .ci/postgres.sh)"``), twice: the first ingest stores everything, the second finds
every signal a duplicate and stores nothing. Prints wall time, rows per second and the child's
peak RSS.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from meedoen.signals.synthetic import synthetic_signals, write_csv  # noqa: E402

AREAS = ["6511", "6512", "6521", "6522", "6523", "6524", "6541", "6542", "6543", "6544", "6545", "6546"]


def ingest(path: Path) -> tuple[float, dict]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "meedoen.cli", "signals", "ingest", str(path), "--municipality", "nijmegen",
         "--today", "2026-03-31", "--format", "json"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    return time.perf_counter() - started, json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--signals", type=int, default=1_000_000)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("note: DATABASE_URL is not PostgreSQL; the target is set for PostgreSQL", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "signals.csv"
        started = time.perf_counter()
        with path.open("w", encoding="utf-8", newline="") as out:
            write_csv(synthetic_signals(args.signals, dt.date(2026, 1, 1), dt.date(2026, 3, 31), AREAS), out)
        print(f"generated {args.signals:,} signals ({path.stat().st_size / 1e6:.0f} MB) in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
        first, summary = ingest(path)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(
            f"first ingest: {first:.1f} s ({args.signals / first:,.0f} signals/s), peak RSS {peak_mb:.0f} MB"
        )
        print("  " + json.dumps({k: v for k, v in summary.items() if k != "errors"}))
        second, again = ingest(path)
        print(f"second ingest (idempotent): {second:.1f} s, stored {again['stored']}, "
              f"duplicates {again['duplicates']:,}")  # fmt: skip
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"peak RSS of either run: {peak_mb:.0f} MB; target <= 60 s and <= 2048 MB: "
              f"{'met' if first <= 60 and peak_mb <= 2048 else 'NOT met'}")  # fmt: skip


if __name__ == "__main__":
    main()
