"""The national simulation: the engine mapped over the municipality partitions, in one process or
on Dask, and the small aggregates reduced on the client.

Per partition the worker reads that municipality's Parquet, computes every measure of the
municipality (national rules everywhere, its local rules where it has a parameter folder) under the
baseline and the reform, and keeps counters (households, eligible, cost, winners and losers, per
municipality, household type and area) and its peak memory. A Dask task is a batch of partitions
(:func:`batches`), computed one after another and returned as one counter. Counters are integers
(cents, households), so adding them in any order gives exactly the one-process result. A worker
holds one partition at a time: its memory is bounded by the largest municipality, never by the
country.
"""

from __future__ import annotations

import copy
import datetime as dt
import logging
import os
import resource
import time
from collections import Counter
from collections.abc import Iterable, Mapping
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


class Groups:
    """The groups a partition's households count in: the country, the municipality (totals), each
    household type and each area (``np.bincount``: one pass per figure for all groups)."""

    def __init__(self, code: str, kinds: np.ndarray, areas: np.ndarray, area_names: tuple[str, ...]) -> None:
        from meedoen.analysis.simulation import TYPE_NAMES
        from meedoen.rules.formulas.household.benefit_unit import HOUSEHOLD_TYPES

        self.totals = (("nederland", NATIONAL), ("gemeente", code))
        self.labels = (
            (kinds, [("type", TYPE_NAMES[t]) for t in HOUSEHOLD_TYPES]),
            (areas, [("gebied", f"{code} {a}") for a in area_names]),
        )

    def add(self, out: Counts, metric: str, x: np.ndarray) -> None:
        """Count a condition (bool) or add an amount (cents, exact below 2**53) per group."""
        total = int(x.sum())
        for key in self.totals:
            out[(*key, metric)] += total
        for labels, keys in self.labels:
            if x.dtype == bool:
                sums = np.bincount(labels[x], minlength=len(keys))
            else:
                sums = np.rint(np.bincount(labels, weights=x, minlength=len(keys))).astype(np.int64)
            for key, value in zip(keys, sums.tolist(), strict=True):
                out[(*key, metric)] += value

    def only(self, rows: np.ndarray) -> Groups:
        """The same groups for the households ``rows`` only (indices into the partition)."""
        subset = copy.copy(self)
        subset.labels = tuple((labels[rows], keys) for labels, keys in self.labels)
        return subset

    def add_total(self, out: Counts, metric: str, value: int) -> None:
        for key in self.totals:
            out[(*key, metric)] += value


def side_counts(
    groups: Groups,
    measures: list,
    values: Mapping[str, np.ndarray],
    reform: bool,
    same: Counts | None = None,
    changed: frozenset[str] = frozenset(),
) -> Counts:
    """Eligible households per group and yearly cost per country and municipality under one
    parameter set; with ``same`` (the baseline's counts), a measure none of whose variables is in
    ``changed`` is copied from it instead of counted again (a sweep's variants)."""
    from meedoen.analysis.simulation import yearly_cost

    out: Counts = Counter()
    suffix = "_reform" if reform else ""
    for m in measures:
        if same is not None and not {m.eligible, m.amount, m.value} & changed:
            for (level, group, metric), value in same.items():
                if metric in (f"eligible:{m.id}", f"cost:{m.id}"):
                    kind, scheme = metric.split(":", 1)
                    out[(level, group, f"{kind}{suffix}:{scheme}")] = value
            continue
        groups.add(out, f"eligible{suffix}:{m.id}", values[m.eligible] > 0)
        groups.add_total(out, f"cost{suffix}:{m.id}", yearly_cost(m, values))
    if "energy_poverty" in values:
        groups.add(out, f"energy_poverty{suffix}", values["energy_poverty"])
    return out


def change_counts(groups: Groups, base: Mapping[str, np.ndarray], new: Mapping[str, np.ndarray]) -> Counts:
    """Winners and losers of the reform (disposable income per year) per group."""
    out: Counts = Counter()
    gain = (new["disposable_income"] - base["disposable_income"]) * 12
    changed = np.flatnonzero(gain)  # a reform moves few households: count only those
    groups, gain = groups.only(changed), gain[changed]
    groups.add(out, "winners", gain > 0)
    groups.add(out, "losers", gain < 0)
    groups.add(out, "gain_per_year", gain)
    groups.add(out, "loss_per_year", np.where(gain < 0, -gain, 0))
    return out


