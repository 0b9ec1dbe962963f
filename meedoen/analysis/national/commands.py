"""Command line of the national scale: ``meedoen population national`` and ``meedoen simulate
--national`` / ``--sweep`` (hooked into :mod:`meedoen.analysis.cli`). Dask, Polars and matplotlib
are imported inside the commands, so ``meedoen check`` starts fast."""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path
from typing import Any

from meedoen.reporting import safe_csv
from meedoen.rules.money import number

EXIT_BAD_INPUT = 2


def _fail(message: str) -> int:
    print(f"fout: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _scale(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a fraction like 0.01, got {text!r}") from None
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError(f"expected a scale above 0 and at most 1, got {text!r}")
    return value


def cmd_population_national(args: argparse.Namespace) -> int:
    import datetime as dt

    from meedoen.analysis.national.population import build

    date = args.date or dt.date.today()
    parts = build(Path(args.out), date, scale=args.scale, seed=args.seed)
    households = sum(p.households for p in parts)
    persons = sum(p.persons for p in parts)
    local = [p.municipality.name for p in parts if p.municipality.parameters]
    print(
        f"{len(parts)} gemeenten, {number(households)} huishoudens, {number(persons)} personen in {args.out}"
    )
    print(f"eigen regelingen: {', '.join(local) or 'geen'}; elders alleen de landelijke regels")
    return 0


def add_commands(sub: argparse._SubParsersAction, simulate: argparse.ArgumentParser, date_type: Any) -> None:
    """``meedoen population national`` and the national options of ``meedoen simulate``."""
    population = sub.add_parser("population", help="synthetic populations")
    kinds = population.add_subparsers(dest="kind", required=True)
    national = kinds.add_parser(
        "national", help="every municipality of the CBS table, as Parquet partitioned by municipality"
    )
    national.add_argument("--out", required=True, help="folder for gemeente=GMxxxx/part.parquet")
    national.add_argument("--scale", type=_scale, default=1.0, help="fraction of the households (0.01: 1 %%)")
    national.add_argument("--date", type=date_type, help="peildatum of the ages (default: today)")
    national.add_argument("--seed", type=int, default=2026)
    national.set_defaults(run=cmd_population_national)

    simulate.add_argument(
        "--national",
        action="store_true",
        help="every municipality of a national population (--population DIR)",
    )
    simulate.add_argument(
        "--workers", type=int, help="Dask LocalCluster of N worker processes on this machine"
    )
    simulate.add_argument("--scheduler", help="address of an existing Dask scheduler (tcp://host:8786)")
    simulate.add_argument("--sweep", help="YAML: a parameter and its values (or a grid over two)")


def wants_national(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "national", False) or getattr(args, "sweep", None))


def cmd_simulate_national(args: argparse.Namespace) -> int:
    """``meedoen simulate --national`` / ``--sweep``: one Dask task per municipality partition."""
    from meedoen.analysis.national.population import read_manifest
    from meedoen.rules.errors import RulesError

    if args.workers is not None and args.workers < 1:
        return _fail(f"--workers must be 1 or more, got {args.workers}")
    if args.workers and args.scheduler:
        return _fail("give --workers or --scheduler, not both")
    if not args.population:
        return _fail("--population DIR is required: make one with 'meedoen population national --out DIR'")
    try:
        date, parts = read_manifest(Path(args.population))
    except (FileNotFoundError, ValueError) as exc:
        return _fail(str(exc))
    date = args.date or date
    client = None
    try:
        if args.workers or args.scheduler:
            from meedoen.analysis.national.distributed import client_for

            client = client_for(args.workers, args.scheduler)
        if args.sweep:
            return _sweep(args, parts, date, client)
        return _national(args, parts, date, client)
    except RulesError as exc:
        from meedoen.analysis.cli import report_problems

        return report_problems(exc, as_json=False)
    finally:
        if client is not None:
            cluster = client.cluster
            client.close()
            if cluster is not None:
                cluster.close()


def _national(args: argparse.Namespace, parts: list, date: Any, client: Any) -> int:
    from meedoen.analysis.national.distributed import freeze, run_national
    from meedoen.rules.parameters import default_parameters
    from meedoen.rules.reforms import apply_reform, reform_changes

    reform = ()
    if args.reform:
        from meedoen.rules.parameters import read_yaml

        path = Path(args.reform)
        apply_reform(default_parameters(), path)  # validates, naming the file
        reform = freeze(
            reform_changes(read_yaml(path.read_text(encoding="utf-8")), default_parameters(), str(path))
        )
    result = run_national(parts, date, reform, client)
    for path in write_results(result.counts, Path(args.out)):
        print(path)
    total = {k[2]: v for k, v in result.counts.items() if k[0] == "nederland"}
    print(
        f"{len(parts)} gemeenten, {total['households']:,} huishoudens, {result.seconds:.2f} s,"
        f" {result.workers} worker(s)"
    )

    from meedoen.analysis.simulation import in_money

    for scheme in sorted(k.split(":", 1)[1] for k in total if k.startswith("eligible:")):
        line = f"{scheme}: {number(total[f'eligible:{scheme}'])} huishoudens, "
        line += _cost_text(total, scheme, "", in_money(scheme))
        if reform:
            line += f"; met de wijziging {number(total.get(f'eligible_reform:{scheme}', 0))} huishoudens, "
            line += _cost_text(total, scheme, "_reform", in_money(scheme))
        print(line)
    print(f"vooruit: {total['winners']} huishoudens, achteruit: {total['losers']} huishoudens")
    for worker, peak in sorted(result.peak_per_worker().items()):
        print(f"piekgeheugen {worker}: {number(round(peak / 2**20))} MB")
    return 0


def _cost_text(total: dict[str, int], scheme: str, side: str, in_money: bool) -> str:
    """A scheme's yearly cost in Dutch, never "€ 0" for what is unknown: the municipalities where
    its value was not found are named, and left out of the sum."""
    from meedoen.rules.money import euro_text

    if not in_money:
        return "geen bedrag (een mogelijk recht, geen vast bedrag)"
    cost, unvalued = total.get(f"cost{side}:{scheme}", 0), total.get(f"unvalued{side}:{scheme}", 0)
    if not unvalued:
        return f"{euro_text(cost)} per jaar"
    if not cost:
        return f"bedrag onbekend (niet gevonden in {unvalued} gemeente(n))"
    return f"{euro_text(cost)} per jaar, zonder {unvalued} gemeente(n) waar het bedrag onbekend is"


def _sweep(args: argparse.Namespace, parts: list, date: Any, client: Any) -> int:
    from meedoen.analysis.national.sweep import read_sweep, run_sweep, write_curve

    sweep = read_sweep(Path(args.sweep), date)
    result = run_sweep(parts, date, sweep, client)
    for path in write_curve(result, Path(args.out)):
        print(path)
    print(
        f"{len(sweep.variants)} varianten in {result.seconds:.2f} s;"
        f" opnieuw berekend: {', '.join(sorted(result.recomputed))}"
    )
    return 0


def write_results(counts: dict, out: Path) -> list[Path]:
    """``resultaten.csv``: every counter as level, group, metric, value (cents for money)."""
    from meedoen.reporting.charts import write_all

    text = io.StringIO()
    writer = safe_csv.writer(text, lineterminator="\n")
    writer.writerow(["level", "group", "metric", "value"])
    for (level, group, metric), value in sorted(counts.items()):
        writer.writerow([level, group, metric, value])
    return write_all({"resultaten.csv": text.getvalue().encode()}, out)
