"""The city pass (GelrePas, Meedoen-pas, Stadjerspas): a pass for every member of the household."""

from __future__ import annotations

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, Simulation, all_conditions, variable
from meedoen.rules.formulas.gemeenten.inkomensgrenzen import ASSETS, has, income_test
from meedoen.rules.money import round_div
from meedoen.rules.population import CHILD, SCHOOLS

_, STADSPAS_INKOMEN = income_test("stadspas", "stadspas", with_children=True)
STADSPAS_CONDITIONS = (ASSETS, STADSPAS_INKOMEN)
SCHOOL_COSTS = "stadspas.schoolkosten_per_kind_per_jaar"  # optional: Arnhem moved it into the pass
IN_SCHOOL = [SCHOOLS.index(kind) for kind in ("po", "vo", "mbo")]


@variable(HOUSEHOLD, "Recht op de stadspas", "bool", reference="local:stadspas.inkomensgrens")
def stadspas(s: Simulation) -> np.ndarray:
    """Income at or below the limit and assets within the bijstand limit."""
    return all_conditions(s, STADSPAS_CONDITIONS)


@variable(HOUSEHOLD, "Aantal pashouders van de stadspas", "count", helper=True)
def stadspas_pashouders(s: Simulation) -> np.ndarray:
    """Every member of the benefit unit gets a pass: applicant, partner and ten laste komende children."""
    return 1 + s("has_partner").astype(np.int64) + s("minor_children")


@variable(
    HOUSEHOLD,
    "Waarde van de stadspas per maand",
    "EUR",
    reference="local:stadspas.waarde_per_persoon_per_jaar",
    defined_for="stadspas",
)
def stadspas_waarde_maand(s: Simulation) -> np.ndarray:
    """The pass's budget per holder per year (and, where the municipality put its school-costs
    budget on the pass, that budget per child at school), a twelfth per month, for a household with
    the right. Where a budget was not found the value is unknown: ``lokale_regelingen_maand``
    leaves it out and names it, never counting €0."""
    year = s("stadspas_pashouders") * s.local("stadspas.waarde_per_persoon_per_jaar")
    if has(s, SCHOOL_COSTS):
        at_school = (s.pop.role == CHILD) & s("in_benefit_unit") & np.isin(s.pop.school, IN_SCHOOL)
        year = year + s.count_per_household(at_school) * s.p(f"gemeenten.{s.pop.municipality}.{SCHOOL_COSTS}")
    return round_div(year, 12)