def base_counts(groups: Groups, measures: list, base: Mapping[str, np.ndarray]) -> Counts:
    """What does not depend on the reform: households per group, the baseline's figures, and the
    schemes whose value was not found (counted once per municipality)."""
    out = side_counts(groups, measures, base, reform=False)
    groups.add(out, "households", np.ones(len(base["disposable_income"]), bool))
    out.update(unvalued_counts(groups, measures, "unvalued"))
    return out


def unvalued_counts(groups: Groups, measures: list, metric: str) -> Counts:
    """A 1 per scheme the municipality has whose value was not found (summed: the municipalities)."""
    out: Counts = Counter()
    for m in measures:
        if not m.costed and (m.value or m.amount):
            groups.add_total(out, f"{metric}:{m.id}", 1)
    return out


def aggregate(
    code: str,
    measures: tuple[list, list],
    base: Mapping[str, np.ndarray],
    new: Mapping[str, np.ndarray],
    areas: np.ndarray,
    area_names: tuple[str, ...],
) -> Counts:
    """Counters of one partition under the baseline (``base``) and a reform (``new``), each side
    costed with its own measures (a reform may give a value the sources lack); nobody gains a value
    that is unknown on the baseline (``simulation.comparable``)."""
    from meedoen.analysis.simulation import comparable

    before, after = measures
    groups = Groups(code, base["household_type"], areas, area_names)
    out = base_counts(groups, before, base)
    out.update(side_counts(groups, after, new, reform=True))
    out.update(unvalued_counts(groups, after, "unvalued_reform"))
    out.update(change_counts(groups, base, comparable(dict(new), after, before)))
    return out


@dataclass
class TaskStats:
    """What a task reports of itself: the worker process, its peak memory, the time it took."""

    worker: str
    peak_rss: int  # bytes, the process's maximum resident set so far
    seconds: float
    households: int
    cpu_seconds: float = 0.0  # CPU time of the worker process during the task (all its threads)


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
    from meedoen.analysis.national.population import read_partition
    from meedoen.rules.engine import calculate

    start, cpu = time.perf_counter(), time.process_time()
    base_params = parameters_for(())
    data = read_partition(part, date)
    measures = measures_of(base_params, part.label, date)
    reformed = measures_of(parameters_for(reform), part.label, date) if reform else measures
    names = sorted(set(variable_names(measures, part.label)) | set(variable_names(reformed, part.label)))
    base = calculate(data.population, names, base_params, parts=threads)
    new = calculate(data.population, names, parameters_for(reform), parts=threads) if reform else base
    sides = (measures, reformed)
    counts = aggregate(part.municipality.code, sides, base, new, data.areas, data.area_names)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    stats = TaskStats(worker_id(), peak_rss(), seconds, data.population.size, cpu)
    return counts, stats


def run_batch(
    batch: list[Partition], date: dt.date, reform: Changes = (), threads: int = 1
) -> tuple[Counts, list[TaskStats]]:
    """Partitions one after another (one in memory at a time): their counters added, their stats."""
    total: Counts = Counter()
    stats = []
    for part in batch:
        counts, task = run_partition(part, date, reform, threads)
        total.update(counts)
        stats.append(task)
    return total, stats


# A partition's fixed cost (reading three files, the engine's setup, the counters) in households of
# work: about 3,5 ms against 0,7 us per household (bench/national.py, one process, per partition).
PARTITION_COST = 5_000


