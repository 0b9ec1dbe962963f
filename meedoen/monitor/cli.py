"""``meedoen monitor kpis DIR --from D --to D [--as-of D] [--format text|json] [--lenient]`` and
``meedoen monitor report DIR --period 2023-T1 --out OUTDIR [--municipality arnhem]``.

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


def cmd_report(args: argparse.Namespace) -> int:
    """Make the bestuursrapportage; any problem with the input exits 2 before a file is written."""
    import time
    from pathlib import Path

    from meedoen.monitor.cbs import CbsError, default_folder, load_cbs
    from meedoen.monitor.loading import MonitorInputError, load
    from meedoen.monitor.periods import parse_period
    from meedoen.monitor.report import build, write_report
    from meedoen.monitor.report_model import ReportInputError

    started = time.perf_counter()
    try:
        period = parse_period(args.period)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    folder = Path(args.dir)
    if not folder.is_dir():
        print(
            f"error: cannot read the folder {folder}: it does not exist or is not a folder", file=sys.stderr
        )
        return EXIT_BAD_INPUT
    try:
        loaded = load(folder)
    except MonitorInputError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        print(f"stopped: {len(exc.problems)} problem(s); nothing was written", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as exc:
        print(f"error: cannot read the folder {folder}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        cbs = load_cbs(args.cbs or default_folder())
        report = build(loaded.tables, period, cbs, args.municipality, args.as_of, str(folder), args.peers)
    except (CbsError, ReportInputError) as exc:
        print(f"error: {exc}; nothing was written", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        written = write_report(report, Path(args.out), pdf=not args.no_pdf)
    except OSError as exc:
        print(f"error: cannot write to {args.out}: {exc}; nothing was written", file=sys.stderr)
        return EXIT_BAD_INPUT
    for path in written:
        print(path)
    print(
        f"report {period} for {report.municipality} in {time.perf_counter() - started:.1f} s", file=sys.stderr
    )
    return 0


def cmd_cbs_import(args: argparse.Namespace) -> int:
    """Import StatLine exports (CSV or OData JSON) into a CBS folder; a refused row is named."""
    from meedoen.monitor.cbs import CbsError, load_cbs
    from meedoen.monitor.statline import ExportError, fetch, import_exports

    try:
        if args.monitor_command == "cbs-fetch":
            problems = fetch(args.into, args.tables)
        else:
            problems = import_exports(args.files, args.into)
        cbs = load_cbs(args.into)
    except (ExportError, CbsError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    for problem in problems:
        print(f"refused: {problem}", file=sys.stderr)
    print(cbs.vintage())
    print(f"use it: meedoen monitor report ... --cbs {args.into}  (or MEEDOEN_CBS_DIR={args.into})")
    return EXIT_BAD_INPUT if problems else 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Write the synthetic demo city's four tables (ten years, Arnhem-sized) to a folder."""
    from meedoen.demo.monitor_data import write_monitor_demo

    for name, rows in write_monitor_demo(args.dir).items():
        print(f"{args.dir}/{name}: {rows} rows")
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
        help="the KPIs of docs/contracts/monitor-data.md for a period",
        description="KPIs from persons, spells, instruments and debt_help (.csv or .parquet) in DIR.",
    )
    k.add_argument("dir", help="folder with persons, spells, instruments and debt_help")
    k.add_argument("--from", dest="first", type=_date, required=True, help="first day of the period")
    k.add_argument("--to", dest="last", type=_date, required=True, help="last day of the period")
    k.add_argument("--as-of", dest="as_of", type=_date, help="day the data describe (default: today)")
    k.add_argument("--format", choices=("text", "json"), default="text")
    k.add_argument("--lenient", action="store_true", help="skip rows with problems instead of stopping")
    k.set_defaults(run=cmd_kpis)
    r = sub.add_parser(
        "report",
        help="the bestuursrapportage for a period (HTML, PDF and CSV)",
        description="Management report for one tertial (T1 = January-April, T2 = May-August, "
        "T3 = September-December) from the tables in DIR, compared with CBS figures.",
    )
    r.add_argument("dir", help="folder with persons, spells, instruments and debt_help")
    r.add_argument("--period", required=True, help="the tertial, e.g. 2023-T1")
    r.add_argument("--out", required=True, help="folder for the HTML, PDF and CSV")
    r.add_argument("--municipality", default="arnhem", help="name or CBS code (GM0202) (default: arnhem)")
    r.add_argument(
        "--as-of", dest="as_of", type=_date, help="day durability is measured (default: last day in the data)"
    )
    r.add_argument(
        "--cbs", help="folder with the CBS exports (default: the CBS tables bundled in meedoen/data/cbs)"
    )
    r.add_argument("--peers", type=int, default=5, help="size of the peer group (default: 5)")
    r.add_argument("--no-pdf", action="store_true", help="skip the PDF (HTML and CSV only)")
    r.set_defaults(run=cmd_report)
    d = sub.add_parser(
        "demo",
        help="write the synthetic demo city's tables (no real figures) to DIR",
        description="Ten years (2014-2024) of bijstand spells, instruments and debt help for an Arnhem-sized "
        "synthetic city, in the contract's four tables; see docs/monitor-demo-data.md.",
    )
    d.add_argument("dir", help="folder to write persons, spells, instruments and debt_help (.csv)")
    d.set_defaults(run=cmd_demo)
    i = sub.add_parser(
        "cbs-import",
        help="import fresh CBS StatLine exports (CSV or OData JSON) into a CBS folder",
        description="Reads exports of 84066NED (bijstand per gemeente, per year), 82015NED "
        "(bijstandsuitkeringen per regio, per month) and 37789ksz (national, per month, until 2018) as "
        "downloaded from StatLine (CSV) or its OData API (TypedDataSet JSON); writes the folder layout the "
        "report reads, with vintage.json. "
        "A row that cannot be read is refused with its line; the other rows are imported (exit 2 if any).",
    )
    i.add_argument("files", nargs="+", help="the exported files (.csv or .json)")
    i.add_argument("--into", required=True, help="the CBS folder to write (pass it to report --cbs)")
    i.set_defaults(run=cmd_cbs_import)
    f = sub.add_parser(
        "cbs-fetch",
        help="download the CBS tables from opendata.cbs.nl (needs internet) and import them",
        description="Downloads each table's TypedDataSet from https://opendata.cbs.nl/ODataApi/odata "
        "(all pages) into INTO/downloads and imports it as cbs-import does.",
    )
    f.add_argument("--into", required=True, help="the CBS folder to write")
    f.add_argument("--tables", nargs="+", default=["84066NED", "82015NED"], help="StatLine table ids")
    f.set_defaults(run=cmd_cbs_import)
