"""Reform sweeps: one parameter over a list of values (or a grid over two), every variant computed
in one job on the same population, recomputing per variant only what the swept parameters reach.

A sweep file (``meedoen/examples/sweep_meedoenregeling.yaml``)::

    description: Meedoen-regeling Nijmegen van 110 % tot 150 %
    parameter: gemeenten.nijmegen.meedoenregeling.inkomensgrens
    values: [1.10, 1.15, 1.20]
    # or: grid: {gemeenten.x.a: [..], gemeenten.x.b: [..]}
    # date: 2026-01-01   (from when the values hold; default: the population's date)

How a variant reuses the baseline: the baseline runs once with tracking, so the engine knows for
every variable it computed the parameters it rests on, transitively (``Simulation.rests_on``). A
variant starts from the baseline's values of every variable that does not rest on a swept
parameter and computes only the others (and what they ask for that is not there yet).
"""

from __future__ import annotations

import datetime as dt
import itertools
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from meedoen.analysis.national.distributed import (
    Changes,
    Counts,
    Groups,
    TaskStats,
    base_counts,
    change_counts,
    map_batches,
    measures_of,
    parameters_for,
    peak_rss,
    side_counts,
    unvalued_counts,
    variable_names,
    worker_id,
)
from meedoen.analysis.national.population import Partition
from meedoen.reporting import safe_csv
from meedoen.rules.engine import Simulation, Variable
from meedoen.rules.errors import ParameterFileError, RulesError
from meedoen.rules.money import euro_decimal


class TrackedSimulation(Simulation):
    """A baseline run that can say which of its variables rest on given parameters (the engine's
    tracking) and hand the values of the others to a variant."""

    def __init__(self, population: Any, parameters: Any) -> None:
        super().__init__(population, parameters, track=True)

    def dependents(self, paths: Iterable[str]) -> frozenset[str]:
        """The computed variables that rest, directly or through others, on any of ``paths``."""
        wanted = frozenset(paths)
        return frozenset(name for name in self._cache if self.rests_on(name) & wanted)

    def values_except(self, names: frozenset[str]) -> dict[str, np.ndarray]:
        return {name: value for name, value in self._cache.items() if name not in names}


class VariantSimulation(Simulation):
    """A run under a variant's parameters that starts from values known not to change; it records
    the variables it had to compute (for the test that nothing else is)."""

    def __init__(self, population: Any, parameters: Any, reuse: Mapping[str, np.ndarray]) -> None:
        super().__init__(population, parameters)
        self._cache.update(reuse)
        self.recomputed: list[str] = []

    def _compute(self, var: Variable) -> np.ndarray:
        self.recomputed.append(var.name)
        return super()._compute(var)


@dataclass(frozen=True)
class Sweep:
    description: str
    parameters: tuple[str, ...]  # one, or two for a grid
    variants: tuple[tuple[Any, ...], ...]  # per variant, the values of ``parameters`` (as written)
    changes: tuple[Changes, ...]  # per variant, the reform it makes (validated, in the unit)

    @property
    def paths(self) -> frozenset[str]:
        return frozenset(self.parameters)


def read_sweep(path: Path, date: dt.date) -> Sweep:
    """Read and validate a sweep file; a parameter the rules do not have raises a
    :class:`ParameterFileError` naming it (the command exits 2)."""
    import yaml

    from meedoen.analysis.national.distributed import freeze
    from meedoen.rules.parameters import default_parameters, read_yaml
    from meedoen.rules.reforms import reform_changes

    name = str(path)
    try:
        data = read_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RulesError(f"{name}: cannot read the sweep: {exc}") from None
    if not isinstance(data, dict):
        raise ParameterFileError(name, "", "expected a mapping with parameter and values, or grid")
    unknown = set(data) - {"description", "parameter", "values", "grid", "date"}
    if unknown:
        raise ParameterFileError(name, sorted(unknown)[0], "unknown key")
    if "grid" in data:
        grid = data["grid"]
        if not isinstance(grid, dict) or not 1 <= len(grid) <= 2 or "parameter" in data or "values" in data:
            raise ParameterFileError(
                name, "grid", "expected one or two parameters, each with a list of values"
            )
        axes = {str(k): v for k, v in grid.items()}
    elif "parameter" in data and "values" in data:
        axes = {str(data["parameter"]): data["values"]}
    else:
        raise ParameterFileError(name, "", "expected parameter and values, or grid")
    for key, values in axes.items():
        if not isinstance(values, list) or not values:
            raise ParameterFileError(name, key, "expected a list of values")
    start = data.get("date", date)
    if not isinstance(start, dt.date):
        raise ParameterFileError(name, "date", f"expected a date, got {start!r}")
    params = default_parameters()
    variants = tuple(itertools.product(*axes.values()))
    changes = []
    for values in variants:
        reform = {"description": "", "changes": {p: {start: v} for p, v in zip(axes, values, strict=True)}}
        changes.append(freeze(reform_changes(reform, params, name)))
    return Sweep(str(data.get("description", "")), tuple(axes), variants, tuple(changes))


