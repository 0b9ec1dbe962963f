"""The collective health insurance for minima (Gemeentepolis, CAZ): Participatiewet art. 35 lid 3."""

from __future__ import annotations

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, Simulation, all_conditions, variable
from meedoen.rules.formulas.gemeenten.inkomensgrenzen import ASSETS, income_test

CZ = "collectieve_zorgverzekering"
_, CZ_INKOMEN = income_test(CZ, "collectieve zorgverzekering")
CZ_CONDITIONS = ("collectieve_zorgverzekering_leeftijd", ASSETS, CZ_INKOMEN)


@variable(
    HOUSEHOLD,
    "Aanvrager is oud genoeg voor de collectieve zorgverzekering",
    "bool",
    reference="local:collectieve_zorgverzekering.minimum_leeftijd",
)
def collectieve_zorgverzekering_leeftijd(s: Simulation) -> np.ndarray:
    """The municipality's contract with the insurer sets a minimum age for the applicant."""
    return s("applicant_age") >= s.local(f"{CZ}.minimum_leeftijd")


@variable(
    HOUSEHOLD,
    "Kan meedoen met de collectieve zorgverzekering",
    "bool",
    reference="Participatiewet art. 35 lid 3",
)
def collectieve_zorgverzekering(s: Simulation) -> np.ndarray:
    """Applicant old enough, income at or below the limit, assets within the bijstand limit."""
    return all_conditions(s, CZ_CONDITIONS)


@variable(
    HOUSEHOLD,
    "Voordeel van de collectieve zorgverzekering per maand",
    "EUR",
    reference="local:collectieve_zorgverzekering.bijdrage_gemeente_per_maand",
    defined_for=CZ,
)
def collectieve_zorgverzekering_waarde_maand(s: Simulation) -> np.ndarray:
    """The municipality's contribution to the premium per insured adult per month, for the
    applicant and the partner (children are insured free under the Zorgverzekeringswet), for a
    household that may join. Where the contribution was not found the value is unknown:
    ``lokale_regelingen_maand`` leaves it out and names it, never counting €0."""
    adults = 1 + s("has_partner").astype(np.int64)
    return adults * s.local(f"{CZ}.bijdrage_gemeente_per_maand")
