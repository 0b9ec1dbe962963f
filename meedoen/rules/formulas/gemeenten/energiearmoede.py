"""Energy poverty: a household whose energy bill takes more than the municipality's share of what it
has to live on (the share in ``gemeenten/<m>/energiearmoede.yaml``)."""

from __future__ import annotations

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, Simulation, variable
from meedoen.rules.population import NOT_GIVEN


@variable(HOUSEHOLD, "Energiekosten als deel van het besteedbaar inkomen", "/1", helper=True)
def energy_cost_share(s: Simulation) -> np.ndarray:
    """Energy bill divided by what the household has to live on: net income plus bijstand and
    the allowances (0 when no energy cost is given)."""
    energy = np.where(s.pop.energy_cents == NOT_GIVEN, 0, s.pop.energy_cents)
    income = s("disposable_income")
    return np.divide(energy, income, out=np.where(energy > 0, np.inf, 0.0), where=income > 0)


@variable(HOUSEHOLD, "Energiearmoede", "bool", reference="local:energiearmoede.grens")
def energy_poverty(s: Simulation) -> np.ndarray:
    """Energy costs above the municipality's share of what the household has to live on."""
    return s("energy_cost_share") > s.local("energiearmoede.grens")
