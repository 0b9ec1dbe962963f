"""A synthetic but realistic population of a municipality, built column-wise.

Calibrated to CBS StatLine 84066NED (``shared/reference/cbs``): the number of inhabitants of 15
and older and the bijstand density of the municipality; the other shares are documented national
assumptions (``docs/simulation.md``). Seeded, so a run is reproducible.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from meedoen.data import CBS
from meedoen.rules.population import APPLICANT, CHILD, HOUSEMATE, NOT_GIVEN, PARTNER, Population

CODES = {"arnhem": "GM0202", "nijmegen": "GM0268", "groningen": "GM0014"}
ADULTS_PER_HOUSEHOLD = 1.75  # inhabitants of 15+ per household (CBS household statistics, national)
BENEFIT_PERSONS_PER_HOUSEHOLD = 1.2  # bijstand recipients per benefit household (couples count twice)
# Household composition, national shares (CBS Huishoudens 2023, rounded):
TYPES = ("single", "couple", "couple_children", "single_parent")
TYPE_SHARES = np.array([0.39, 0.29, 0.24, 0.08])
AREAS = ("Centrum", "Noord", "Oost", "Zuid", "West")
AREA_BIJSTAND = np.array([1.3, 1.1, 1.0, 0.7, 1.2])  # relative bijstand density per area
# Low income and its duration (docs/simulation.md, "Low-income duration"): a household has a low
# income when its net income with bijstand is at or below LOW_INCOME_SHARE of the municipality's
# reference norm (above every IIT limit of the three municipalities and of the bundled reforms);
# LONG_SHARE of them have had it for 4 years or more (CBS: 221.000 of 626.000 low-income
# households in 2015, as reported from CBS's release of February 2017; a secondary source, to be
# replaced by the CBS table when it is bundled), uniformly 4 to 12 years; the others 0 to 4 years.
LOW_INCOME_SHARE = 1.3
LONG_SHARE = 221 / 626


@dataclass
class MunicipalPopulation:
    """A population with the area (gebied) of each household, for results per area."""

    population: Population
    areas: np.ndarray  # per household: index into ``area_names``
    area_names: tuple[str, ...]


def cbs_figures(municipality: str, cbs: Path = CBS) -> tuple[int, int]:
    """Inhabitants of 15 and older and persons with bijstand, from the newest CBS file present."""
    code = CODES.get(municipality)
    files = sorted(cbs.glob("gemeente_*.csv"))
    if code is None or not files:
        return 100_000, 4_000  # a mid-sized municipality with the national density (35 per 1.000)
    with files[-1].open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["Regiokenmerken"].strip() == code and row["Leeftijd"].strip() == "20150":
                return int(row["Inwoners_1"]), int(row["Bijstandsontvangers_2"])
    raise ValueError(f"{code} not in {files[-1]}")


def random_births(rng: np.random.Generator, date: dt.date, low: int, high: int, n: int) -> np.ndarray:
    """``n`` birth dates (``yyyymmdd``) for ages from ``low`` to ``high`` years on ``date``."""
    days = rng.integers(low * 365 + 1, high * 365, n)
    birth = np.datetime64(date) - days.astype("timedelta64[D]")
    y = birth.astype("datetime64[Y]").astype(int) + 1970
    m = birth.astype("datetime64[M]").astype(int) % 12 + 1
    d = (birth - birth.astype("datetime64[M]")).astype(int) + 1
    return (y * 10000 + m * 100 + d).astype(np.int32)


def synthetic(
    municipality: str,
    date: dt.date,
    households: int | None = None,
    seed: int = 2026,
    figures: tuple[int, int] | None = None,
) -> MunicipalPopulation:
    """Households of the municipality (or ``households`` of them, same shares); ``figures``
    (inhabitants 15+, persons with bijstand) replace the CBS lookup by name (the national
    population gives every municipality's own, ``meedoen.analysis.national``)."""
    rng = np.random.default_rng(seed)
    inhabitants, bijstand = figures or cbs_figures(municipality)
    n = households or round(inhabitants / ADULTS_PER_HOUSEHOLD)
    bijstand_share = bijstand / BENEFIT_PERSONS_PER_HOUSEHOLD / (inhabitants / ADULTS_PER_HOUSEHOLD)

    kind = rng.choice(len(TYPES), n, p=TYPE_SHARES)
    area = rng.choice(len(AREAS), n)
    senior = rng.random(n) < np.where(kind <= 1, 0.3, 0.0)
    on_bijstand = (
        rng.random(n) < bijstand_share * AREA_BIJSTAND[area] * np.where(kind == 3, 2.5, 1.0) * ~senior
    )
    partner = (kind == 1) | (kind == 2)
    children = np.where(kind >= 2, rng.choice([1, 2, 3], n, p=[0.45, 0.4, 0.15]), 0)
    housemates = (rng.random(n) < 0.04).astype(int)
    sizes = 1 + partner + children + housemates
    household = np.repeat(np.arange(n), sizes)
    starts = np.cumsum(sizes) - sizes
    pos = np.arange(len(household)) - starts[household]
    hp, hc = partner[household], children[household]
    role = np.where(
        pos == 0, APPLICANT, np.where(pos <= hp, PARTNER, np.where(pos <= hp + hc, CHILD, HOUSEMATE))
    )
    p = len(household)
    old = senior[household]
    birth = np.where(
        role <= PARTNER,
        np.where(old, random_births(rng, date, 67, 90, p), random_births(rng, date, 21, 66, p)),
        np.where(role == CHILD, random_births(rng, date, 0, 17, p), random_births(rng, date, 27, 60, p)),
    ).astype(np.int32)
    # Incomes: bijstand households have no own income; others a gross wage (or a pension at AOW age).
    earner = role == APPLICANT
    second = (role == PARTNER) & (rng.random(p) < 0.6)
    wage = np.where(earner, rng.lognormal(np.log(290_000), 0.45, p), rng.lognormal(np.log(180_000), 0.5, p))
    works = (earner | second) & ~on_bijstand[household] & ~old
    pension = (role <= PARTNER) & old
    net = np.where(pension, rng.lognormal(np.log(170_000), 0.25, p), np.where(works, NOT_GIVEN, 0))
    net = np.where(role <= PARTNER, net, NOT_GIVEN).astype(np.int64)
    social = rng.random(n) < np.where(on_bijstand, 0.85, 0.35)
    owner = ~social & (rng.random(n) < 0.7) & ~on_bijstand
    rent = np.where(social, rng.normal(68_000, 9_000, n), rng.normal(110_000, 20_000, n)).clip(
        40_000, 180_000
    )
    population = Population(
        date=date,
        municipality=municipality,
        housing_kind=np.where(owner, 1, 0).astype(np.int8),
        rent_cents=np.where(owner, NOT_GIVEN, rent.round()).astype(np.int64),
        energy_cents=rng.normal(18_000, 4_000, n).clip(6_000, 40_000).round().astype(np.int64),
        assets_cents=np.where(on_bijstand, rng.integers(0, 500_000, n), rng.integers(0, 6_000_000, n)),
        low_income_since=np.zeros(n, np.int32),
        household=household.astype(np.int64),
        role=role.astype(np.int8),
        birth=birth,
        net_income_cents=net,
        wage_gross_cents=np.where(works, wage.round(), NOT_GIVEN).astype(np.int64),
        toetsingsinkomen_cents=np.full(p, NOT_GIVEN, np.int64),
        school=np.where(role == CHILD, np.where((date.year - birth // 10000) >= 12, 2, 1), -1).astype(
            np.int8
        ),
        student_finance=(role == HOUSEMATE) & (rng.random(p) < 0.3),
        commercial_tenant=(role == HOUSEMATE) & (rng.random(p) < 0.3),
    )
    population.low_income_since = low_income_durations(population, rng)
    return MunicipalPopulation(population, area, AREAS)


def low_income_durations(population: Population, rng: np.random.Generator) -> np.ndarray:
    """``low_income_since`` (yyyymmdd, 0 = no low income) for every household with a low income:
    net income with bijstand at or below ``LOW_INCOME_SHARE`` of the reference norm, computed by
    the rules themselves; a share ``LONG_SHARE`` of them for 4 to 12 years, the others 0 to 4."""
    from meedoen.rules.engine import calculate

    v = calculate(population, ["income_net_month", "bijstand", "reference_norm"])
    low = v["income_net_month"] + v["bijstand"] <= LOW_INCOME_SHARE * v["reference_norm"]
    n, date = population.size, population.date
    long = rng.random(n) < LONG_SHARE
    since = np.where(long, random_births(rng, date, 4, 12, n), random_births(rng, date, 0, 4, n))
    return np.where(low, since, 0).astype(np.int32)
