"""The Meedoen-regeling (Nijmegen): a yearly amount per adult for sport, culture and meeting people."""

from __future__ import annotations

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, PERSON, Simulation, variable
from meedoen.rules.formulas.local_income_limit import limit, within


@variable(HOUSEHOLD, "Inkomensgrens Meedoen-regeling per maand", "EUR")
def meedoenregeling_inkomensgrens(s: Simulation) -> np.ndarray:
    """Share of the reference norm: 140 % since 2023 (110 % before)."""
    return limit(s, "meedoenregeling")


@variable(PERSON, "Krijgt het bedrag van de Meedoen-regeling (als het huishouden recht heeft)", "bool")
def meedoenregeling_persoon(s: Simulation) -> np.ndarray:
    """Applicant and partner of at least the minimum age who do not study with student finance:
    who gets a budget on the pass."""
    adult = s("age") >= s.local("meedoenregeling.minimum_leeftijd")
    return s("is_applicant_or_partner") & adult & ~s.pop.student_finance


@variable(HOUSEHOLD, "Aantal personen dat de Meedoen-regeling krijgt", "count")
def meedoenregeling_personen(s: Simulation) -> np.ndarray:
    """Applicant and partner of at least the minimum age who do not study with student finance."""
    return s.count_per_household(s("meedoenregeling_persoon"))


@variable(HOUSEHOLD, "Meedoen-regeling per jaar", "EUR")
def meedoenregeling(s: Simulation) -> np.ndarray:
    """The amount per person for each eligible adult, when income and assets are within limits."""
    amount = s("meedoenregeling_personen") * s.local("meedoenregeling.bedrag_per_persoon")
    return np.where(within(s, "meedoenregeling_inkomensgrens"), amount, 0)
