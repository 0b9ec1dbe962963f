"""Command line for the analyses: ``meedoen mer``, ``meedoen job`` and ``meedoen simulate``.

The heavy libraries (matplotlib, Polars, WeasyPrint) are imported inside the commands that use
them, so ``meedoen check`` starts fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from meedoen.analysis.job_offer import JobComparison, Offer, compare
from meedoen.rules.entitlements import check_municipality
from meedoen.rules.errors import CoverageError, InputError, InputProblem, RulesError
from meedoen.rules.household import parse_household
from meedoen.rules.money import cents_of, euro_text
from meedoen.rules.parameters import default_parameters, read_yaml
from meedoen.rules.reforms import apply_reform

EXIT_BAD_INPUT = 2
SCHEME_NAMES = {
    "bijstand": "bijstand", "zorgtoeslag": "zorgtoeslag", "huurtoeslag": "huurtoeslag",
    "kinderbijslag": "kinderbijslag", "kindgebonden_budget": "kindgebonden budget",
}  # fmt: skip


def problems_of(exc: RulesError) -> list[InputProblem]:
    """A rules error as the list of problems to show (shared by every command)."""
    if isinstance(exc, InputError):
        return exc.problems
    if isinstance(exc, CoverageError) and exc.path == "date":
        return [InputProblem("date", f"expected a date from {exc.start} on, got {exc.date}")]
    return [InputProblem("", str(exc))]


def report_problems(exc: RulesError, as_json: bool) -> int:
    problems = problems_of(exc)
    if as_json:
        errors = [{"path": p.path, "message": p.message} for p in problems]
        print(json.dumps({"errors": errors}, ensure_ascii=False), file=sys.stderr)
    else:
        for p in problems:
            print(f"fout: {p}", file=sys.stderr)
    return EXIT_BAD_INPUT


def cmd_mer(args: argparse.Namespace) -> int:
    from meedoen.analysis.household_types import load_types
    from meedoen.analysis.minima_effect import compute
    from meedoen.analysis.report import write_report

    try:
        parameters = default_parameters()
        if args.reform:
            parameters = apply_reform(parameters, Path(args.reform))
        types = load_types(args.households)
        result = compute(args.municipality, args.date, types, points=args.points, parameters=parameters)
    except RulesError as exc:
        return report_problems(exc, as_json=False)
    files = write_report(result, Path(args.out), pdf=not args.no_pdf)
    for path in files:
        print(path)
    for figure in result.figures:
        print(figure.text())
    labels = dict(result.components)
    for scheme, label in result.unvalued:
        print(f"niet meegeteld (bedrag onbekend): {label} ({scheme})")
    for curve in result.curves:
        for trap in curve.traps:
            span = f"{euro_text(trap.gross_from)} - {euro_text(trap.gross_to)} bruto"
            joiner = " samen met " if trap.together else ", "
            causes = joiner.join(f"{labels.get(n, n)} {euro_text(a)} lager" for n, a in trap.causes)
            net = f"netto {euro_text(trap.extra_net)} meer"
            print(f"armoedeval {curve.type.id}: {span}, {euro_text(trap.loss)} minder ({net}; {causes})")
    return 0


def _decimal(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"expected an amount like 14.71, got {text!r}") from None
    if not value.is_finite() or value < 0:
        raise argparse.ArgumentTypeError(f"expected an amount of 0 or more, got {text!r}")
    return value


def comparison_json(c: JobComparison) -> dict[str, Any]:
    return {
        "person": c.person_id,
        "gross_month": float(c.gross_month),
        "gain_month": float(c.gain_month),
        "gain_per_hour": None if c.gain_per_hour is None else float(c.gain_per_hour),
        "stops": c.stops,
        "lower": [{"scheme": sid, "by": float(by)} for sid, by in c.lower],
        "months": [
            {
                "month": m.month.isoformat(),
                "now": m.now["disposable_income_month"],
                "with_job": m.with_job["disposable_income_month"],
                "schemes_now": {s["id"]: s["amount"] for s in m.now["schemes"]},
                "schemes_with_job": {s["id"]: s["amount"] for s in m.with_job["schemes"]},
            }
            for m in c.months
        ],
        "provisional_from": None if c.provisional_from is None else c.provisional_from.isoformat(),
    }


def comparison_text(c: JobComparison) -> str:
    lines = [f"Baan van {euro_text(cents_of(c.gross_month))} bruto per maand", ""]
    lines.append("Maand        nu              met de baan")
    for m in c.months:
        now, job = m.now["disposable_income_month"], m.with_job["disposable_income_month"]
        lines.append(f"{m.month:%m-%Y}      {euro_text(cents_of(now)):>12}    {euro_text(cents_of(job)):>12}")
    verschil = "meer" if c.gain_month >= 0 else "minder"
    lines += ["", f"U houdt per maand {euro_text(cents_of(abs(c.gain_month)))} {verschil} over."]
    if c.gain_per_hour is not None:
        lines.append(f"Dat is {euro_text(cents_of(c.gain_per_hour))} per extra gewerkt uur.")
    if c.stops:
        lines.append("Stopt: " + ", ".join(SCHEME_NAMES.get(s, s) for s in c.stops) + ".")
    for sid, by in c.lower:
        lines.append(f"Lager: {SCHEME_NAMES.get(sid, sid)} ({euro_text(cents_of(by))} minder).")
    if c.provisional_from:
        lines.append(
            f"Vanaf {c.provisional_from:%m-%Y} zijn nog niet alle bedragen gepubliceerd: "
            "die maanden zijn berekend met de laatst bekende bedragen (voorlopig)."
        )
    return "\n".join(lines)


def cmd_job(args: argparse.Namespace) -> int:
    as_json = args.format == "json"
    try:
        try:
            raw = Path(args.file).read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError([InputProblem("", f"cannot read {args.file}: {exc.strerror}")]) from None
        offer = Offer(args.gross_month, args.hours, args.hourly_wage)
        result = compare(parse_household(raw), offer, args.person, args.months)
    except RulesError as exc:
        return report_problems(exc, as_json)
    print(
        json.dumps(comparison_json(result), ensure_ascii=False, indent=2)
        if as_json
        else comparison_text(result)
    )
    return 0


def cmd_simulate(args: argparse.Namespace) -> int:
    from meedoen.analysis.national.commands import cmd_simulate_national, wants_national
    from meedoen.analysis.population_table import read_population
    from meedoen.analysis.simulation import read_recipients, read_recipients_by_area, simulate
    from meedoen.analysis.simulation_report import write_simulation_report
    from meedoen.analysis.synthetic_population import synthetic

    if wants_national(args):
        return cmd_simulate_national(args)
    if not args.municipality or not args.date:
        missing = InputError([InputProblem("", "--municipality and --date are required")])
        return report_problems(missing, as_json=False)
    try:
        parameters = default_parameters()
        check_municipality(args.municipality, parameters)
        parameters.check_covered(args.date)
        baseline = apply_reform(parameters, Path(args.baseline)) if args.baseline else parameters
        reform = apply_reform(baseline, Path(args.reform)) if args.reform else baseline  # on the baseline
        description = (
            read_yaml(Path(args.reform).read_text(encoding="utf-8"))["description"] if args.reform else ""
        )
        if args.population:
            skipped: list[InputProblem] = []
            data = read_population(
                Path(args.population), args.date, args.municipality, lenient=args.lenient, skipped=skipped
            )
            for problem in skipped:
                print(f"skipped: {problem}", file=sys.stderr)
        else:
            data = synthetic(args.municipality, args.date, households=args.households)
        recipients = read_recipients(Path(args.recipients)) if args.recipients else None
        by_area = read_recipients_by_area(Path(args.recipients)) if args.recipients else None
        result = simulate(data, baseline, reform, description, recipients, by_area)
    except RulesError as exc:
        return report_problems(exc, as_json=False)
    for path in write_simulation_report(result, Path(args.out), pdf=not args.no_pdf):
        print(path)
    for figure in result.figures:
        print(figure.text())
    for s in result.schemes:
        has_value = s.measure.value or s.measure.amount
        if has_value and s.extra_cost is None:
            reform = f"; met de wijziging {euro_text(s.cost_reform)} per jaar" if s.costed_reform else ""
            print(f"{s.measure.id}: bedrag onbekend, niet in de extra kosten{reform}")
        if s.eligible_reform != s.eligible_baseline or (s.extra_cost or 0) != 0:
            counts = f"{s.eligible_baseline} -> {s.eligible_reform} huishoudens"
            extra = (
                "extra kosten onbekend"
                if s.extra_cost is None
                else f"{euro_text(s.extra_cost)} extra per jaar"
            )
            print(f"{s.measure.id}: {counts}, {extra}")
    winners, losers = sum(g.winners for g in result.by_type), sum(g.losers for g in result.by_type)
    print(f"vooruit: {winners} huishoudens, achteruit: {losers} huishoudens")
    return 0


def add_commands(sub: argparse._SubParsersAction, date_type: Any) -> None:
    mer = sub.add_parser("mer", help="minima-effect report (HTML, PDF, CSV) for standard households")
    mer.add_argument("--municipality", required=True)
    mer.add_argument("--date", required=True, type=date_type)
    mer.add_argument("--households", default="standard", help="'standard' or a YAML file of household types")
    mer.add_argument("--out", required=True, help="folder for the report")
    mer.add_argument("--points", type=int, default=1000, help="income points per household type")
    mer.add_argument("--no-pdf", action="store_true", help="skip the PDF (faster)")
    mer.add_argument("--reform", help="YAML file with parameter changes (or figures the sources lack)")
    mer.set_defaults(run=cmd_mer)

    job = sub.add_parser("job", help="does this job pay? one household now and with a job, month by month")
    job.add_argument("file", help="household JSON file (household contract)")
    wage = job.add_mutually_exclusive_group(required=True)
    wage.add_argument("--gross-month", type=_decimal, help="gross wage per month")
    wage.add_argument("--hourly-wage", type=_decimal, help="gross wage per hour (with --hours)")
    job.add_argument("--hours", type=_decimal, help="hours per week")
    job.add_argument("--person", help="id of the person who takes the job (default: the applicant)")
    job.add_argument("--months", type=int, default=12)
    job.add_argument("--format", choices=("text", "json"), default="text")
    job.set_defaults(run=cmd_job)

    sim = sub.add_parser("simulate", help="policy simulation of a population: current rules against a reform")
    sim.add_argument("--municipality", help="required without --national / --sweep")
    sim.add_argument("--date", type=date_type, help="required without --national / --sweep")
    sim.add_argument("--reform", help="YAML file with parameter changes by path and date")
    sim.add_argument(
        "--baseline", help="YAML file with changes that make the starting point (default: current)"
    )
    sim.add_argument(
        "--population", help="Parquet or CSV, one row per person (default: synthetic, CBS-calibrated)"
    )
    sim.add_argument(
        "--households", type=int, help="size of the synthetic population (default: the municipality's)"
    )
    sim.add_argument(
        "--recipients",
        help="CSV scheme,recipients[,area]: actual recipients (in total or per area), for the take-up",
    )
    sim.add_argument(
        "--lenient", action="store_true", help="leave out households with a bad row instead of stopping"
    )
    sim.add_argument("--out", required=True, help="folder for the report")
    sim.add_argument("--no-pdf", action="store_true", help="skip the PDF (faster)")
    sim.set_defaults(run=cmd_simulate)

    from meedoen.analysis.national.commands import add_commands as add_national_commands

    add_national_commands(sub, sim, date_type)
