"""Kwijtschelding: the national rules of the Uitvoeringsregeling Invorderingswet 1990 (art. 11-16).

Municipal taxes follow them (art. 27 onderdeel b, art. 28 lid 1 onderdeel a): whoever has no assets
above the exempt amount and no payment capacity gets the whole aanslag remitted; with capacity,
at least 80 % of it over 12 months goes to the aanslag and the rest is remitted. Payment capacity
is the net disposable income minus the costs of existence (a share of the bijstand norm, which the
municipality chooses: see ``formulas/gemeenten/kwijtschelding.py``). The allowed housing costs
(art. 15 lid 1 onderdeel b) are the net rent up to the huurtoeslag's maximum rent, above the
normhuur at the minimum income. Health-insurance premiums (onderdeel c), alimony and childcare
are not in the household contract and are left out: the capacity can only be lower in reality.
"""

from __future__ import annotations

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, Simulation, variable
from meedoen.rules.population import RENT

KW = "nl.invordering.kwijtschelding"
HT = "nl.toeslagen.huurtoeslag"


def _housing_costs(s: Simulation, rent: np.ndarray) -> np.ndarray:
    """Art. 15 lid 1 onderdeel b: the part of the housing costs up to the maximum rent (Wet op de
    huurtoeslag art. 13 lid 1 onderdeel a) above the normhuur of art. 17 lid 2, for renters."""
    capped = np.minimum(rent, s.p(f"{HT}.maximale_huur"))
    allowed = np.maximum(capped - s.p(f"{HT}.normhuur_minimum"), 0)
    return np.where(s.pop.housing_kind == RENT, allowed, 0)


@variable(
    HOUSEHOLD,
    "Woonlasten voor de kwijtschelding (zonder aftrek van huurtoeslag)",
    "EUR",
    reference="Uitvoeringsregeling Invorderingswet 1990 art. 12 lid 2 onderdeel d",
)
def kwijtschelding_woonlasten_bruto(s: Simulation) -> np.ndarray:
    """Art. 12 lid 2 onderdeel d: the housing costs of art. 15 lid 1 onderdeel b without deducting
    the huurtoeslag, which the savings exempt from the asset test may cover."""
    return _housing_costs(s, np.maximum(s.pop.rent_cents, 0))


@variable(
    HOUSEHOLD,
    "Woonlasten die van het inkomen af gaan voor de kwijtschelding",
    "EUR",
    reference="Uitvoeringsregeling Invorderingswet 1990 art. 15 lid 1 onderdeel b en lid 3",
)
def kwijtschelding_woonlasten(s: Simulation) -> np.ndarray:
    """Art. 15 lid 1 onderdeel b and lid 3: the net rent (rent minus huurtoeslag) up to the maximum
    rent, above the normhuur at the minimum income."""
    rent = np.maximum(s.pop.rent_cents, 0)
    if not (s.pop.housing_kind == RENT).any():
        return np.zeros(s.pop.size, np.int64)
    return _housing_costs(s, np.maximum(rent - s("huurtoeslag"), 0))


@variable(
    HOUSEHOLD,
    "Netto besteedbaar inkomen voor de kwijtschelding per maand",
    "EUR",
    reference="Uitvoeringsregeling Invorderingswet 1990 art. 13 lid 2 en art. 14",
)
def kwijtschelding_netto_besteedbaar_inkomen(s: Simulation) -> np.ndarray:
    """Art. 13 lid 2 and art. 14: the net income of the debtor and partner, without the child
    benefits, toeslagen and individuele inkomenstoeslag (not in the unit's net income) and without
    the earnings the bijstand disregards (art. 14 lid 1 onderdeel c 9°), minus the housing costs."""
    return s("inkomen_bijstand") - s("kwijtschelding_woonlasten")


@variable(
    HOUSEHOLD,
    "Verhoging van de kosten van bestaan bij de AOW-leeftijd",
    "EUR",
    reference="Uitvoeringsregeling Invorderingswet 1990 art. 16 lid 3",
)
def kwijtschelding_verhoging_aow(s: Simulation) -> np.ndarray:
    """Art. 16 lid 3: more when both partners (onderdeel a) or one of them or a single person
    (onderdeel b) have the AOW age."""
    aow = s("unit_adults_with_aow_age")
    both = s.pop.has_partner & (aow == 2)
    return np.where(
        both, s.p(f"{KW}.verhoging_beiden_aow"), np.where(aow > 0, s.p(f"{KW}.verhoging_een_aow"), 0)
    )
