"""Algemene bijstand: the monthly top-up of the unit's income to its norm, within the asset limit.

The income counted is the unit's net income minus the earnings disregards (``vrijlating``: art. 31
lid 2 n and r to 2026, art. 34a from 2027); the time-limited ones apply only where the household
says since when a person's earnings started (``earnings_since``).
"""

from __future__ import annotations

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, Simulation, all_conditions, variable
from meedoen.rules.formulas.household.benefit_unit import PW_AGES

LIMITS = "nl.participatiewet.vermogensgrens"
# The conditions of the right to algemene bijstand (art. 19 lid 1, art. 34), in the order a
# resident reads them: one variable each, used by the amount and by the reasons.
BIJSTAND_CONDITIONS = ("bijstand_leeftijd", "vermogen_binnen_grens", "bijstand_inkomen_onder_norm")


@variable(
    HOUSEHOLD, "Netto inkomen van de bijstandseenheid per maand", "EUR", reference="Participatiewet art. 31"
)
def income_net_month(s: Simulation) -> np.ndarray:
    """The net monthly income of applicant and partner (the income of children does not count)."""
    net = s("net_income_person_month")
    return s.of_applicant(net) + s.of_partner(net, 0)


@variable(HOUSEHOLD, "Vermogensgrens", "EUR", reference="Participatiewet art. 34 lid 3")
def vermogensgrens(s: Simulation) -> np.ndarray:
    """Art. 34 lid 3: the limit for a single person, a single parent, or a couple."""
    table = np.array(
        [s.p(f"{LIMITS}.{name}") for name in ("alleenstaande", "alleenstaande_ouder", "gehuwden")]
    )
    return table[s("household_type")]


@variable(HOUSEHOLD, "Vermogen binnen de grens", "bool", reference="Participatiewet art. 34")
def vermogen_binnen_grens(s: Simulation) -> np.ndarray:
    """Assets at or below the limit: above it there is no right to bijstand (art. 34)."""
    return s.pop.assets_cents <= s("vermogensgrens")


@variable(
    HOUSEHOLD,
    "Aanvrager is oud genoeg voor een bijstandsnorm",
    "bool",
    reference="nl.participatiewet.leeftijden.jongerennorm",
)
def bijstand_leeftijd(s: Simulation) -> np.ndarray:
    """Algemene bijstand needs a norm, and the norms of art. 20-23 start at the youth norm's age."""
    return s("applicant_age") >= s.p(f"{PW_AGES}.jongerennorm")


@variable(HOUSEHOLD, "Inkomen voor de bijstand per maand", "EUR", reference="Participatiewet art. 31 lid 2")
def inkomen_bijstand(s: Simulation) -> np.ndarray:
    """The unit's net income minus the earnings disregards (art. 31 lid 2, art. 34a), not below nil."""
    return np.maximum(s("income_net_month") - s("vrijlating_inkomsten"), 0)


@variable(HOUSEHOLD, "Inkomen lager dan de bijstandsnorm", "bool", reference="Participatiewet art. 19 lid 1")
def bijstand_inkomen_onder_norm(s: Simulation) -> np.ndarray:
    """Art. 19 lid 1 onderdeel a: the income counted for the bijstand is below the norm."""
    return s("inkomen_bijstand") < s("norm")


@variable(
    HOUSEHOLD,
    "Voldoet aan alle voorwaarden voor algemene bijstand",
    "bool",
    reference="Participatiewet art. 19 lid 1",
)
def bijstand_recht(s: Simulation) -> np.ndarray:
    """Every condition in BIJSTAND_CONDITIONS holds."""
    return all_conditions(s, BIJSTAND_CONDITIONS)


@variable(
    HOUSEHOLD,
    "Bijstand per maand",
    "EUR",
    reference="Participatiewet art. 19 lid 2",
    defined_for="bijstand_recht",
)
def bijstand(s: Simulation) -> np.ndarray:
    """Art. 19 lid 2: the norm minus the income counted for the bijstand."""
    return s("norm") - s("inkomen_bijstand")
