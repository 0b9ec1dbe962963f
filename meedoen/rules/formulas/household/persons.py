"""Facts about each person on the peildatum: age and pensionable (AOW) age."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from meedoen.rules.engine import PERSON, Simulation, variable
from meedoen.rules.parameters import Parameter
from meedoen.rules.periods import add_months, age_on


@variable(PERSON, "Leeftijd op de peildatum", "years", helper=True)
def age(s: Simulation) -> np.ndarray:
    """Age in completed years on the peildatum."""
    return age_on(s.d, s.pop.birth)


@lru_cache(maxsize=256)
def aow_birth_cutoff(aow_age: Parameter, d: int) -> int:
    """Latest birth date (``yyyymmdd``) of anyone who has reached the AOW age on ``d``.

    The AOW age is set per calendar year and applies to whoever reaches it in that year
    (AOW art. 7a). Whoever reached it in an earlier year keeps it, even if the age has since
    gone up. Reaching it is monotone in the birth date, so one cut-off per peildatum decides it
    for every person with a single comparison.
    """
    aow_age.at(d)  # the peildatum must be covered
    first_year = aow_age.starts[0] // 10000
    cutoff = add_months(first_year * 10000 + 101, -aow_age.at(first_year * 10000 + 101)) - 1
    for year in range(first_year, d // 10000 + 1):
        months = aow_age.at(year * 10000 + 101)
        earliest = add_months(year * 10000 + 101, -months)
        latest = min(add_months(year * 10000 + 1231, -months), add_months(d, -months))
        if latest >= earliest:
            cutoff = max(cutoff, latest)
    return cutoff


@variable(
    PERSON,
    "Heeft de pensioengerechtigde leeftijd (AOW-leeftijd) bereikt",
    "bool",
    reference="nl.aow.leeftijd",
)
def has_aow_age(s: Simulation) -> np.ndarray:
    """Born on or before the last birth date that has reached the AOW age on the peildatum."""
    return s.pop.birth <= aow_birth_cutoff(s.history("nl.aow.leeftijd"), s.d)
