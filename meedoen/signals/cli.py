"""``meedoen signals ingest FILE --municipality M --today D [--threshold EUR] [--format text|json]``.

The public command of shared/contracts/signals.md. The command line owns the command and the
:class:`SignalStore` interface; storing is the web app's job, loaded by its import string
(:data:`STORE`) only when ``signals ingest`` runs, so ``import meedoen.cli`` loads neither Django nor
``meedoen.web`` and ``meedoen check`` stays quick. Exit code 0 when the file was read (rejected rows
are reported, not fatal), 2 when the file or an option cannot be used, 1 when the database refuses
the ingest: then nothing is stored.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import re
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from meedoen.signals.parsing import Parsed

EXIT_BAD_INPUT = 2
EXIT_FAILED = 1
_MUNICIPALITY = re.compile(r"[a-z][a-z0-9_-]{0,49}")

# "module:attribute" of the SignalStore the command uses; imported only when an ingest runs.
STORE = "meedoen.web.vroegsignalering.cli:store"


@dataclass(frozen=True)
class IngestRequest:
    """One command-line delivery: whose file, judged on which day with which threshold."""

    municipality: str
    today: dt.date
    threshold_cents: int
    filename: str


class StoreRefused(Exception):
    """The store refused the ingest as a whole (e.g. a database conflict); nothing was stored."""


class SignalStore(Protocol):
    """Stores a parsed file in one transaction and returns the contract's summary.

    Raises :class:`StoreRefused` when nothing could be stored; other errors propagate.
    """

    def __call__(self, parsed: Parsed, request: IngestRequest) -> dict[str, Any]: ...


def load_store(path: str = STORE) -> SignalStore:
    """The store named by ``module:attribute``; the import happens here, not when the CLI loads."""
    module, _, attribute = path.partition(":")
    return getattr(importlib.import_module(module), attribute)


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
    store = load_store()
    threshold = (
        args.threshold if args.threshold is not None else threshold_cents(args.municipality, args.today)
    )
    request = IngestRequest(args.municipality, args.today, threshold, os.path.basename(args.file))
    try:
        summary = store(parsed, request)
    except StoreRefused as exc:
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
