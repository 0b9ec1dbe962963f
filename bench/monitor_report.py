"""Benchmark of the bestuursrapportage: one municipality's report (HTML, PDF, CSV) on the demo city.

Writes the demo data (``meedoen.demo.monitor_data``, an Arnhem-size case history) to a temporary
folder, then times ``meedoen monitor report DIR --period 2023-T1 --out OUT --municipality arnhem``
in a fresh process, so Python start, imports (Polars, matplotlib, WeasyPrint), loading with every
check, the KPIs, the charts, the map and the PDF all count. Prints the time from one run.
Target: <= 30 s on the 2-core machine.

Run with ``python bench/monitor_report.py`` (``--period 2024-T2`` for another tertial).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from meedoen.demo.monitor_data import write_monitor_demo  # noqa: E402

TARGET_SECONDS = 30


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--period", default="2023-T1")
    parser.add_argument("--municipality", default="arnhem")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="monitor-report-") as tmp:
        data, out = Path(tmp) / "data", Path(tmp) / "out"
        write_monitor_demo(data)
        command = [sys.executable, "-c", "import sys; from meedoen.cli import main; sys.exit(main())",
                   "monitor", "report", str(data), "--period", args.period, "--out", str(out),
                   "--municipality", args.municipality]  # fmt: skip
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        started = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - started
        if done.returncode:
            print(done.stderr, file=sys.stderr)
            return done.returncode
        sizes = ", ".join(f"{p.name} {p.stat().st_size / 1000:.0f} kB" for p in sorted(out.iterdir()))
    load = os.getloadavg()[0]
    verdict = "met" if seconds <= TARGET_SECONDS else "NOT met"
    print(f"monitor report {args.municipality} {args.period}: {seconds:.1f} s wall "
          f"(target <= {TARGET_SECONDS} s {verdict}; load average {load:.1f})")  # fmt: skip
    print(f"files: {sizes}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
