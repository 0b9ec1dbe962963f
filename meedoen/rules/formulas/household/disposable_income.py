"""Disposable income: what a household has to live on per month, after every benefit and
allowance the engine computes."""

from __future__ import annotations

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, Simulation, variable


@variable(HOUSEHOLD, "Besteedbaar inkomen per maand", "EUR", helper=True)
def disposable_income(s: Simulation) -> np.ndarray:
    """Net income plus bijstand, zorgtoeslag, huurtoeslag, kinderbijslag (a third of the quarter),
    kindgebonden budget and the municipality's money regelingen per month: what the household has
    to live on, before fixed costs."""
    return (
        s("income_net_month")
        + s("bijstand")
        + s("zorgtoeslag")
        + s("huurtoeslag")
        + s("kinderbijslag_maand")
        + s("kindgebonden_budget")
        + s("lokale_regelingen_maand")
    )


@variable(HOUSEHOLD, "Besteedbaar inkomen na huur per maand", "EUR", helper=True)
def disposable_income_after_rent(s: Simulation) -> np.ndarray:
    """Disposable income minus the rent, where a rent is given."""
    return s("disposable_income") - np.maximum(s.pop.rent_cents, 0)
