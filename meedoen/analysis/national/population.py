"""A national synthetic population: every municipality of the newest CBS municipal table, each
made by the municipal generator (:func:`meedoen.analysis.synthetic_population.synthetic`) with its
own CBS figures, written as one Parquet partition per municipality::

    <out>/gemeente=GM0202/part.parquet      the household table (``meedoen simulate --population``)
    <out>/gemeente=GM0202/persons.parquet   the same population in the engine's layout (and
                         households.parquet, areas.json): what a task reads, without re-validating
    <out>/manifest.csv            code, name, parameters, households, persons, inhabitants, bijstand

A partition without the engine layout (a table from elsewhere) is read with
:func:`meedoen.analysis.population_table.read_population`, validated as a municipality's run does.
Assumptions: docs/simulation.md, "National population".
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from meedoen.analysis.synthetic_population import ADULTS_PER_HOUSEHOLD, MunicipalPopulation, synthetic
from meedoen.data import CBS
from meedoen.reporting import safe_csv

MANIFEST = "manifest.csv"
ENGINE_PERSONS, ENGINE_HOUSEHOLDS, ENGINE_AREAS = "persons.parquet", "households.parquet", "areas.json"
AGE_15_PLUS = "20150"
# A municipality without a parameter folder runs the national rules only. The generator still
# computes a low-income duration with a municipality's reference norm (it feeds the IIT, a local
# scheme, so it is never used there): that of this municipality, whose reference norm is the plain
# bijstand norm (docs/simulation.md).
STAND_IN = "nijmegen"
# The label such a population carries in the engine: a municipality without local parameters.
NATIONAL_ONLY = "landelijk"


@dataclass(frozen=True)
class Municipality:
    code: str  # CBS code, GM0202
    name: str  # CBS name, Arnhem
    inhabitants: int  # 15 and older (84066NED Inwoners_1)
    bijstand: int  # persons with bijstand (84066NED Bijstandsontvangers_2)
    parameters: str  # the parameter folder (meedoen/parameters/gemeenten/<name>), "" without one


@dataclass(frozen=True)
class Partition:
    municipality: Municipality
    path: Path
    households: int
    persons: int

    @property
    def label(self) -> str:
        """The municipality as the engine knows it: its folder, or the national-only label."""
        return self.municipality.parameters or NATIONAL_ONLY


def municipalities(cbs: Path = CBS, known: frozenset[str] | None = None) -> tuple[int, list[Municipality]]:
    """The year of the newest municipal table and every municipality in it (15 and older), with
    its parameter folder where ``known`` (default: the bundled parameters) has one by its name."""
    import polars as pl

    from meedoen.monitor.cbs import load_cbs

    if known is None:
        from meedoen.rules.parameters import default_parameters

        known = default_parameters().municipalities
    data = load_cbs(cbs)
    year = max(data.years)
    rows = data.municipal.filter(
        (pl.col("year") == year) & pl.col("code").str.starts_with("GM") & (pl.col("age") == AGE_15_PLUS)
    ).sort("code")
    out = []
    for row in rows.iter_rows(named=True):
        name = data.name(row["code"])
        folder = name.lower() if name.lower() in known else ""
        out.append(Municipality(row["code"], name, int(row["inhabitants"]), int(row["persons"]), folder))
    return year, out


def households_of(m: Municipality, scale: float) -> int:
    """The municipality's households at ``scale`` (at least one: every municipality is present)."""
    return max(1, round(m.inhabitants / ADULTS_PER_HOUSEHOLD * scale))


def generate(m: Municipality, date: dt.date, scale: float, seed: int) -> MunicipalPopulation:
    """One municipality's households: the municipal generator with its own CBS figures. The seed
    depends on the code only, so a municipality's partition does not change with the others."""
    data = synthetic(
        m.parameters or STAND_IN,
        date,
        households=households_of(m, scale),
        seed=seed + int(m.code[2:]),
        figures=(m.inhabitants, m.bijstand),
    )
    data.population.municipality = m.parameters or NATIONAL_ONLY
    return data


def build(
    out: Path,
    date: dt.date,
    scale: float = 1.0,
    seed: int = 2026,
    cbs: Path = CBS,
    only: set[str] | None = None,
) -> list[Partition]:
    """Write the partitions and the manifest; ``only`` limits it to some CBS codes (tests)."""
    if not 0 < scale <= 1:
        raise ValueError(f"scale must be above 0 and at most 1, got {scale}")
    year, found = municipalities(cbs)
    chosen = (m for m in found if only is None or m.code in only)
    return write_partitions(out, ((m, generate(m, date, scale, seed)) for m in chosen), year, date)


