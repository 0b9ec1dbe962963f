"""Algemene bijstand: the monthly top-up of the unit's income to its norm, within the asset limit.

Earnings disregards (art. 31 lid 2) and the derivation of net income from gross wage belong to the
national income rules and are not applied here.
"""

from __future__ import annotations

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, Simulation, variable
from meedoen.rules.formulas.benefit_unit import COUPLE, SINGLE_PARENT
from meedoen.rules.population import APPLICANT, NOT_GIVEN, PARTNER

LIMITS = "nl.participatiewet.vermogensgrens"


@variable(HOUSEHOLD, "Netto inkomen van de bijstandseenheid per maand", "EUR")
def income_net_month(s: Simulation) -> np.ndarray:
    """The net monthly income of applicant and partner (the income of children does not count)."""
    role = s.pop.role
    net = np.where(s.pop.net_income_cents == NOT_GIVEN, 0, s.pop.net_income_cents)
    return s.per_household(np.where((role == APPLICANT) | (role == PARTNER), net, 0))


@variable(HOUSEHOLD, "Vermogensgrens", "EUR")
def vermogensgrens(s: Simulation) -> np.ndarray:
    """Art. 34 lid 3: the limit for a single person, a single parent, or a couple."""
    kind = s("household_type")
    return np.select(
        [kind == COUPLE, kind == SINGLE_PARENT],
        [s.p(f"{LIMITS}.gehuwden"), s.p(f"{LIMITS}.alleenstaande_ouder")],
        s.p(f"{LIMITS}.alleenstaande"),
    )


@variable(HOUSEHOLD, "Vermogen binnen de grens", "bool")
def vermogen_binnen_grens(s: Simulation) -> np.ndarray:
    """Assets at or below the limit: above it there is no right to bijstand (art. 34)."""
    return s.pop.assets_cents <= s("vermogensgrens")


@variable(HOUSEHOLD, "Bijstand per maand", "EUR")
def bijstand(s: Simulation) -> np.ndarray:
    """Norm minus net income, when positive and the assets are within the limit."""
    gap = np.maximum(s("norm") - s("income_net_month"), 0)
    return np.where(s("vermogen_binnen_grens"), gap, 0)
