"""``meedoen signals ingest FILE --municipality M --today D [--threshold EUR] [--format text|json]``.

The public command of shared/contracts/signals.md. Django is imported only when the command runs,
so ``meedoen check`` stays quick; the database comes from DATABASE_URL and its schema is created
when missing. Exit code 0 when the file was read (rejected rows are reported, not fatal), 2 when
the file or an option cannot be used, 1 when the database refuses the ingest: then nothing is
stored.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import re
import sys
from typing import Any

EXIT_BAD_INPUT = 2
EXIT_FAILED = 1
_MUNICIPALITY = re.compile(r"[a-z][a-z0-9_-]{0,49}")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date like 2026-01-31, got {text!r}") from None


def _threshold(text: str) -> int:
    from meedoen.signals.parsing import parse_amount

    cents = parse_amount(text.strip())
    if cents is None:
        raise argparse.ArgumentTypeError(f"expected an amount in euro like 50 or 49.99, got {text!r}")
    return cents


def _municipality(text: str) -> str:
    name = text.strip().lower()
    if not _MUNICIPALITY.fullmatch(name):
        raise argparse.ArgumentTypeError(f"not a municipality name: {text!r} (e.g. nijmegen)")
    return name


def setup_django() -> None:
    """Configure Django for the command line and create the schema when it is missing."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meedoen.web.settings.cli")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", verbosity=0, interactive=False, stdout=io.StringIO())


def render_text(summary: dict[str, Any]) -> str:
    lines = [
        f"rows {summary['rows']}: rejected {summary['rejected']}, duplicates {summary['duplicates']}, "
        f"stored {summary['stored']}",
        f"  picked up {summary['picked_up']}; not picked up: onterecht "
        f"{summary['not_picked_up']['onterecht']}, herhaald {summary['not_picked_up']['herhaald']}",
        f"  cases opened {summary['cases_opened']}, with a crisis signal {summary['cases_with_crisis']}",
    ]
    lines += [f"line {e['line']}, {e['field'] or 'row'}: {e['message']}" for e in summary["errors"]]
    return "\n".join(lines)


def _emit(summary: dict[str, Any], fmt: str) -> None:
    print(json.dumps(summary, ensure_ascii=False, indent=2) if fmt == "json" else render_text(summary))


def cmd_ingest(args: argparse.Namespace) -> int:
    from meedoen.signals.classify import Classified
    from meedoen.signals.parsing import FileProblem, read_file
    from meedoen.signals.thresholds import threshold_cents

    try:
        parsed = read_file(args.file, args.today)
    except FileProblem as exc:
        failed = Classified.nothing(exc.errors).summary()
        _emit(failed, args.format)
        for error in exc.errors:
            print(f"error: {error.message}", file=sys.stderr)
        print("stopped: nothing was stored", file=sys.stderr)
        return EXIT_BAD_INPUT
    setup_django()
    from django.db import DatabaseError

    from meedoen.web.vroegsignalering.models import Source
    from meedoen.web.vroegsignalering.storage import Delivery, ingest

    threshold = (
        args.threshold if args.threshold is not None else threshold_cents(args.municipality, args.today)
    )
    delivery = Delivery(args.municipality, args.today, threshold, Source.CLI, os.path.basename(args.file))
    try:
        summary = ingest(parsed, delivery)
    except DatabaseError as exc:  # e.g. another ingest stored the same signal at the same moment
        print(f"error: the database refused the ingest ({exc}); nothing was stored", file=sys.stderr)
        return EXIT_FAILED
    _emit(summary, args.format)
    return 0


def cmd_signals(args: argparse.Namespace) -> int:
    args.signals_parser.print_help()
    return EXIT_BAD_INPUT


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    """Register ``signals`` and its ``ingest`` subcommand on the ``meedoen`` parser."""
    signals = subparsers.add_parser(
        "signals", help="early-detection signals (vroegsignalen) of payment arrears"
    )
    signals.set_defaults(run=cmd_signals, signals_parser=signals)
    sub = signals.add_subparsers(dest="signals_command")
    ingest = sub.add_parser(
        "ingest",
        help="validate and store a CSV of signals (shared/contracts/signals.md)",
        description="Validate, classify and store a CSV of signals in one transaction; print the summary.",
    )
    ingest.add_argument("file", help="CSV file with a header row (UTF-8)")
    ingest.add_argument("--municipality", type=_municipality, required=True, help="e.g. nijmegen")
    ingest.add_argument(
        "--today", type=_date, required=True, help="the day of the ingest (signals after it are rejected)"
    )
    ingest.add_argument(
        "--threshold", type=_threshold, help="threshold in euro for this run (default: the municipality's)"
    )
    ingest.add_argument("--format", choices=("text", "json"), default="text")
    ingest.set_defaults(run=cmd_ingest)
