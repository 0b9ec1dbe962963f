"""The national simulation: the engine mapped over the municipality partitions, in one process or
on Dask, and the small aggregates reduced on the client.

One task is one partition: the worker reads that municipality's Parquet, computes every measure
of the municipality (national rules everywhere, its local rules where it has a parameter folder)
under the baseline and the reform, and returns counters (households, eligible, cost, winners and
losers, per municipality, household type and area) and its peak memory. Counters are integers
(cents, households), so adding them in any order gives exactly the one-process result. A worker
holds one partition at a time: its memory is bounded by the largest municipality, never by the
country.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import resource
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from meedoen.analysis.national.population import NATIONAL_ONLY, Partition

Changes = tuple[tuple[str, tuple[tuple[int, Any], ...]], ...]  # hashable reform: (path, ((date, value),))
Counts = Counter  # (level, group, metric) -> int
NATIONAL = "Nederland"


def freeze(changes: Mapping[str, Mapping[int, Any]] | None) -> Changes:
    """A reform's changes as a hashable value (the worker's cache key of a parameter set)."""
    return tuple(sorted((path, tuple(sorted(dated.items()))) for path, dated in (changes or {}).items()))


@lru_cache(maxsize=64)
def parameters_for(changes: Changes = ()) -> Any:
    """The bundled parameters with ``changes``, where a population labelled ``landelijk`` (a
    municipality without a parameter folder) runs: it has no local parameters, so only the
    national rules apply there. Built once per worker process and reform."""
    from meedoen.rules.parameters import default_parameters

    base = default_parameters()
    params = base.with_values({path: dict(dated) for path, dated in changes}) if changes else base
    view = copy.copy(params)  # the same parameters; one more municipality name the engine accepts
    view.municipalities = params.municipalities | {NATIONAL_ONLY}
    return view


def measures_of(params: Any, label: str, date: dt.date) -> list:
    """The municipality's measures (``meedoen.analysis.simulation``): only the national ones where
    it has no parameter folder."""
    from meedoen.analysis.simulation import MEASURES, _measures
    from meedoen.rules.periods import to_int

    if label == NATIONAL_ONLY:
        return [m for m in MEASURES if m.parameters is None]
    return _measures(params, label, to_int(date))


def variable_names(measures: list, label: str) -> list[str]:
    names = {m.eligible for m in measures} | {m.amount for m in measures if m.amount}
    names |= {m.value for m in measures if m.value and m.valued}
    names |= {"household_type", "disposable_income"}
    if label != NATIONAL_ONLY:  # the municipality's own energy-poverty limit
        names.add("energy_poverty")
    return sorted(names)


def aggregate(
    code: str,
    measures: list,
    base: Mapping[str, np.ndarray],
    new: Mapping[str, np.ndarray],
    areas: np.ndarray,
    area_names: tuple[str, ...],
) -> Counts:
    """Counters of one partition under the baseline (``base``) and a reform (``new``)."""
    from meedoen.analysis.simulation import TYPE_NAMES, yearly_cost
    from meedoen.rules.formulas.household.benefit_unit import HOUSEHOLD_TYPES

    out: Counts = Counter()
    gain = (new["disposable_income"] - base["disposable_income"]) * 12
    groups: list[tuple[str, str, np.ndarray | None]] = [
        ("nederland", NATIONAL, None),
        ("gemeente", code, None),
    ]
    kinds = base["household_type"]
    groups += [("type", TYPE_NAMES[t], kinds == i) for i, t in enumerate(HOUSEHOLD_TYPES)]
    groups += [("gebied", f"{code} {a}", areas == i) for i, a in enumerate(area_names)]
    eligible = {m.id: (base[m.eligible] > 0, new[m.eligible] > 0) for m in measures}
    for level, group, members in groups:
        key = (level, group)
        sel = np.ones(len(gain), bool) if members is None else members
        g = gain[sel]
        out[(*key, "households")] += int(sel.sum())
        out[(*key, "winners")] += int((g > 0).sum())
        out[(*key, "losers")] += int((g < 0).sum())
        out[(*key, "gain_per_year")] += int(g.sum())
        out[(*key, "loss_per_year")] += int(-g[g < 0].sum())
        if "energy_poverty" in base:
            out[(*key, "energy_poverty")] += int((base["energy_poverty"] & sel).sum())
            out[(*key, "energy_poverty_reform")] += int((new["energy_poverty"] & sel).sum())
        for m in measures:
            before, after = eligible[m.id]
            out[(*key, f"eligible:{m.id}")] += int((before & sel).sum())
            out[(*key, f"eligible_reform:{m.id}")] += int((after & sel).sum())
            if members is None:  # cost per country and municipality (groups need not be costed)
                out[(*key, f"cost:{m.id}")] += yearly_cost(m, base)
                out[(*key, f"cost_reform:{m.id}")] += yearly_cost(m, new)
            if not m.costed and (m.value or m.amount):
                out[(*key, f"unvalued:{m.id}")] = 1
    return out


@dataclass
class TaskStats:
    """What a task reports of itself: the worker process, its peak memory, the time it took."""

    worker: str
    peak_rss: int  # bytes, the process's maximum resident set so far
    seconds: float
    households: int


def worker_id() -> str:
    try:
        from distributed import get_worker

        return get_worker().address
    except (ImportError, ValueError):
        return f"local:{os.getpid()}"


def peak_rss() -> int:
    """The process's peak resident memory in bytes (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def run_partition(
    part: Partition, date: dt.date, reform: Changes = (), threads: int = 1
) -> tuple[Counts, TaskStats]:
    """One municipality: read its partition, compute, return the counters and the task's stats."""
    from meedoen.analysis.population_table import read_population
    from meedoen.rules.engine import calculate

    start = time.perf_counter()
    base_params = parameters_for(())
    data = read_population(part.path, date, part.label)
    measures = measures_of(base_params, part.label, date)
    names = variable_names(measures, part.label)
    base = calculate(data.population, names, base_params, parts=threads)
    new = calculate(data.population, names, parameters_for(reform), parts=threads) if reform else base
    counts = aggregate(part.municipality.code, measures, base, new, data.areas, data.area_names)
    stats = TaskStats(worker_id(), peak_rss(), time.perf_counter() - start, data.population.size)
    return counts, stats


