"""The city pass (GelrePas, Meedoen-pas, Stadjerspas): a pass for every member of the household."""

from __future__ import annotations

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, Simulation, variable
from meedoen.rules.formulas.local_income_limit import limit, within


@variable(HOUSEHOLD, "Inkomensgrens stadspas per maand", "EUR")
def stadspas_inkomensgrens(s: Simulation) -> np.ndarray:
    """The pass's share of the reference norm; a higher share for households with children where
    the municipality has one (Arnhem: 130 %)."""
    return limit(s, "stadspas", with_children=True)


@variable(HOUSEHOLD, "Recht op de stadspas", "bool")
def stadspas(s: Simulation) -> np.ndarray:
    """Income at or below the limit and assets within the bijstand limit."""
    return within(s, "stadspas_inkomensgrens")