def write_partitions(
    out: Path, populations: Iterable[tuple[Municipality, MunicipalPopulation]], year: int, date: dt.date
) -> list[Partition]:
    """Write each population as its municipality's partition (one at a time: memory stays that of
    the largest municipality) and the manifest."""
    from meedoen.analysis.population_table import write_population

    out.mkdir(parents=True, exist_ok=True)
    parts = []
    for m, data in populations:
        folder = out / f"gemeente={m.code}"
        folder.mkdir(exist_ok=True)
        write_population(data, folder / "part.parquet")
        write_engine_layout(data, folder)
        pop = data.population
        parts.append(Partition(m, folder / "part.parquet", pop.size, len(pop.household)))
    with (out / MANIFEST).open("w", encoding="utf-8", newline="") as handle:
        writer = safe_csv.writer(handle)
        writer.writerow(
            ["code", "name", "parameters", "households", "persons", "inhabitants", "bijstand", "year", "date"]
        )
        for p in parts:
            m = p.municipality
            writer.writerow(
                [m.code, m.name, m.parameters, p.households, p.persons, m.inhabitants, m.bijstand, year, date]
            )
    return parts


def write_engine_layout(data: MunicipalPopulation, folder: Path) -> None:
    """The partition as the engine holds it, next to the household table: ``persons.parquet`` and
    ``households.parquet`` with the :class:`Population` columns (integer cents, yyyymmdd, codes) and
    ``areas.json``. Generated here, so valid by construction: a task reads it without the table's
    validation, which is most of the time of reading ``part.parquet`` (docs/national-scale.md)."""
    import polars as pl

    from meedoen.rules.population import HOUSEHOLD_COLUMNS, PERSON_COLUMNS

    pop = data.population
    persons = {"household": pop.household, **{c: getattr(pop, c) for c in PERSON_COLUMNS}}
    households = {c: getattr(pop, c) for c in HOUSEHOLD_COLUMNS} | {"area": data.areas.astype(np.int16)}
    pl.DataFrame(persons).write_parquet(folder / ENGINE_PERSONS)
    pl.DataFrame(households).write_parquet(folder / ENGINE_HOUSEHOLDS)
    (folder / ENGINE_AREAS).write_text(json.dumps(list(data.area_names)), encoding="utf-8")


def read_partition(part: Partition, date: dt.date) -> MunicipalPopulation:
    """A partition for the engine: its engine layout where present, else the household table
    (``part.parquet``, read and validated by ``read_population``)."""
    folder = part.path.parent
    if not (folder / ENGINE_PERSONS).is_file():
        from meedoen.analysis.population_table import read_population

        return read_population(part.path, date, part.label)
    import polars as pl

    from meedoen.rules.population import HOUSEHOLD_COLUMNS, PERSON_COLUMNS, Population

    persons = pl.read_parquet(folder / ENGINE_PERSONS)
    households = pl.read_parquet(folder / ENGINE_HOUSEHOLDS)
    pop = Population(
        date=date,
        municipality=part.label,
        household=persons["household"].to_numpy(),
        **{c: persons[c].to_numpy() for c in PERSON_COLUMNS},
        **{c: households[c].to_numpy() for c in HOUSEHOLD_COLUMNS},
    )
    names = tuple(json.loads((folder / ENGINE_AREAS).read_text(encoding="utf-8")))
    return MunicipalPopulation(pop, households["area"].to_numpy().astype(np.int64), names)


def read_manifest(folder: Path) -> tuple[dt.date, list[Partition]]:
    """The population's date and its partitions, largest first (the longest tasks start first)."""
    path = folder / MANIFEST
    if not path.is_file():
        raise FileNotFoundError(
            f"{path} not found: make one with 'meedoen population national --out {folder}'"
        )
    parts, date = [], None
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            date = dt.date.fromisoformat(row["date"])
            m = Municipality(
                row["code"], row["name"], int(row["inhabitants"]), int(row["bijstand"]), row["parameters"]
            )
            part = folder / f"gemeente={m.code}" / "part.parquet"
            parts.append(Partition(m, part, int(row["households"]), int(row["persons"])))
    if date is None:
        raise ValueError(f"{path} lists no municipality")
    return date, sorted(parts, key=lambda p: -p.households)
