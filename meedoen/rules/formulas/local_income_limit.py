"""The income test of the municipal regelingen: net income against a share of the reference norm.

Every municipality states its limits as a percentage of a bijstand norm (its ``referentienorm``);
the limit in euro is that share of the household's reference norm, rounded half up to the cent.
The income tested is the unit's own net income (``income_net_month``, as the contract defines).
"""

from __future__ import annotations

import numpy as np

from meedoen.rules.engine import Simulation
from meedoen.rules.money import round_half_up


def limit(s: Simulation, scheme: str, with_children: bool = False) -> np.ndarray:
    """The scheme's income limit per month in cents; ``with_children`` uses the higher limit for
    households with minor children where the regeling has one."""
    share = s.local(f"{scheme}.inkomensgrens")
    if with_children:
        share = np.where(s("minor_children") > 0, s.local(f"{scheme}.inkomensgrens_met_kinderen"), share)
    return round_half_up(share * s("reference_norm_exact"))


def within(s: Simulation, limit_name: str) -> np.ndarray:
    """Net income at or below the limit, and assets within the bijstand limit."""
    return (s("income_net_month") <= s(limit_name)) & s("vermogen_binnen_grens")
