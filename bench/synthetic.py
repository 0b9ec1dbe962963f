"""A synthetic population built column-wise, fast enough for a million households.

Household composition, ages, incomes and housing are drawn from simple documented distributions;
it exists to measure speed and to compare engines, not to describe a real municipality.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from meedoen.analysis.synthetic_population import random_births
from meedoen.rules.periods import to_int
from meedoen.rules.population import APPLICANT, CHILD, HOUSEMATE, NOT_GIVEN, PARTNER, Population


def synthetic_population(
    n: int,
    date: dt.date = dt.date(2026, 1, 1),
    municipality: str = "arnhem",
    seed: int = 1,
    wages: bool = False,
) -> Population:
    """``n`` households; incomes as net amounts, or with ``wages`` as gross wages for earners."""
    rng = np.random.default_rng(seed)
    partner = rng.random(n) < 0.35
    children = rng.choice(4, n, p=[0.6, 0.15, 0.15, 0.1])
    housemates = rng.choice(3, n, p=[0.8, 0.15, 0.05])
    sizes = 1 + partner + children + housemates
    household = np.repeat(np.arange(n), sizes)
    starts = np.cumsum(sizes) - sizes
    pos = np.arange(len(household)) - starts[household]
    p_partner, p_children = partner[household], children[household]
    role = np.where(
        pos == 0,
        APPLICANT,
        np.where(pos <= p_partner, PARTNER, np.where(pos <= p_partner + p_children, CHILD, HOUSEMATE)),
    ).astype(np.int8)
    p = len(household)
    birth = np.where(
        role <= PARTNER,
        random_births(rng, date, 18, 90, p),
        np.where(role == CHILD, random_births(rng, date, 0, 17, p), random_births(rng, date, 18, 80, p)),
    ).astype(np.int32)
    adult_child = (role == CHILD) & (rng.random(p) < 0.15)
    birth = np.where(adult_child, random_births(rng, date, 18, 35, p), birth).astype(np.int32)
    earns = (role <= PARTNER) & (rng.random(p) < 0.6)
    amount = rng.integers(0, 400_000, p)
    net = np.where(earns & ~wages, amount, np.where((role <= PARTNER) & ~(earns & wages), 0, NOT_GIVEN))
    gross = np.where(earns & wages, amount, NOT_GIVEN)
    return Population(
        date=date,
        municipality=municipality,
        housing_kind=rng.choice(4, n, p=[0.7, 0.25, 0.02, 0.03]).astype(np.int8),
        rent_cents=rng.integers(40_000, 110_000, n),
        energy_cents=rng.integers(5_000, 30_000, n),
        assets_cents=rng.integers(0, 3_000_000, n),
        low_income_since=np.full(n, to_int(dt.date(2021, 1, 1)), np.int32),
        household=household.astype(np.int64),
        role=role,
        birth=birth,
        net_income_cents=net.astype(np.int64),
        wage_gross_cents=gross.astype(np.int64),
        toetsingsinkomen_cents=np.full(p, NOT_GIVEN, np.int64),
        school=np.full(p, -1, np.int8),
        student_finance=rng.random(p) < 0.08,
        commercial_tenant=(role == HOUSEMATE) & (rng.random(p) < 0.2),
    )
