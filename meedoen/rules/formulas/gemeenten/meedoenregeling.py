"""The Meedoen-regeling (Nijmegen): a yearly amount per adult for sport, culture and meeting people."""

from __future__ import annotations

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, PERSON, Simulation, all_conditions, variable
from meedoen.rules.formulas.gemeenten.inkomensgrenzen import ASSETS, income_test

_, MEEDOEN_INKOMEN = income_test("meedoenregeling", "Meedoen-regeling")
MEEDOENREGELING_CONDITIONS = ("meedoenregeling_heeft_deelnemers", ASSETS, MEEDOEN_INKOMEN)


@variable(
    PERSON,
    "Krijgt het bedrag van de Meedoen-regeling (als het huishouden recht heeft)",
    "bool",
    reference="local:meedoenregeling.minimum_leeftijd",
)
def meedoenregeling_persoon(s: Simulation) -> np.ndarray:
    """Applicant and partner of at least the minimum age who do not study with student finance:
    who gets a budget on the pass."""
    adult = s("age") >= s.local("meedoenregeling.minimum_leeftijd")
    return s("is_applicant_or_partner") & adult & ~s.pop.student_finance


@variable(HOUSEHOLD, "Aantal personen dat de Meedoen-regeling krijgt", "count", helper=True)
def meedoenregeling_personen(s: Simulation) -> np.ndarray:
    """Applicant and partner of at least the minimum age who do not study with student finance."""
    person = s("meedoenregeling_persoon")  # applicant or partner only: read by position, not counted
    return s.of_applicant(person).astype(np.int64) + s.of_partner(person, False)


@variable(HOUSEHOLD, "Iemand in het huishouden kan de Meedoen-regeling krijgen", "bool", helper=True)
def meedoenregeling_heeft_deelnemers(s: Simulation) -> np.ndarray:
    """Without an adult who may take part (students are excluded) there is nothing to grant."""
    return s("meedoenregeling_personen") > 0


@variable(HOUSEHOLD, "Meedoen-regeling per jaar", "EUR", reference="local:meedoenregeling.bedrag_per_persoon")
def meedoenregeling(s: Simulation) -> np.ndarray:
    """The amount per person for each eligible adult, when income and assets are within limits."""
    amount = s("meedoenregeling_personen") * s.local("meedoenregeling.bedrag_per_persoon")
    return np.where(all_conditions(s, MEEDOENREGELING_CONDITIONS), amount, 0)
