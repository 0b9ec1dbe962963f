"""Parameters whose published values run out soon: what the maintainers must look up next.

After a parameter's ``covered_until`` the engine keeps computing with its latest value and marks the
result ``provisional``; that is honest, but it is a warning that new official figures are due (the
January norms, next year's toeslagen). ``meedoen parameters expiring`` and the admin's page in the
back office list them ahead of time, from the same function.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from meedoen.rules.parameters import ParameterSet, default_parameters
from meedoen.rules.periods import from_int

DEFAULT_WITHIN_DAYS = 60


@dataclass(frozen=True)
class Expiring:
    """One parameter whose published values end on ``covered_until`` (within the window or before)."""

    path: str
    description: str
    last_value: dt.date  # the date the latest published value starts
    covered_until: dt.date  # the last day that value is known to hold
    file: str
    confidence: str | None

    def days_left(self, today: dt.date) -> int:
        """Days from ``today`` to ``covered_until``: negative once the values have run out."""
        return (self.covered_until - today).days

    def as_dict(self, today: dt.date) -> dict[str, Any]:
        return {
            "path": self.path,
            "description": self.description,
            "last_value": self.last_value.isoformat(),
            "covered_until": self.covered_until.isoformat(),
            "days_left": self.days_left(today),
            "expired": self.covered_until < today,
            "file": self.file,
            "confidence": self.confidence,
        }


def expiring(
    today: dt.date, within_days: int = DEFAULT_WITHIN_DAYS, parameters: ParameterSet | None = None
) -> list[Expiring]:
    """The parameters whose ``covered_until`` lies before ``today + within_days`` (those already past
    it included), soonest first, then by path."""
    if within_days < 0:
        raise ValueError(f"within_days must be 0 or more, got {within_days}")
    parameters = parameters or default_parameters()
    horizon = today + dt.timedelta(days=within_days)
    found = []
    for path in parameters.paths():
        p = parameters[path]
        until = from_int(p.covered_until)
        if until <= horizon:
            found.append(Expiring(path, p.description, from_int(p.starts[-1]), until, p.file, p.confidence))
    return sorted(found, key=lambda e: (e.covered_until, e.path))


def report(today: dt.date, within_days: int, found: list[Expiring]) -> dict[str, Any]:
    """The JSON form of :func:`expiring`'s answer."""
    return {
        "today": today.isoformat(),
        "within_days": within_days,
        "until": (today + dt.timedelta(days=within_days)).isoformat(),
        "count": len(found),
        "parameters": [e.as_dict(today) for e in found],
    }


def render_text(today: dt.date, within_days: int, found: list[Expiring]) -> str:
    """A table for the terminal: when each parameter's values end, and where to update it."""
    until = today + dt.timedelta(days=within_days)
    if not found:
        return f"No parameter's published values end by {until} (today {today}, within {within_days} days)."
    lines = [
        f"{len(found)} parameters whose published values end by {until} "
        f"(today {today}, within {within_days} days):",
        "",
        f"{'covered_until':<13}  {'last value':<10}  {'confidence':<10}  path  (file)",
    ]
    for e in found:
        mark = "  (past)" if e.covered_until < today else ""
        lines.append(
            f"{e.covered_until.isoformat():<13}  {e.last_value.isoformat():<10}  "
            f"{e.confidence or '-':<10}  {e.path}  ({e.file}){mark}"
        )
    return "\n".join(lines)


def _within(text: str) -> int:
    try:
        days = int(text)
    except ValueError:
        days = -1
    if days < 0:
        raise argparse.ArgumentTypeError(f"expected a number of days (0 or more), got {text!r}")
    return days


def cmd_expiring(args: argparse.Namespace) -> int:
    today = args.today or dt.date.today()
    found = expiring(today, args.within)
    if args.format == "json":
        print(json.dumps(report(today, args.within, found), ensure_ascii=False, indent=2))
    else:
        print(render_text(today, args.within, found))
    return 0


def add_commands(sub: argparse._SubParsersAction, date: Callable[[str], dt.date]) -> None:
    """``meedoen parameters expiring [--within 60] [--today YYYY-MM-DD] [--format text|json]``."""
    group = sub.add_parser("parameters", help="the parameter tree: which published values run out")
    commands = group.add_subparsers(dest="parameters_command", required=True)
    cmd = commands.add_parser(
        "expiring", help="parameters whose published values end within the window (or already ended)"
    )
    cmd.add_argument("--within", type=_within, default=DEFAULT_WITHIN_DAYS, help="days from today (60)")
    cmd.add_argument("--today", type=date, help="the date to count from (default: today)")
    cmd.add_argument("--format", choices=("text", "json"), default="text")
    cmd.set_defaults(run=cmd_expiring)
