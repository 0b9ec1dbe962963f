"""The collective health insurance for minima (Gemeentepolis, CAZ): Participatiewet art. 35 lid 3."""

from __future__ import annotations

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, Simulation, variable
from meedoen.rules.formulas.local_income_limit import limit, within


@variable(HOUSEHOLD, "Inkomensgrens collectieve zorgverzekering per maand", "EUR")
def collectieve_zorgverzekering_inkomensgrens(s: Simulation) -> np.ndarray:
    """The municipality's share of the reference norm (Arnhem 120 %, Nijmegen 130 %)."""
    return limit(s, "collectieve_zorgverzekering")


@variable(HOUSEHOLD, "Kan meedoen met de collectieve zorgverzekering", "bool")
def collectieve_zorgverzekering(s: Simulation) -> np.ndarray:
    """Applicant old enough, income at or below the limit, assets within the bijstand limit."""
    old_enough = s("applicant_age") >= s.local("collectieve_zorgverzekering.minimum_leeftijd")
    return old_enough & within(s, "collectieve_zorgverzekering_inkomensgrens")