def batches(parts: list[Partition], workers: int) -> list[list[Partition]]:
    """The partitions as Dask tasks, largest first: each task takes a ``1 / (2 x workers)`` share
    of the work still to go (guided self-scheduling), but at least ``1 / (64 x workers)`` of all;
    ``workers`` counts the tasks that run at once (worker threads). One task per partition (388 for
    the country) cost a few milliseconds of scheduler and client CPU each, on the cores the workers
    need, and a round trip each (measured: 1,1 CPU s, and 1,5x instead of 2x on 2 cores); the 16
    tasks for 2 workers do not. Shrinking tasks keep the tail short: the last ones are small, so
    the workers finish within one small task of each other."""
    workers = max(workers, 1)
    remaining = sum(p.households + PARTITION_COST for p in parts)
    least = remaining / (64 * workers)
    out: list[list[Partition]] = []
    batch: list[Partition] = []
    size = 0
    for part in sorted(parts, key=lambda p: -p.households):
        batch.append(part)
        size += part.households + PARTITION_COST
        if size >= max(remaining / (2 * workers), least):
            out.append(batch)
            remaining -= size
            batch, size = [], 0
    return [*out, batch] if batch else out


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


# Worker settings for a NumPy engine. Memory: the engine allocates thousands of arrays of a partition's
# length and frees them again; glibc gives large ones back to the kernel (mmap, heap trimming), so
# each partition faults its pages in afresh (330.000 page faults, 1 s of 6,7 CPU s for the country).
# A fixed mmap threshold (32 MB, the most every glibc accepts: an array of 4 million int64) and
# trim threshold keep the freed memory in the heap for the next partition (40.000 faults, 0,3 s;
# the peak stays that of the largest partition). Dask's own
# MALLOC_TRIM_THRESHOLD_ (64 kB) is the opposite. Polars reads Parquet with a thread per core: with
# one worker per core that is twice the threads of the cores and a third more CPU for reading (1,8
# against 1,3 s for the country) for no gain in time. The statistical profiler samples the task
# thread every 10 ms; every server's event-loop watchdog ticks every 20 ms and its system monitor
# runs every 0,5 s: together 0,06 of a core at rest (scheduler, nannies and workers), taken from
# the two cores the workers compute on, 0,01 with these intervals. The same keys belong in the
# worker's dask configuration on a cluster (docs/national-scale.md).
WORKER_CONFIG = {
    "distributed.nanny.pre-spawn-environ": {
        "MALLOC_MMAP_THRESHOLD_": 32 * 2**20,
        "MALLOC_TRIM_THRESHOLD_": 2**30,
        "OMP_NUM_THREADS": 1,
        "MKL_NUM_THREADS": 1,
        "OPENBLAS_NUM_THREADS": 1,
        "POLARS_MAX_THREADS": 1,
    },
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
}


def client_for(workers: int | None, scheduler: str | None, processes: bool = True) -> Any:
    """A Dask client: on an existing scheduler, or a LocalCluster of ``workers`` processes with one
    thread each (the engine is NumPy: one process per core)."""
    import dask
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler)
    dask.config.set(WORKER_CONFIG)
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=processes,
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": ":0"},  # its HTTP routes on a free port, not 8787
        memory_limit=0,  # the bench measures memory; Dask's pausing would only blur it
        silence_logs=logging.CRITICAL,  # a task's error reaches the client; heartbeat noise at close not
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
    """Every partition in this process (streaming, one at a time) or, with a client, as Dask
    tasks of :func:`batches` (largest first), reduced as the tasks finish."""
    start = time.perf_counter()
    workers = 1 if client is None else len(client.scheduler_info()["workers"])
    counts: Counts = Counter()
    stats: list[TaskStats] = []
    for batch_counts, batch_stats in map_batches(
        run_batch, parts, client, date=date, reform=reform, threads=threads
    ):
        counts.update(batch_counts)  # adds counts (unvalued flags become the number of municipalities)
        stats += batch_stats
    return NationalResult(counts, stats, time.perf_counter() - start, workers)


def map_batches(task: Any, parts: list[Partition], client: Any, **kwargs: Any) -> Iterable:
    """The results of ``task(batch, **kwargs)`` over the partitions: one partition at a time in this
    process, or with a client as Dask tasks of :func:`batches`, in the order they finish."""
    if client is None:
        return (task([p], **kwargs) for p in parts)
    from distributed import as_completed

    info = client.scheduler_info()["workers"]
    tasks = batches(parts, sum(w["nthreads"] for w in info.values()))  # tasks that run at once
    futures = client.map(task, tasks, pure=False, **kwargs)
    return (result for _, result in as_completed(futures, with_results=True))
