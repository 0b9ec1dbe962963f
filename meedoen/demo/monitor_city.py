"""The demo city as it is drawn: persons and spells as growing NumPy columns, month by month, with
the draws of ages, exits and their reasons."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np

from meedoen.demo.monitor_calibration import (
    AOW_AGE,
    AREAS,
    DAYS_PER_YEAR,
    EPOCH,
    EXPORT,
    OTHER_REASONS,
    SK_FALSE,
    SK_TRUE,
    SK_UNKNOWN,
    STOCK_AGES,
    STOCK_YEARS_ON_BENEFIT,
)
from meedoen.monitor.tables import INSTRUMENTS, OUTFLOW_REASONS


@dataclass
class Month:
    first: int  # ordinal of the first day
    last: int
    year: int
    month: int


def month_list() -> list[Month]:
    out = []
    for year in range(2014, EXPORT.year + 1):
        for month in range(1, 13):
            first = date(year, month, 1).toordinal()
            following = date(year + (month == 12), month % 12 + 1, 1).toordinal()
            out.append(Month(first, following - 1, year, month))
    return out


def interpolate(points: dict[int, float], x: int) -> float:
    keys = sorted(points)
    return float(np.interp(x, keys, [points[k] for k in keys]))


def spread(total: int, parts: int) -> list[int]:
    """``total`` split over ``parts`` as evenly as integers allow, the larger parts first."""
    base, extra = divmod(total, parts)
    return [base + (i < extra) for i in range(parts)]


def yyyymmdd(ordinals: np.ndarray) -> np.ndarray:
    """Date ordinals as ``yyyymmdd`` integers (for the monitor's age rule)."""
    d = (np.asarray(ordinals) - EPOCH).astype("datetime64[D]")
    months = d.astype("datetime64[M]")
    year = months.astype(int) // 12 + 1970
    month = months.astype(int) % 12 + 1
    day = (d - months).astype(int) + 1
    return year * 10000 + month * 100 + day


def _from_bands(rng: np.random.Generator, n: int, bands: tuple) -> np.ndarray:
    """``n`` values: a band ``(low, high, share)`` drawn by share, then uniform within it."""
    low, high, share = (np.array(x, dtype=float) for x in zip(*bands, strict=True))
    band = rng.choice(len(share), size=n, p=share / share.sum())
    return low[band] + rng.random(n) * (high[band] - low[band])


class Column:
    """A growable integer column: appending is amortised O(1), reading is a NumPy view."""

    def __init__(self) -> None:
        self.data = np.empty(1 << 15, dtype=np.int64)
        self.n = 0

    def extend(self, values: np.ndarray | list[int]) -> np.ndarray:
        """Append ``values``; returns their positions."""
        values = np.asarray(values, dtype=np.int64)
        while self.n + len(values) > len(self.data):
            self.data = np.concatenate([self.data, np.empty_like(self.data)])
        self.data[self.n : self.n + len(values)] = values
        self.n += len(values)
        return np.arange(self.n - len(values), self.n)

    @property
    def values(self) -> np.ndarray:
        return self.data[: self.n]


@dataclass
class City:
    """The growing tables as integer columns (dates as ordinals, -1 = empty)."""

    rng: np.random.Generator
    birth: Column = field(default_factory=Column)
    area: Column = field(default_factory=Column)
    sk: Column = field(default_factory=Column)
    spell_person: Column = field(default_factory=Column)
    spell_start: Column = field(default_factory=Column)
    spell_end: Column = field(default_factory=Column)
    spell_reason: Column = field(default_factory=Column)
    instruments: list[tuple[int, int, int, int]] = field(default_factory=list)
    debt_help: list[tuple[int, int, int, int]] = field(default_factory=list)

    def new_persons(self, starts: np.ndarray, bands: tuple) -> np.ndarray:
        """Persons of ages drawn from ``bands`` on their ``starts``; returns their indices."""
        age = _from_bands(self.rng, len(starts), bands)
        return self.add_persons(starts - np.round(age * DAYS_PER_YEAR).astype(int), age)

    def add_persons(self, birth: np.ndarray, age: np.ndarray) -> np.ndarray:
        """Persons with these birth dates; area and start qualification drawn (by age)."""
        n = len(birth)
        self.area.extend(self.rng.choice(len(AREAS), size=n, p=list(AREAS.values())))
        u = self.rng.random(n)
        p_false = np.where(age < 27, 0.55, 0.48)
        self.sk.extend(np.where(u < p_false, SK_FALSE, np.where(u < 0.90, SK_TRUE, SK_UNKNOWN)))
        return self.birth.extend(birth)

    def new_spells(self, persons: np.ndarray, starts: np.ndarray) -> np.ndarray:
        """Running spells for ``persons`` from ``starts``; returns their indices."""
        self.spell_person.extend(persons)
        self.spell_end.extend(np.full(len(persons), -1))
        self.spell_reason.extend(np.full(len(persons), -1))
        return self.spell_start.extend(starts)

    def age(self, persons: np.ndarray, day: int) -> np.ndarray:
        """Age in (fractional) years on ``day``."""
        return (day - self.birth.values[persons]) / DAYS_PER_YEAR

    def instrument(self, kind: str, persons, starts, ends) -> None:
        k = INSTRUMENTS.index(kind)
        self.instruments += [
            (int(p), k, int(s), int(e)) for p, s, e in zip(persons, starts, ends, strict=True)
        ]


def days_in(rng: np.random.Generator, m: Month, n: int, from_second: bool = True) -> np.ndarray:
    return rng.integers(m.first + from_second, m.last + 1, size=n)


def initial_stock(city: City, n: int, day: int) -> np.ndarray:
    """The people on benefit on 1 January 2014, with spells that began up to 14 years before."""
    years = _from_bands(city.rng, n, STOCK_YEARS_ON_BENEFIT)
    starts = day - 1 - np.round(years * DAYS_PER_YEAR).astype(int)
    persons = city.new_persons(np.full(n, day), STOCK_AGES)
    return city.new_spells(persons, starts)


def exit_weights(city: City, spells: np.ndarray, day: int) -> tuple[np.ndarray, np.ndarray]:
    """Relative chance to leave this month, and whether the person has reached the AOW age."""
    start = city.spell_start.values[spells]
    person = city.spell_person.values[spells]
    age = city.age(person, day)
    sk = city.sk.values[person]
    months_on = (day - start) / 30.44
    w = np.select([months_on < 6, months_on < 12, months_on < 24, months_on < 60], [1.0, 0.8, 0.5, 0.3], 0.15)
    w *= np.select([age < 27, age < 45, age < 55], [1.3, 1.0, 0.6], 0.35)
    w *= np.select([sk == SK_TRUE, sk == SK_FALSE], [1.2, 0.85], 1.0)
    aow = age >= AOW_AGE
    return np.where(aow, 1000.0, w), aow


def exit_reasons(city: City, spells: np.ndarray, aow: np.ndarray, day: int, work_share: float) -> np.ndarray:
    """Outflow reason codes: exactly the year's share to work, the rest by the other reasons' shares.

    Who of the leavers goes to work is drawn with weights (a start qualification helps, being 55 or
    older does not); everyone who reaches the AOW age leaves with ``other``.
    """
    rng = city.rng
    n = len(spells)
    person = city.spell_person.values[spells]
    age = city.age(person, day)
    sk = city.sk.values[person]
    weights = np.tile(np.array(list(OTHER_REASONS.values())), (n, 1))
    weights[:, 0] *= np.select([age < 27, age < 45], [3.0, 0.5], 0.0)  # study
    cumulative = np.cumsum(weights, axis=1) / weights.sum(axis=1, keepdims=True)
    codes = 1 + (rng.random(n)[:, None] >= cumulative[:, :-1]).sum(axis=1)
    tilt = np.select([sk == SK_TRUE, sk == SK_FALSE], [1.3, 0.8], 1.0) * np.where(age >= 55, 0.6, 1.0)
    keys = np.where(aow, -np.inf, np.log(tilt) + rng.gumbel(size=n))
    n_work = min(round(work_share * n), int((~aow).sum()))
    codes[np.argsort(-keys)[:n_work]] = OUTFLOW_REASONS.index("work")
    return np.where(aow, OUTFLOW_REASONS.index("other"), codes)


def active_rows(city: City, rows: list[int], day: int) -> int:
    """How many of the instruments at ``rows`` are active on ``day``."""
    spans = [city.instruments[r][2:] for r in rows]
    return sum(1 for start, end in spans if start <= day and (end < 0 or end >= day))


def inflow_months(months: list[Month], year: int, total: int) -> list[tuple[Month, int]]:
    """A year's inflow over its months; in 2020 April to June take the corona peak (x 1.6)."""
    mine = [m for m in months if m.year == year]
    weight = np.array([1.6 if year == 2020 and m.month in (4, 5, 6) else 1.0 for m in mine])
    exact = total * weight / weight.sum()
    counts = np.floor(exact).astype(int)
    counts[np.argsort(counts - exact)[: total - counts.sum()]] += 1
    return list(zip(mine, counts.tolist(), strict=True))
