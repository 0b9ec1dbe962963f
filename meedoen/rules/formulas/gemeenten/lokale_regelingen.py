"""The money value of the municipal regelingen, for the household's monthly income picture."""

from __future__ import annotations

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, Simulation, variable
from meedoen.rules.money import round_div

MONEY_SCHEMES = ("individuele_inkomenstoeslag", "meedoenregeling")  # yearly amounts in money


@variable(HOUSEHOLD, "Gemeentelijke regelingen omgerekend per maand", "EUR")
def lokale_regelingen_maand(s: Simulation) -> np.ndarray:
    """A twelfth of the yearly regelingen that give money (IIT, Meedoen-regeling), where the
    municipality has them; passes and insurance are not counted as money."""
    total = np.zeros(s.pop.size, dtype=np.int64)
    for scheme in MONEY_SCHEMES:
        if s.has_local(scheme):
            total = total + round_div(s(scheme), 12)
    return total
