"""Measures that are not schemes: the income ratio and energy poverty (Arnhem programme)."""

from __future__ import annotations

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, Simulation, variable
from meedoen.rules.money import round_half_up
from meedoen.rules.population import NOT_GIVEN


@variable(HOUSEHOLD, "Referentienorm vóór afronding", "EUR")
def reference_norm_exact(s: Simulation) -> np.ndarray:
    """The reference norm before rounding (fractional cents): municipalities round a limit once,
    after taking their percentage of it (Arnhem 2024: 120 % x 95 % x 1.425,76 = 1.625,37, not
    120 % x 1.354,47)."""
    norm = s(s.local("inkomensgrenzen.referentienorm")).astype(float)
    if s.local("inkomensgrenzen.zonder_vakantietoeslag"):
        norm = norm * (1 - s.p("nl.participatiewet.vakantietoeslag"))
    return norm


@variable(HOUSEHOLD, "Referentienorm voor de inkomensgrenzen van de gemeente", "EUR")
def reference_norm(s: Simulation) -> np.ndarray:
    """The norm the municipality's income limits are a percentage of (a parameter per
    municipality): the standard norm of the unit, without the kostendelersnorm, excluding the
    vakantietoeslag; rounded half up to the cent."""
    return round_half_up(s("reference_norm_exact"))


@variable(HOUSEHOLD, "Inkomen als deel van de referentienorm", "/1")
def income_ratio(s: Simulation) -> np.ndarray:
    """Net income of the unit divided by the reference norm (0 when there is no norm)."""
    ref = s("reference_norm")
    return np.divide(s("income_net_month"), ref, out=np.zeros(len(ref)), where=ref > 0)


@variable(HOUSEHOLD, "Energiekosten als deel van het besteedbaar inkomen", "/1")
def energy_cost_share(s: Simulation) -> np.ndarray:
    """Energy bill divided by what the household has to live on: net income plus bijstand and
    the allowances (0 when no energy cost is given)."""
    energy = np.where(s.pop.energy_cents == NOT_GIVEN, 0, s.pop.energy_cents)
    income = s("disposable_income")
    return np.divide(energy, income, out=np.where(energy > 0, np.inf, 0.0), where=income > 0)


@variable(HOUSEHOLD, "Energiearmoede", "bool")
def energy_poverty(s: Simulation) -> np.ndarray:
    """Energy costs above the municipality's share of income (Arnhem: 10 %)."""
    return s("energy_cost_share") > s.local("energiearmoede.grens")
