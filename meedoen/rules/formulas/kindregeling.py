"""Child schemes (Nijmegen's Kinderfonds via Stichting Leergeld): school and activities of children."""

from __future__ import annotations

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, PERSON, Simulation, variable
from meedoen.rules.formulas.local_income_limit import limit, within
from meedoen.rules.population import CHILD


@variable(HOUSEHOLD, "Inkomensgrens kindregeling per maand", "EUR")
def kindregeling_inkomensgrens(s: Simulation) -> np.ndarray:
    """Share of the reference norm up to which children can use the fund."""
    return limit(s, "kindregeling")


@variable(PERSON, "Kind van de leeftijd voor de kindregeling", "bool")
def kindregeling_kind(s: Simulation) -> np.ndarray:
    """A child living at home from the minimum age up to 18: who gets a child budget."""
    age = s("age")
    return (s.pop.role == CHILD) & (age >= s.local("kindregeling.minimum_leeftijd_kind")) & (age < 18)


@variable(HOUSEHOLD, "Aantal kinderen voor de kindregeling", "count")
def kindregeling(s: Simulation) -> np.ndarray:
    """Children from the minimum age up to 18, when income and assets are within the limits."""
    children = s.count_per_household(s("kindregeling_kind"))
    return np.where(within(s, "kindregeling_inkomensgrens"), children, 0)
