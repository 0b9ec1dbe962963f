"""Child schemes (Nijmegen's Kinderfonds via Stichting Leergeld): school and activities of children."""

from __future__ import annotations

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, PERSON, Simulation, all_conditions, variable
from meedoen.rules.formulas.gemeenten.inkomensgrenzen import ASSETS, income_test
from meedoen.rules.money import round_div
from meedoen.rules.population import CHILD

_, KINDREGELING_INKOMEN = income_test("kindregeling", "kindregeling")
KINDREGELING_CONDITIONS = ("kindregeling_heeft_kinderen", ASSETS, KINDREGELING_INKOMEN)


@variable(
    PERSON,
    "Kind van de leeftijd voor de kindregeling",
    "bool",
    reference="local:kindregeling.minimum_leeftijd_kind",
)
def kindregeling_kind(s: Simulation) -> np.ndarray:
    """A child living at home from the municipality's minimum age while ten laste komend
    (Participatiewet art. 4): who gets a child budget."""
    age = s("age")
    minor = age < s.p("nl.participatiewet.leeftijden.ten_laste_komend_kind")
    return (s.pop.role == CHILD) & (age >= s.local("kindregeling.minimum_leeftijd_kind")) & minor


@variable(HOUSEHOLD, "Er woont een kind van de leeftijd voor de kindregeling", "bool", helper=True)
def kindregeling_heeft_kinderen(s: Simulation) -> np.ndarray:
    """The regeling is for the children: without a child of the age there is nothing to grant."""
    return s.count_per_household(s("kindregeling_kind")) > 0


@variable(
    HOUSEHOLD, "Aantal kinderen voor de kindregeling", "count", reference="local:kindregeling.inkomensgrens"
)
def kindregeling(s: Simulation) -> np.ndarray:
    """Children of the regeling's ages, when income and assets are within the limits."""
    children = s.count_per_household(s("kindregeling_kind"))
    return np.where(all_conditions(s, KINDREGELING_CONDITIONS), children, 0)


@variable(
    HOUSEHOLD,
    "Waarde van de kindregeling per maand",
    "EUR",
    reference="local:kindregeling.waarde_per_kind_per_jaar",
)
def kindregeling_waarde_maand(s: Simulation) -> np.ndarray:
    """The value per child per year for each child of the regeling's ages, a twelfth per month.
    Where it was not found the value is unknown: ``lokale_regelingen_maand`` leaves it out and
    names it, never counting €0."""
    return round_div(s("kindregeling") * s.local("kindregeling.waarde_per_kind_per_jaar"), 12)