@dataclass
class PartitionSweep:
    counts: list[Counts]  # per variant
    recomputed: set[str]  # every variable a variant computed (over all variants)
    reused: int  # variables taken from the baseline, summed over variants


def sweep_population(data: Any, code: str, date: dt.date, sweep: Sweep) -> PartitionSweep:
    """Every variant of one population (a partition): the baseline once with tracking, then per
    variant only the variables that rest on a swept parameter."""
    from meedoen.analysis.simulation import comparable

    base_params = parameters_for(())
    label = data.population.municipality
    measures = measures_of(base_params, label, date)
    # a variant may give a value the sources lack (a not-found budget): its side is costed with it
    own = [measures_of(parameters_for(changes), label, date) for changes in sweep.changes]
    names = sorted(set(variable_names(measures, label)).union(*(variable_names(m, label) for m in own)))
    sim = TrackedSimulation(data.population, base_params)
    base = {n: sim(n) for n in names}
    changed = sim.dependents(sweep.paths)
    reuse = sim.values_except(changed)
    groups = Groups(code, base["household_type"], data.areas, data.area_names)
    fixed = base_counts(groups, measures, base)
    unchanged = Counter(fixed)
    unchanged.update(side_counts(groups, measures, base, True, same=fixed))
    unchanged.update(unvalued_counts(groups, measures, "unvalued_reform"))
    unchanged.update(change_counts(groups, base, base))
    out = PartitionSweep([], set(), 0)
    for changes, variant_measures in zip(sweep.changes, own, strict=True):
        out.reused += len(reuse)
        if not changed:  # nothing here rests on the swept parameters (another municipality's)
            out.counts.append(Counter(unchanged))
            continue
        variant = VariantSimulation(data.population, parameters_for(changes), reuse)
        new = {n: variant(n) for n in names}
        out.recomputed.update(variant.recomputed)
        counts = Counter(fixed)
        counts.update(side_counts(groups, variant_measures, new, True, same=fixed, changed=changed))
        counts.update(unvalued_counts(groups, variant_measures, "unvalued_reform"))
        counts.update(change_counts(groups, base, comparable(new, variant_measures, measures)))
        out.counts.append(counts)
    return out


def sweep_partition(part: Partition, date: dt.date, sweep: Sweep) -> tuple[PartitionSweep, TaskStats]:
    """The Dask task of a sweep: one partition, every variant."""
    from meedoen.analysis.national.population import read_partition

    start = time.perf_counter()
    data = read_partition(part, date)
    result = sweep_population(data, part.municipality.code, date, sweep)
    return result, TaskStats(worker_id(), peak_rss(), time.perf_counter() - start, data.population.size)


@dataclass
class SweepResult:
    sweep: Sweep
    counts: list[Counts]
    recomputed: set[str] = field(default_factory=set)
    tasks: list[TaskStats] = field(default_factory=list)
    seconds: float = 0.0

    def curve(self) -> list[dict[str, Any]]:
        """Per variant and per scheme whose reach or cost moves in the sweep: the households
        eligible and the yearly cost (national totals), next to the baseline."""
        moving = sorted(
            {
                key[2].split(":", 1)[1]
                for c in self.counts
                for key, value in c.items()
                if key[0] == "nederland"
                and key[2].startswith(("eligible_reform:", "cost_reform:"))
                and value != c.get((key[0], key[1], key[2].replace("_reform", "")), 0)
            }
        )
        rows = []
        for values, c in zip(self.sweep.variants, self.counts, strict=True):
            total = {k[2]: v for k, v in c.items() if k[0] == "nederland"}
            for scheme in moving:
                row = dict(zip(self.sweep.parameters, values, strict=True))
                row |= {
                    "scheme": scheme,
                    "eligible": total.get(f"eligible_reform:{scheme}", 0),
                    "eligible_baseline": total.get(f"eligible:{scheme}", 0),
                    "cost_per_year": total.get(f"cost_reform:{scheme}", 0),  # cents
                    # None: the value was not found in some municipality today ("onbekend", not 0)
                    "cost_baseline": None
                    if total.get(f"unvalued:{scheme}")
                    else total.get(f"cost:{scheme}", 0),
                    "winners": total.get("winners", 0),
                    "losers": total.get("losers", 0),
                }
                rows.append(row)
        return rows


