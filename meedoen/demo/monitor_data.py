"""A synthetic case history of a city the size of Arnhem, for the programme monitor.

Ten years of bijstand spells (2014-2024), instruments and debt help for about 8,000 people on
benefit at a time, written as the four tables of ``shared/contracts/monitor-data.md``. Nobody in it
is real. It is calibrated to what Arnhem and CBS published (``shared/seeds/002_*``, ``003_*`` and
``shared/reference/cbs/``); ``docs/monitor-demo-data.md`` gives every assumption and how it is met.

The city is simulated month by month. The stock on the first day of each month follows the
published figures exactly: a month's outflow is whatever the stock path leaves after its inflow.
Who leaves is drawn with weights (short spells, the young and people with a start qualification
leave more often; everyone leaves at the AOW age); each month exactly the year's share of the
outflow (CBS) goes to work. Some return, most of them not within the year. The same seed gives the
same files.

Usage: ``python -m meedoen.demo.monitor_data DIR`` or ``write_monitor_demo(Path("DIR"))``.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import polars as pl

from meedoen.monitor.tables import INSTRUMENTS, OUTFLOW_REASONS, ROUTES
from meedoen.reporting import safe_csv

SEED = 2019
EXPORT = date(2024, 12, 31)
EPOCH = date(1970, 1, 1).toordinal()
DAYS_PER_YEAR = 365.2425
AOW_AGE = 67

# Gender as registered (the optional persons column): assumption, roughly equal shares with a few
# unknown; drawn with its own random stream so the other demo figures do not change.
GENDERS = {"v": 0.52, "m": 0.47, None: 0.01}

# Persons on benefit on the first day of the month; linear between the points.
STOCK = {
    date(2014, 1, 1): 8200,  # assumption: the 2015 level less the national growth of 2014
    date(2015, 1, 1): 8450,  # assumption: halfway to CBS 2015
    date(2016, 1, 1): 8770,  # CBS 84066NED, Arnhem GM0202, 15+, 2015
    date(2017, 1, 1): 9330,  # CBS, 2016
    date(2018, 1, 1): 9320,  # CBS, 2017
    date(2019, 1, 1): 8956,  # seed 003: "In januari 2019 ... 8.956 mensen met een uitkering"
    date(2019, 7, 1): 8880,  # assumption: a slow first half of 2019
    date(2020, 3, 1): 8544,  # seed 002: -3.8 % from July 2019 (7,794 -> 7,499)
    date(2020, 6, 1): 8763,  # seed 002: +2.6 % in the corona months (7,499 -> 7,691 in June 2020)
    date(2021, 1, 1): 8700,  # assumption: the corona peak fades
    date(2022, 1, 1): 8250,  # assumption: tight labour market
    date(2023, 1, 1): 7850,  # assumption
    date(2023, 4, 1): 7756,  # seed 003: "in april 2023 waren dit er 7.756"
    date(2025, 1, 1): 7550,  # assumption: the decline slows
}
INFLOW = {  # spells starting per year; CBS 84066NED for 2015-2017, the rest assumptions
    2014: 2200,
    2015: 2290,
    2016: 2410,
    2017: 1990,
    2018: 1900,
    2019: 1800,
    2020: 2150,
    2021: 1650,
    2022: 1600,
    2023: 1700,
    2024: 1750,
}
WORK_SHARE = {  # share of outflow that is to work; CBS 2015-2017 (800/1,990, 880/1,870, 880/1,960)
    2014: 0.40,
    2015: 0.40,
    2016: 0.47,
    2017: 0.45,
    2018: 0.45,
    2019: 0.46,
    2020: 0.38,
    2021: 0.47,
    2022: 0.50,
    2023: 0.48,
    2024: 0.46,
}
OTHER_REASONS = {"study": 0.05, "moved": 0.12, "partner_income": 0.11, "other": 0.25}
RETURN_WITHIN_YEAR = {"work": 0.08, "study": 0.10, "moved": 0.03, "partner_income": 0.08, "other": 0.06}
RETURN_LATER = {"work": 0.12, "study": 0.20, "moved": 0.03, "partner_income": 0.15, "other": 0.08}
LKS_RETURN_WITHIN_YEAR = 0.05
LKS_ACTIVE_DEC = {  # persons with loonkostensubsidie on 31 December; seed 003 for 2021 and 2022
    2014: 0,
    2015: 60,
    2016: 120,
    2017: 180,
    2018: 230,
    2019: 270,
    2020: 300,
    2021: 337,  # 390 / 1.157: "15,7% meer dan het jaar ervoor"
    2022: 390,  # "In december 2022 waren er 390 mensen met loonkostensubsidie aan het werk"
    2023: 420,
    2024: 445,
}
DEBT_HELP_STARTS = {  # trajectories started per half year; seed 002 for 2019 and the first half of 2020
    2014: (150, 150),
    2015: (155, 155),
    2016: (160, 160),
    2017: (170, 170),
    2018: (175, 175),
    2019: (191, 191),  # "In heel 2019 hielp de gemeente via Plangroep 382 mensen"
    2020: (562, 480),  # "In de eerste helft van 2020 ... 562, waarvan 110 jongeren tot 27 jaar"
    2021: (500, 500),
    2022: (520, 530),
    2023: (550, 550),
    2024: (550, 550),
}
DEBT_HELP_YOUNG = {(2020, 0): 110}  # exact counts under 27; elsewhere a share
ROUTE_SHARES = {  # vroegsignalering, self_referral, referral, other: early detection grows from 2020
    2019: [0.05, 0.55, 0.35, 0.05],
    2020: [0.30, 0.40, 0.25, 0.05],
    2021: [0.45, 0.30, 0.20, 0.05],  # a legal task of municipalities from 2021 (Wgs)
}
AREAS = {"Zuid": 0.30, "Oost": 0.25, "Noord": 0.17, "West": 0.15, "Centrum": 0.13}
INFLOW_AGES = ((18, 27, 0.28), (27, 45, 0.45), (45, 66, 0.27))
STOCK_AGES = ((18, 27, 0.09), (27, 45, 0.37), (45, 66, 0.54))
STOCK_YEARS_ON_BENEFIT = ((0, 1, 0.30), (1, 3, 0.25), (3, 7, 0.25), (7, 14, 0.20))  # on 1 January 2014
SK_FALSE, SK_TRUE, SK_UNKNOWN = 0, 1, 2


@dataclass
class Month:
    first: int  # ordinal of the first day
    last: int
    year: int
    month: int


def _months() -> list[Month]:
    out = []
    for year in range(2014, EXPORT.year + 1):
        for month in range(1, 13):
            first = date(year, month, 1).toordinal()
            following = date(year + (month == 12), month % 12 + 1, 1).toordinal()
            out.append(Month(first, following - 1, year, month))
    return out


def _interpolate(points: dict[int, float], x: int) -> float:
    keys = sorted(points)
    return float(np.interp(x, keys, [points[k] for k in keys]))


def _spread(total: int, parts: int) -> list[int]:
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


def _days_in(rng: np.random.Generator, m: Month, n: int, from_second: bool = True) -> np.ndarray:
    return rng.integers(m.first + from_second, m.last + 1, size=n)


def _initial_stock(city: City, n: int, day: int) -> np.ndarray:
    """The people on benefit on 1 January 2014, with spells that began up to 14 years before."""
    years = _from_bands(city.rng, n, STOCK_YEARS_ON_BENEFIT)
    starts = day - 1 - np.round(years * DAYS_PER_YEAR).astype(int)
    persons = city.new_persons(np.full(n, day), STOCK_AGES)
    return city.new_spells(persons, starts)


def _exit_weights(city: City, spells: np.ndarray, day: int) -> tuple[np.ndarray, np.ndarray]:
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


def _reasons(city: City, spells: np.ndarray, aow: np.ndarray, day: int, work_share: float) -> np.ndarray:
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


def _active_rows(city: City, rows: list[int], day: int) -> int:
    """How many of the instruments at ``rows`` are active on ``day``."""
    spans = [city.instruments[r][2:] for r in rows]
    return sum(1 for start, end in spans if start <= day and (end < 0 or end >= day))


def generate(seed: int = SEED) -> dict[str, pl.DataFrame]:
    """The four tables of the monitor contract for the demo city, as Polars frames."""
    rng = np.random.default_rng(seed)
    city = City(rng)
    months = _months()
    stock_points = {d.toordinal(): n for d, n in STOCK.items()}
    lks_points = {date(y, 12, 31).toordinal(): n for y, n in LKS_ACTIVE_DEC.items()}
    inflow = {
        (m.year, m.month): n for y, total in INFLOW.items() for m, n in _inflow_months(months, y, total)
    }
    returns: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    lks_rows: list[int] = []  # every loonkostensubsidie, as its row in city.instruments
    active = _initial_stock(city, STOCK[date(2014, 1, 1)], months[0].first)

    for m in months:
        # Inflow: returns planned earlier, then new people up to the month's inflow.
        back = returns.pop((m.year, m.month), [])
        new_starts = _days_in(rng, m, max(0, inflow[(m.year, m.month)] - len(back)))
        people = np.array(
            [p for p, _ in back] + city.new_persons(new_starts, INFLOW_AGES).tolist(), dtype=int
        )
        starts = np.array([s for _, s in back] + new_starts.tolist(), dtype=int)

        # Outflow: exactly what keeps the stock on its path; who leaves is drawn by weight (Gumbel top-k).
        target = round(_interpolate(stock_points, m.last + 1))
        n_out = int(np.clip(len(active) + len(starts) - target, 0, len(active)))
        weights, aow = _exit_weights(city, active, m.first)
        keys = np.log(weights) + rng.gumbel(size=len(active))
        chosen = np.argsort(-keys)[:n_out]
        leaving, ends = active[chosen], _days_in(rng, m, n_out, from_second=False)
        reasons = _reasons(city, leaving, aow[chosen], m.first, WORK_SHARE[m.year])
        city.spell_end.data[leaving], city.spell_reason.data[leaving] = ends, reasons
        active = np.concatenate([np.delete(active, chosen), city.new_spells(people, starts)])

        leaver = city.spell_person.values[leaving]
        work = reasons == 0
        with_lks = _loonkostensubsidie(city, m, leaver, ends, work, lks_rows, lks_points)
        _work_instruments(city, m, leaving, leaver, ends, work)
        _plan_returns(city, m, leaver, ends, reasons, with_lks, returns)
        _instruments_on_benefit(city, m, active)
        _debt_help(city, m, active)
    return _frames(city, seed)


def _inflow_months(months: list[Month], year: int, total: int) -> list[tuple[Month, int]]:
    """A year's inflow over its months; in 2020 April to June take the corona peak (x 1.6)."""
    mine = [m for m in months if m.year == year]
    weight = np.array([1.6 if year == 2020 and m.month in (4, 5, 6) else 1.0 for m in mine])
    exact = total * weight / weight.sum()
    counts = np.floor(exact).astype(int)
    counts[np.argsort(counts - exact)[: total - counts.sum()]] += 1
    return list(zip(mine, counts.tolist(), strict=True))


