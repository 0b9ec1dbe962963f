"""Algemene bijstand: the monthly top-up of the unit's income to its norm, within the asset limit.

Earnings disregards (art. 31 lid 2 onder n, temporary) are not applied: the engine describes the
structural situation, as the Nibud minima-effect method does.
"""

from __future__ import annotations

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, Simulation, variable

LIMITS = "nl.participatiewet.vermogensgrens"


@variable(HOUSEHOLD, "Netto inkomen van de bijstandseenheid per maand", "EUR")
def income_net_month(s: Simulation) -> np.ndarray:
    """The net monthly income of applicant and partner (the income of children does not count)."""
    net = s("net_income_person_month")
    return s.of_applicant(net) + s.of_partner(net, 0)


@variable(HOUSEHOLD, "Vermogensgrens", "EUR")
def vermogensgrens(s: Simulation) -> np.ndarray:
    """Art. 34 lid 3: the limit for a single person, a single parent, or a couple."""
    table = np.array(
        [s.p(f"{LIMITS}.{name}") for name in ("alleenstaande", "alleenstaande_ouder", "gehuwden")]
    )
    return table[s("household_type")]


@variable(HOUSEHOLD, "Vermogen binnen de grens", "bool")
def vermogen_binnen_grens(s: Simulation) -> np.ndarray:
    """Assets at or below the limit: above it there is no right to bijstand (art. 34)."""
    return s.pop.assets_cents <= s("vermogensgrens")


@variable(HOUSEHOLD, "Bijstand per maand", "EUR")
def bijstand(s: Simulation) -> np.ndarray:
    """Norm minus net income, when positive and the assets are within the limit."""
    gap = np.maximum(s("norm") - s("income_net_month"), 0)
    return np.where(s("vermogen_binnen_grens"), gap, 0)
