"""The Awir's shared rules for the toeslagen: the toetsingsinkomen of applicant and toeslagpartner,
the minimum yearly amount and the rounding to whole euros (Awir art. 14)."""

from __future__ import annotations

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, Simulation, variable
from meedoen.rules.formulas.nl.inkomstenbelasting.box1 import gross_from_net_benefit
from meedoen.rules.money import round_div, round_half_up

T = "nl.toeslagen"
AGES = f"{T}.leeftijden"
EURO = 100


@variable(
    HOUSEHOLD,
    "Toetsingsinkomen van aanvrager en toeslagpartner, inclusief bruto bijstand",
    "EUR",
    reference="Awir art. 7 lid 1",
)
def toetsingsinkomen_household(s: Simulation) -> np.ndarray:
    """The toetsingsinkomen of applicant and partner plus the gross of the yearly bijstand, each
    grossed up with their own tariff: partners each receive half of a couple's bijstand."""
    income = s("toetsingsinkomen_own").copy()
    year = 12 * s("bijstand")
    on_bijstand = np.flatnonzero(year > 0)  # grossed up for those households only
    couples = on_bijstand[s("has_partner")[on_bijstand]]
    half = np.zeros(s.pop.size, np.int64)
    half[couples] = year[couples] // 2
    applicant_part = year[on_bijstand] - half[on_bijstand]
    income[on_bijstand] += gross_from_net_benefit(s, applicant_part, s.pop.offsets[on_bijstand])
    income[couples] += gross_from_net_benefit(s, half[couples], s.pop.partner_index[couples])
    return income


def _awir_minimum(s: Simulation, year_cents: np.ndarray) -> np.ndarray:
    """Awir art. 14 lid 5: no toeslag of less than the minimum per year."""
    return np.where(year_cents < s.p(f"{T}.awir.minimum_jaarbedrag"), 0, year_cents)


def _whole_euros(year_cents: np.ndarray) -> np.ndarray:
    """Awir art. 14 lid 4: the yearly tegemoetkoming is rounded to whole euros (half up)."""
    return round_div(round_half_up(year_cents), EURO) * EURO