def _loonkostensubsidie(
    city: City,
    m: Month,
    leaver: np.ndarray,
    ends: np.ndarray,
    work: np.ndarray,
    lks_rows: list[int],
    lks_points: dict[int, float],
) -> dict[int, int]:
    """New wage-cost subsidies from this month's outflow to work, keeping the count on its path.

    The subsidy starts the day after the benefit ends; people without a start qualification get
    it more often. Returns ``{index in this month's leavers: instrument row}``.
    """
    rng = city.rng
    need = round(_interpolate(lks_points, m.last)) - _active_rows(city, lks_rows, m.last)
    eligible = np.flatnonzero(work & (ends < m.last))
    if need <= 0 or not len(eligible):
        return {}
    w = np.where(city.sk.values[leaver[eligible]] == SK_TRUE, 0.3, 1.0)
    pick = eligible[np.argsort(-(np.log(w) + rng.gumbel(size=len(w))))[:need]]
    starts = ends[pick] + 1
    planned = np.where(rng.random(len(pick)) < 0.45, -1, starts + rng.integers(180, 4 * 365, len(pick)))
    rows = {}
    for j, start, end in zip(pick, starts, planned, strict=True):
        rows[int(j)] = len(city.instruments)
        lks_rows.append(len(city.instruments))
        city.instrument("loonkostensubsidie", [leaver[j]], [start], [end])
    coached = pick[rng.random(len(pick)) < 0.6]
    city.instrument(
        "jobcoaching",
        leaver[coached],
        ends[coached] + 1,
        ends[coached] + rng.integers(180, 366, len(coached)),
    )
    return rows


