"""Bijzondere bijstand (Participatiewet art. 35): help with necessary costs the income cannot carry."""

from __future__ import annotations

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, Simulation, variable
from meedoen.rules.formulas.local_income_limit import limit, within


@variable(HOUSEHOLD, "Inkomensgrens bijzondere bijstand per maand", "EUR")
def bijzondere_bijstand_inkomensgrens(s: Simulation) -> np.ndarray:
    """Up to this income the check shows bijzondere bijstand as possible (draagkracht decides)."""
    return limit(s, "bijzondere_bijstand")


@variable(HOUSEHOLD, "Bijzondere bijstand is mogelijk", "bool")
def bijzondere_bijstand(s: Simulation) -> np.ndarray:
    """Applicant 18 or older, income at or below the limit, assets within the bijstand limit."""
    return (s("applicant_age") >= 18) & within(s, "bijzondere_bijstand_inkomensgrens")