@dataclass
class NationalResult:
    counts: Counts
    tasks: list[TaskStats] = field(default_factory=list)
    seconds: float = 0.0
    workers: int = 1

    def peak_per_worker(self) -> dict[str, int]:
        peaks: dict[str, int] = {}
        for t in self.tasks:
            peaks[t.worker] = max(peaks.get(t.worker, 0), t.peak_rss)
        return peaks

    def metric(self, level: str, group: str, metric: str) -> int:
        return self.counts.get((level, group, metric), 0)


def reduce_results(
    results: Iterable[tuple[Any, TaskStats]], add: Callable[[Any, Any], Any], start: Any
) -> tuple[Any, list[TaskStats]]:
    total, stats = start, []
    for counts, task in results:
        total = add(total, counts)
        stats.append(task)
    return total, stats


def _add(total: Counts, counts: Counts) -> Counts:
    total.update(counts)  # adds counts (unvalued flags become the number of municipalities)
    return total


def client_for(workers: int | None, scheduler: str | None, processes: bool = True) -> Any:
    """A Dask client: on an existing scheduler, or a LocalCluster of ``workers`` processes with one
    thread each (the engine is NumPy: one process per core)."""
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler)
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=processes,
        dashboard_address=None,
        memory_limit=0,  # the bench measures memory; Dask's pausing would only blur it
    )
    return Client(cluster)


def warm(client: Any) -> None:
    """Load the rules and parameters in every worker before timing (a worker's first task would
    otherwise pay for the imports)."""
    client.run(parameters_for)
    client.run(_import_engine)


def _import_engine() -> None:
    from meedoen.analysis import population_table, simulation  # noqa: F401
    from meedoen.rules import formulas  # noqa: F401


def run_national(
    parts: list[Partition],
    date: dt.date,
    reform: Changes = (),
    client: Any = None,
    threads: int = 1,
) -> NationalResult:
    """Every partition in this process (streaming, one at a time) or, with a client, one Dask
    task per partition, reduced as the tasks finish."""
    start = time.perf_counter()
    if client is None:
        results: Iterable = (run_partition(p, date, reform, threads) for p in parts)
        workers = 1
    else:
        from distributed import as_completed

        futures = client.map(run_partition, parts, date=date, reform=reform, pure=False)
        results = (f.result() for f in as_completed(futures))
        workers = len(client.scheduler_info()["workers"])
    counts, stats = reduce_results(results, _add, Counter())
    return NationalResult(counts, stats, time.perf_counter() - start, workers)