def _work_instruments(
    city: City, m: Month, leaving: np.ndarray, leaver: np.ndarray, ends: np.ndarray, work: np.ndarray
) -> None:
    """A trial placement before some outflows to work; sheltered work and maatwerk after a few."""
    rng = city.rng
    start = city.spell_start.values[leaving]
    trial = work & (ends - start >= 120) & (rng.random(len(leaving)) < 0.10)
    city.instrument("proefplaatsing", leaver[trial], ends[trial] - 61, ends[trial])
    candidates = np.flatnonzero(work & (city.sk.values[leaver] != SK_TRUE))
    if m.year * 100 + m.month >= 201507 and len(candidates):
        one = candidates[rng.integers(len(candidates))]
        city.instrument("beschut_werk", [leaver[one]], [ends[one] + 1], [-1])
    if m.year >= 2021:
        two = rng.permutation(np.flatnonzero(work))[:2]
        lasting = rng.random(len(two)) < 0.6
        city.instrument(
            "maatwerkbaan",
            leaver[two],
            ends[two] + 1,
            np.where(lasting, -1, ends[two] + rng.integers(365, 731, len(two))),
        )


def _plan_returns(
    city: City,
    m: Month,
    leaver: np.ndarray,
    ends: np.ndarray,
    reasons: np.ndarray,
    with_lks: dict[int, int],
    returns: dict[tuple[int, int], list[tuple[int, int]]],
) -> None:
    """Some leave only for a while: a new spell within 365 days (few) or later (more).

    A return starts in a later month than the outflow and never on a first day, so the stock on
    the first of each month stays on its path; a wage-cost subsidy stops the day before.
    """
    rng = city.rng
    n = len(ends)
    names = np.array(OUTFLOW_REASONS)[reasons]
    p_year = np.array([RETURN_WITHIN_YEAR[r] for r in names])
    p_year[list(with_lks)] = LKS_RETURN_WITHIN_YEAR
    p_later = np.array([RETURN_LATER[r] for r in names])
    u = rng.random(n)
    soon = u < p_year
    gap = np.where(soon, rng.integers(14, 366, n), 366 + np.round(rng.exponential(700, n)).astype(int))
    start = ends + np.maximum(gap, m.last - ends + 2)
    start += np.where(yyyymmdd(start) % 100 == 1, np.where(soon, -1, 1), 0)
    back = np.flatnonzero((u < p_year + p_later) & (start <= EXPORT.toordinal()))
    for j in back:
        day = date.fromordinal(int(start[j]))
        returns[(day.year, day.month)].append((int(leaver[j]), int(start[j])))
        if (row := with_lks.get(int(j))) is not None:
            person, kind, lks_start, lks_end = city.instruments[row]
            if lks_end < 0 or lks_end >= start[j]:
                city.instruments[row] = (person, kind, lks_start, int(start[j]) - 1)


