"""Bijzondere bijstand (Participatiewet art. 35): help with necessary costs the income cannot carry."""

from __future__ import annotations

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, Simulation, all_conditions, variable
from meedoen.rules.formulas.gemeenten.inkomensgrenzen import ASSETS, income_test

_, BB_INKOMEN = income_test("bijzondere_bijstand", "bijzondere bijstand")
BIJZONDERE_BIJSTAND_CONDITIONS = ("bijstand_leeftijd", ASSETS, BB_INKOMEN)


@variable(HOUSEHOLD, "Bijzondere bijstand is mogelijk", "bool")
def bijzondere_bijstand(s: Simulation) -> np.ndarray:
    """Applicant of bijstand age, income at or below the limit (draagkracht decides the amount),
    assets within the bijstand limit."""
    return all_conditions(s, BIJZONDERE_BIJSTAND_CONDITIONS)
