"""The city pass (GelrePas, Meedoen-pas, Stadjerspas): a pass for every member of the household."""

from __future__ import annotations

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, Simulation, all_conditions, variable
from meedoen.rules.formulas.gemeenten.inkomensgrenzen import ASSETS, income_test

_, STADSPAS_INKOMEN = income_test("stadspas", "stadspas", with_children=True)
STADSPAS_CONDITIONS = (ASSETS, STADSPAS_INKOMEN)


@variable(HOUSEHOLD, "Recht op de stadspas", "bool")
def stadspas(s: Simulation) -> np.ndarray:
    """Income at or below the limit and assets within the bijstand limit."""
    return all_conditions(s, STADSPAS_CONDITIONS)