def _instruments_on_benefit(city: City, m: Month, active: np.ndarray) -> None:
    """Training, activation, start-qualification courses and coaching for people on benefit."""
    rng = city.rng
    person = city.spell_person.values[active]
    age = city.age(person, m.first)
    sk = city.sk.values[person]
    for kind, share, who, days in (
        ("scholing", 0.0016, np.ones(len(active), dtype=bool), (90, 366)),
        ("activerend_werk", 0.0010, age >= 27, (180, 366)),
        ("jobcoaching", 0.0006, np.ones(len(active), dtype=bool), (90, 271)),
        ("startkwalificatie_traject", 0.01, (age < 27) & (sk == SK_FALSE), (300, 401)),
    ):
        picked = person[who & (rng.random(len(active)) < share)]
        starts = _days_in(rng, m, len(picked))
        city.instrument(kind, picked, starts, starts + rng.integers(*days, len(picked)))


def _debt_help(city: City, m: Month, active: np.ndarray) -> None:
    """Debt-help trajectories started this month: a third on benefit, the others not."""
    rng = city.rng
    half = (m.month - 1) // 6
    n = _spread(DEBT_HELP_STARTS[m.year][half], 6)[(m.month - 1) % 6]
    share = 0.16 if m.year < 2020 else 0.20
    total_young = DEBT_HELP_YOUNG.get((m.year, half), round(share * DEBT_HELP_STARTS[m.year][half]))
    young = np.arange(n) < _spread(total_young, 6)[(m.month - 1) % 6]
    starts = _days_in(rng, m, n)
    persons = np.empty(n, dtype=int)
    on_benefit = rng.random(n) < 0.35
    stock_people = city.spell_person.values[active]
    stock_birth = yyyymmdd(city.birth.values[stock_people])
    picked = np.flatnonzero(on_benefit)
    fits = ((yyyymmdd(starts[picked])[:, None] - stock_birth[None, :]) // 10000 < 27) == young[picked, None]
    keys = np.where(fits, rng.random(fits.shape), -1.0)  # a random person of the right age band
    persons[picked] = stock_people[keys.argmax(axis=1)]
    on_benefit[picked[keys.max(axis=1) < 0]] = False
    fresh = np.flatnonzero(~on_benefit)
    age = np.where(young[fresh], 18 + rng.random(len(fresh)) * 8.9, 27.1 + rng.random(len(fresh)) * 40)
    age = np.floor(age) + 0.05 + 0.9 * (age % 1)  # keep clear of birthdays: the band is exact
    persons[fresh] = city.add_persons(starts[fresh] - np.round(age * DAYS_PER_YEAR).astype(int), age)
    routes = rng.choice(len(ROUTES), size=n, p=ROUTE_SHARES[min(max(m.year, 2019), 2021)])
    u = rng.random(n)
    settlement = 540 if m.year >= 2021 else 1095
    length = np.where(
        u < 0.2,
        rng.integers(30, 181, n),
        np.where(u < 0.55, rng.integers(180, 366, n), settlement + rng.integers(0, 121, n)),
    )
    ends = starts + length
    ends = np.where(ends > EXPORT.toordinal(), -1, ends)
    city.debt_help += [
        (int(p), int(s), int(e), int(r)) for p, s, e, r in zip(persons, starts, ends, routes, strict=True)
    ]


def _dates(ordinals: list[int] | np.ndarray) -> pl.Series:
    """Ordinals as a Polars date column; -1 becomes empty."""
    values = np.asarray(ordinals, dtype=np.int64)
    dates = pl.Series(np.where(values < 0, 0, values - EPOCH), dtype=pl.Int32).cast(pl.Date)
    return dates.scatter(np.flatnonzero(values < 0), None)


def _choices(names: tuple[str, ...] | list[str], codes: np.ndarray) -> pl.Series:
    """Codes as their names; a negative code becomes empty."""
    codes = np.asarray(codes)
    return pl.Series(list(names))[np.maximum(codes, 0)].scatter(np.flatnonzero(codes < 0), None)


def _frames(city: City, seed: int = SEED) -> dict[str, pl.DataFrame]:
    person_ids = pl.Series([f"P{i + 1:06d}" for i in range(city.birth.n)])
    sk = city.sk.values
    gender_codes = np.random.default_rng(seed + 1).choice(
        len(GENDERS), size=city.birth.n, p=list(GENDERS.values())
    )
    persons = pl.DataFrame(
        {
            "person_id": person_ids,
            "birth_date": _dates(city.birth.values),
            "area": _choices(list(AREAS), city.area.values),
            "startkwalificatie": pl.Series(sk == SK_TRUE).scatter(np.flatnonzero(sk == SK_UNKNOWN), None),
            "gender": _choices(list(GENDERS)[:2], np.where(gender_codes == 2, -1, gender_codes)),
        }
    )
    spells = pl.DataFrame(
        {
            "spell_id": [f"U{i + 1:07d}" for i in range(city.spell_person.n)],
            "person_id": person_ids[city.spell_person.values],
            "start_date": _dates(city.spell_start.values),
            "end_date": _dates(city.spell_end.values),
            "outflow_reason": _choices(OUTFLOW_REASONS, city.spell_reason.values),
        }
    )
    ins = np.array(city.instruments, dtype=np.int64).reshape(-1, 4)
    ins = ins[ins[:, 2] <= EXPORT.toordinal()]
    ins[:, 3] = np.where(ins[:, 3] > EXPORT.toordinal(), -1, ins[:, 3])
    instruments = pl.DataFrame(
        {
            "person_id": person_ids[ins[:, 0]],
            "instrument": _choices(INSTRUMENTS, ins[:, 1]),
            "start_date": _dates(ins[:, 2]),
            "end_date": _dates(ins[:, 3]),
        }
    ).sort("start_date", "person_id", maintain_order=True)
    debt = np.array(city.debt_help, dtype=np.int64).reshape(-1, 4)
    debt_help = pl.DataFrame(
        {
            "person_id": person_ids[debt[:, 0]],
            "start_date": _dates(debt[:, 1]),
            "end_date": _dates(debt[:, 2]),
            "route": _choices(ROUTES, debt[:, 3]),
        }
    )
    return {"persons": persons, "spells": spells, "instruments": instruments, "debt_help": debt_help}


def write_monitor_demo(folder: str | Path, seed: int = SEED) -> dict[str, int]:
    """Write ``persons.csv``, ``spells.csv``, ``instruments.csv`` and ``debt_help.csv``; rows per file."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, frame in generate(seed).items():
        safe_csv.write_frame(frame, folder / f"{name}.csv")
        counts[f"{name}.csv"] = frame.height
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the monitor's demo data (a city like Arnhem).")
    parser.add_argument("folder")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    for file, rows in write_monitor_demo(args.folder, args.seed).items():
        print(f"{file}: {rows} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