def _add_all(total: list[Counts], part: PartitionSweep) -> list[Counts]:
    if not total:
        return [Counter(c) for c in part.counts]
    for t, c in zip(total, part.counts, strict=True):
        t.update(c)
    return total


def sweep_batch(
    batch: list[Partition], date: dt.date, sweep: Sweep
) -> tuple[PartitionSweep, list[TaskStats]]:
    """The Dask task of a sweep: partitions one after another (one in memory at a time), every
    variant of each, their counters added per variant."""
    total = PartitionSweep([], set(), 0)
    stats = []
    for part in batch:
        result, task = sweep_partition(part, date, sweep)
        total.counts = _add_all(total.counts, result)
        total.recomputed |= result.recomputed
        total.reused += result.reused
        stats.append(task)
    return total, stats


def run_sweep(parts: list[Partition], date: dt.date, sweep: Sweep, client: Any = None) -> SweepResult:
    """All variants on every partition, in this process or as Dask tasks of ``batches`` (few
    tasks, largest first, as the national run: one task per partition cost the driver's CPU)."""
    start = time.perf_counter()
    total: list[Counts] = []
    recomputed: set[str] = set()
    stats: list[TaskStats] = []
    for part, batch_stats in map_batches(sweep_batch, parts, client, date=date, sweep=sweep):
        total = _add_all(total, part)
        recomputed |= part.recomputed
        stats += batch_stats
    return SweepResult(sweep, total, recomputed, stats, time.perf_counter() - start)


def write_curve(result: SweepResult, out: Path) -> list[Path]:
    """``curve.csv`` (amounts in euro) and ``curve.svg`` / ``curve.png``: cost and reach per value."""
    import io

    from meedoen.reporting.charts import COLOURS, plt, write_all

    rows = result.curve()
    text = io.StringIO()
    params = list(result.sweep.parameters)
    columns = [*params, "scheme", "eligible", "eligible_baseline", "cost_per_year", "cost_baseline"]
    columns += ["winners", "losers"]
    writer = safe_csv.dict_writer(text, columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        euro = {
            k: "onbekend" if row[k] is None else euro_decimal(row[k])
            for k in ("cost_per_year", "cost_baseline")
        }
        writer.writerow(row | euro)
    fig, (cost_ax, reach_ax) = plt.subplots(1, 2, figsize=(9, 3.4))
    x_name = params[0]

    def line_of(row: dict[str, Any]) -> tuple:
        return (*[row[p] for p in params[1:]], row["scheme"])

    lines = sorted({line_of(r) for r in rows})
    for i, line in enumerate(lines):
        points = [r for r in rows if line_of(r) == line]
        xs = [float(r[x_name]) for r in points]
        label = " ".join(str(v) for v in line)
        colour = COLOURS[i % len(COLOURS)]
        cost_ax.plot(xs, [r["cost_per_year"] / 100e6 for r in points], marker="o", color=colour, label=label)
        reach_ax.plot(xs, [r["eligible"] for r in points], marker="o", color=colour, label=label)
    cost_ax.set_title("Kosten per jaar (mln euro)")
    reach_ax.set_title("Bereik (huishoudens met recht)")
    for ax in (cost_ax, reach_ax):
        ax.set_xlabel(x_name.rsplit(".", 2)[-2] + "." + x_name.rsplit(".", 1)[-1])
    if lines:
        reach_ax.legend(fontsize=7)
    fig.suptitle(result.sweep.description or "Variantenreeks", fontsize=10)
    svg, png = io.StringIO(), io.BytesIO()
    fig.savefig(svg, format="svg", bbox_inches="tight")
    fig.savefig(png, format="png", bbox_inches="tight", dpi=110)
    plt.close(fig)
    files = {
        "curve.csv": text.getvalue().encode(),
        "curve.svg": svg.getvalue().encode(),
        "curve.png": png.getvalue(),
    }
    return write_all(files, out)


def changes_of(variant: Changes) -> dict[str, dict[int, Any]]:
    return {path: dict(dated) for path, dated in variant}
