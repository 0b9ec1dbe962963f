"""Kinderbijslag (AKW): an amount per child per quarter, by the children's ages only."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, Simulation, all_conditions, variable
from meedoen.rules.formulas.nl.toeslagen.awir import AGES, T
from meedoen.rules.money import round_div
from meedoen.rules.periods import age_on, quarter_start
from meedoen.rules.population import CHILD

KB = f"{T}.kinderbijslag"

KINDERBIJSLAG_CONDITIONS = ("kinderbijslag_kinderen",)


def children_under(
    s: Simulation, age_of: Callable[[np.ndarray], np.ndarray], limit: int
) -> tuple[np.ndarray, np.ndarray]:
    """The children (indices) who are born and under ``limit`` by ``age_of`` their birth dates, with
    that age (looked at over the children only): each child benefit takes the age on its own day."""
    children = np.flatnonzero(s.pop.role == CHILD)
    age = age_of(s.pop.birth[children])
    keep = (age >= 0) & (age < limit)
    return children[keep], age[keep]


def children_per_household(s: Simulation, children: np.ndarray) -> np.ndarray:
    """How many of ``children`` (person indices) live in each household."""
    return np.bincount(s.pop.household[children], minlength=s.pop.size)


def _kinderbijslag_children(s: Simulation) -> tuple[np.ndarray, np.ndarray]:
    """AKW art. 7 lid 1, 11 lid 2 and 12 lid 3: the children who, on the first day of the quarter,
    are born and under the age limit, with their age on that day."""
    first_day = quarter_start(s.d)
    return children_under(s, lambda birth: age_on(first_day, birth), s.p(f"{AGES}.kinderbijslag.kind_tot"))


@variable(
    HOUSEHOLD,
    "Aantal kinderen met kinderbijslag dit kwartaal",
    "count",
    reference="nl.toeslagen.leeftijden.kinderbijslag.kind_tot",
)
def kinderbijslag_kinderen_aantal(s: Simulation) -> np.ndarray:
    """Children under the age limit on the first day of the quarter (born on or before that day)."""
    return children_per_household(s, _kinderbijslag_children(s)[0])


@variable(
    HOUSEHOLD,
    "Heeft een kind voor de kinderbijslag op de eerste dag van het kwartaal",
    "bool",
    reference="nl.toeslagen.leeftijden.kinderbijslag.kind_tot",
)
def kinderbijslag_kinderen(s: Simulation) -> np.ndarray:
    """AKW art. 11 lid 2: the right over a quarter exists for a child that meets the conditions on
    the quarter's first day."""
    return s("kinderbijslag_kinderen_aantal") > 0


@variable(HOUSEHOLD, "Voldoet aan alle voorwaarden voor kinderbijslag", "bool", reference="AKW art. 7 lid 1")
def kinderbijslag_recht(s: Simulation) -> np.ndarray:
    """All conditions of the kinderbijslag hold."""
    return all_conditions(s, KINDERBIJSLAG_CONDITIONS)


@variable(
    HOUSEHOLD,
    "Kinderbijslag per kwartaal",
    "EUR",
    defined_for="kinderbijslag_recht",
    reference="AKW art. 12 lid 3",
)
def kinderbijslag(s: Simulation) -> np.ndarray:
    """AKW art. 12 lid 3: per child an amount per quarter by the age on the first day of the
    quarter (three age bands, their limits dated parameters)."""
    children, age = _kinderbijslag_children(s)
    second, third = (
        s.p(f"{AGES}.kinderbijslag.tweede_bedrag_vanaf"),
        s.p(f"{AGES}.kinderbijslag.derde_bedrag_vanaf"),
    )
    amount = np.where(
        age < second, s.p(f"{KB}.tot_6"), np.where(age < third, s.p(f"{KB}.tot_12"), s.p(f"{KB}.tot_18"))
    )
    return _sum_over_children(s, children, amount)


def _sum_over_children(s: Simulation, children: np.ndarray, amounts: np.ndarray) -> np.ndarray:
    """Per household, the sum of an amount per child (float sums of whole cents are exact here)."""
    return np.bincount(s.pop.household[children], weights=amounts, minlength=s.pop.size).astype(np.int64)


@variable(HOUSEHOLD, "Kinderbijslag omgerekend per maand", "EUR", helper=True)
def kinderbijslag_maand(s: Simulation) -> np.ndarray:
    """A third of the quarterly kinderbijslag, to add it to monthly income."""
    return round_div(s("kinderbijslag"), 3)
