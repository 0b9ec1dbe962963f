"""``meedoen monitor kpis DIR --from D --to D [--as-of D] [--format text|json] [--lenient]``.

The command of ``shared/contracts/monitor-data.md``: JSON on stdout exactly as the contract's
example; problems and the read/used/skipped counts of every file on stderr, so stdout stays valid
JSON. Bad input exits with code 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys

EXIT_BAD_INPUT = 2


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date like 2023-01-31, got {text!r}") from None


def cmd_kpis(args: argparse.Namespace) -> int:
    """Load the folder, print every problem and the row counts, then the KPIs.

    Polars is imported here, not at the top: ``meedoen check`` shares the parser and stays quick.
    """
    from meedoen.monitor.kpis import kpis
    from meedoen.monitor.loading import MonitorInputError, load
    from meedoen.monitor.summary import render_text

    as_of = args.as_of or dt.date.today()
    if args.first > args.last:
        print(f"error: --from {args.first} is after --to {args.last}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        loaded = load(args.dir, lenient=args.lenient)
    except MonitorInputError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        for count in exc.counts:
            print(count, file=sys.stderr)
        print(f"stopped: {len(exc.problems)} problem(s); nothing was loaded", file=sys.stderr)
        return EXIT_BAD_INPUT
    for problem in loaded.problems:
        print(f"skipped: {problem}", file=sys.stderr)
    for count in loaded.counts:
        print(count, file=sys.stderr)
    result = kpis(loaded.tables, args.first, args.last, as_of)
    if args.format == "json":
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(render_text(result))
    return 0


def cmd_monitor(args: argparse.Namespace) -> int:
    """``meedoen monitor`` without a subcommand: show what it can do."""
    args.monitor_parser.print_help(sys.stderr)
    return EXIT_BAD_INPUT


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    """Register ``monitor`` and its ``kpis`` subcommand on the ``meedoen`` parser's subparsers."""
    monitor = subparsers.add_parser("monitor", help="programme monitor: KPIs from case-level tables")
    monitor.set_defaults(run=cmd_monitor, monitor_parser=monitor)
    sub = monitor.add_subparsers(dest="monitor_command")
    k = sub.add_parser(
        "kpis",
        help="the KPIs of shared/contracts/monitor-data.md for a period",
        description="KPIs from persons, spells, instruments and debt_help (.csv or .parquet) in DIR.",
    )
    k.add_argument("dir", help="folder with persons, spells, instruments and debt_help")
    k.add_argument("--from", dest="first", type=_date, required=True, help="first day of the period")
    k.add_argument("--to", dest="last", type=_date, required=True, help="last day of the period")
    k.add_argument("--as-of", dest="as_of", type=_date, help="day the data describe (default: today)")
    k.add_argument("--format", choices=("text", "json"), default="text")
    k.add_argument("--lenient", action="store_true", help="skip rows with problems instead of stopping")
    k.set_defaults(run=cmd_kpis)
