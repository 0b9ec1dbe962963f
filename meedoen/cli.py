"""The ``meedoen`` command line: ``check`` (one household), ``mer``, ``job`` and ``simulate`` (analyses),
``monitor`` (programme KPIs)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from meedoen.analysis import cli as analysis_cli
from meedoen.analysis.cli import report_problems
from meedoen.monitor.cli import add_commands as add_monitor_commands
from meedoen.rules.coverage import provisional_text, status_from
from meedoen.rules.entitlements import entitlements, require_final
from meedoen.rules.errors import InputError, InputProblem, RulesError
from meedoen.rules.expiry import add_commands as add_parameters_commands
from meedoen.rules.household import parse_household
from meedoen.rules.money import cents_of, euro_text
from meedoen.signals.cli import add_commands as add_signals_commands

HOUSEHOLD_WORDS = {
    "single": "alleenstaande",
    "single_parent": "alleenstaande ouder",
    "couple": "paar",
}
PERIOD_WORDS = {
    "month": "per maand",
    "quarter": "per kwartaal",
    "year": "per jaar",
    "once": "eenmalig",
}


LEGAL_BASIS = ("law", "regulation")


def _money(amount: float | None) -> str:
    """A contract amount (euro) in Dutch notation; "onbekend" where the rules could not compute it."""
    return "onbekend" if amount is None else euro_text(cents_of(amount))


def render_text(out: dict[str, Any]) -> str:
    """A readable Dutch summary of a check result."""
    norm = out["norm"]
    lines = [
        f"Regelingencheck {out['municipality'].capitalize()}, peildatum {out['date']}",
        f"Huishouden: {HOUSEHOLD_WORDS[out['household_type']]}, kostendelers (A): {out['kostendelers']}",
        f"Bijstandsnorm: {_money(norm['monthly_incl_vakantietoeslag'])} per maand "
        f"(waarvan vakantietoeslag {_money(norm['vakantietoeslag_monthly'])})",
        f"Netto inkomen: {_money(out['income_net_month'])} per maand "
        f"({'onbekend' if out['income_ratio'] is None else format(out['income_ratio'], '.0%')} "
        "van de norm voor de inkomensgrenzen)",
        "",
        "Regelingen:",
    ]
    if norm["status"] == "provisional":
        lines.insert(3, f"        {provisional_text(status_from(norm))}")
    for s in out["schemes"]:
        mark = {True: "JA ", False: "NEE", None: " ? "}[s["eligible"]]
        amount = f"{_money(s['amount'])} {PERIOD_WORDS[s['period']]}" if s["amount"] else ""
        lines.append(f"  [{mark}] {s['name']}  {amount}".rstrip())
        lines += [f"        {r['text']}" for r in s["reasons"]]
        if s["status"] == "provisional":
            lines.append(f"        {provisional_text(status_from(s))}")
        lines += [
            f"        {'Wettelijke basis' if r['kind'] in LEGAL_BASIS else 'Bron'}: {r['title']} ({r['url']})"
            for r in s["references"]
        ]
    ind = out["indicators"]
    if ind["energy_poverty"]:
        lines += [
            "",
            "Let op: uw energiekosten zijn hoger dan 10% van uw inkomen (energiearmoede).",
        ]
    return "\n".join(lines)


def cmd_check(args: argparse.Namespace) -> int:
    try:
        try:
            raw = json.loads(Path(args.file).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise InputError([InputProblem("", f"file not found: {args.file}")]) from None
        except json.JSONDecodeError as exc:
            raise InputError([InputProblem("", f"{args.file} is not valid JSON: {exc}")]) from None
        if args.date and isinstance(raw, dict):
            raw["date"] = args.date.isoformat()
        out = entitlements(parse_household(raw))
        if args.final_only:
            require_final(out)
    except RulesError as exc:
        return report_problems(exc, args.format == "json")
    if args.format == "json":
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        print(render_text(out))
    return 0


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date like 2026-01-01, got {text!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="meedoen", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="entitlements of one household (household contract)")
    check.add_argument("file", help="household JSON file")
    check.add_argument("--date", type=_date, help="peildatum; overrides the file's date")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument(
        "--final-only",
        action="store_true",
        help="refuse (exit 2) when a scheme would use figures past their published values",
    )
    check.set_defaults(run=cmd_check)
    analysis_cli.add_commands(sub, _date)
    add_monitor_commands(sub)
    add_signals_commands(sub)  # no Django here: the signals store loads when `signals ingest` runs
    add_parameters_commands(sub, _date)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
