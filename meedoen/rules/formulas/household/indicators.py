"""Measures that are not schemes: the income ratio and energy poverty (Arnhem programme)."""

from __future__ import annotations

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, Simulation, variable
from meedoen.rules.money import round_half_up


@variable(HOUSEHOLD, "Referentienorm vóór afronding", "EUR", reference="local:inkomensgrenzen.referentienorm")
def reference_norm_exact(s: Simulation) -> np.ndarray:
    """The reference norm before rounding (fractional cents): municipalities round a limit once,
    after taking their percentage of it, so a limit on the norm without holiday allowance is a
    percentage of the exact share of the norm, not of that share rounded to the cent first."""
    norm = s(s.local("inkomensgrenzen.referentienorm")).astype(float)
    if s.local("inkomensgrenzen.zonder_vakantietoeslag"):
        norm = norm * (1 - s.p("nl.participatiewet.vakantietoeslag"))
    return norm


@variable(
    HOUSEHOLD,
    "Referentienorm voor de inkomensgrenzen van de gemeente",
    "EUR",
    reference="local:inkomensgrenzen.referentienorm",
)
def reference_norm(s: Simulation) -> np.ndarray:
    """The norm the municipality's income limits are a percentage of (a parameter per
    municipality): the standard norm of the unit, without the kostendelersnorm, excluding the
    vakantietoeslag; rounded half up to the cent."""
    return round_half_up(s("reference_norm_exact"))


@variable(HOUSEHOLD, "Inkomen als deel van de referentienorm", "/1", helper=True)
def income_ratio(s: Simulation) -> np.ndarray:
    """Net income of the unit divided by the reference norm (0 when there is no norm)."""
    ref = s("reference_norm")
    return np.divide(s("income_net_month"), ref, out=np.zeros(len(ref)), where=ref > 0)
