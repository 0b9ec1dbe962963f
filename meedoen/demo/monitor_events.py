"""What happens to the demo city's people in a month besides inflow and outflow: instruments (work,
loonkostensubsidie), returns to the bijstand, and debt help."""

from __future__ import annotations

from datetime import date

import numpy as np

from meedoen.demo.monitor_calibration import (
    DAYS_PER_YEAR,
    DEBT_HELP_STARTS,
    DEBT_HELP_YOUNG,
    EXPORT,
    LKS_RETURN_WITHIN_YEAR,
    RETURN_LATER,
    RETURN_WITHIN_YEAR,
    ROUTE_SHARES,
    SK_FALSE,
    SK_TRUE,
)
from meedoen.demo.monitor_city import City, Month, active_rows, days_in, interpolate, spread, yyyymmdd
from meedoen.monitor.tables import OUTFLOW_REASONS, ROUTES


def loonkostensubsidie(
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
    need = round(interpolate(lks_points, m.last)) - active_rows(city, lks_rows, m.last)
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


def work_instruments(
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


def plan_returns(
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


def instruments_on_benefit(city: City, m: Month, active: np.ndarray) -> None:
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
        starts = days_in(rng, m, len(picked))
        city.instrument(kind, picked, starts, starts + rng.integers(*days, len(picked)))


def debt_help(city: City, m: Month, active: np.ndarray) -> None:
    """Debt-help trajectories started this month: a third on benefit, the others not."""
    rng = city.rng
    half = (m.month - 1) // 6
    n = spread(DEBT_HELP_STARTS[m.year][half], 6)[(m.month - 1) % 6]
    share = 0.16 if m.year < 2020 else 0.20
    total_young = DEBT_HELP_YOUNG.get((m.year, half), round(share * DEBT_HELP_STARTS[m.year][half]))
    young = np.arange(n) < spread(total_young, 6)[(m.month - 1) % 6]
    starts = days_in(rng, m, n)
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
