"""Bijzondere bijstand (Participatiewet art. 35): help with necessary costs the income cannot carry.

Art. 35 lid 1 gives bijzondere bijstand for the costs "voor zover" the household cannot pay them
from its income, assets and draagkracht. The municipality's beleidsregels say how: income above a
share of the norm counts for a percentage, over a draagkrachtperiode; assets above the vermogensgrens
(art. 34) count fully (so high assets lower the help instead of refusing it). Where the municipality's
draagkracht rules were not found (``confidence: not_found``), the draagkracht is unknown and the
check says so, never €0.
"""

from __future__ import annotations

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, Simulation, all_conditions, variable
from meedoen.rules.formulas.gemeenten.inkomensgrenzen import income_test
from meedoen.rules.local_parameter_rules import REQUIRED_IN_NODE
from meedoen.rules.money import round_half_up

BB = "bijzondere_bijstand"
DRAAGKRACHT = f"{BB}.draagkracht"
DRAAGKRACHT_RULE = REQUIRED_IN_NODE[BB]["draagkracht"]  # inkomensgrens, percentage, periode_maanden
_, BB_INKOMEN = income_test(BB, "bijzondere bijstand")
# No assets condition: assets above the vermogensgrens count as draagkracht (see the module docstring).
BIJZONDERE_BIJSTAND_CONDITIONS = ("bijstand_leeftijd", BB_INKOMEN)


def draagkracht_known(s: Simulation) -> bool:
    """Whether the municipality's draagkracht rules are known on the peildatum (none is ``not_found``)."""
    paths = [f"gemeenten.{s.pop.municipality}.{DRAAGKRACHT}.{name}" for name in DRAAGKRACHT_RULE]
    return all(p in s.parameters and s.parameters[p].confidence_at(s.d) != "not_found" for p in paths)


@variable(HOUSEHOLD, "Bijzondere bijstand is mogelijk", "bool", reference="Participatiewet art. 35")
def bijzondere_bijstand(s: Simulation) -> np.ndarray:
    """Applicant of bijstand age and income at or below the limit the check uses; draagkracht
    (income above the municipality's limit, assets above the vermogensgrens) decides the amount."""
    return all_conditions(s, BIJZONDERE_BIJSTAND_CONDITIONS)


@variable(
    HOUSEHOLD,
    "Inkomensgrens voor de draagkracht per maand",
    "EUR",
    reference=f"local:{DRAAGKRACHT}.inkomensgrens",
)
def bijzondere_bijstand_draagkrachtgrens(s: Simulation) -> np.ndarray:
    """The municipality's share of the reference norm above which income counts (0 where unknown)."""
    if not draagkracht_known(s):
        return np.zeros(s.pop.size, np.int64)
    return round_half_up(s.local(f"{DRAAGKRACHT}.inkomensgrens") * s("reference_norm_exact"))


@variable(HOUSEHOLD, "Vermogen boven de vermogensgrens", "EUR", reference="Participatiewet art. 34")
def bijzondere_bijstand_vermogen_boven_grens(s: Simulation) -> np.ndarray:
    """Assets above the bijstand limit (art. 34 lid 3): the household uses them first."""
    return np.maximum(s.pop.assets_cents - s("vermogensgrens"), 0)


@variable(
    HOUSEHOLD,
    "Draagkracht voor de bijzondere bijstand per draagkrachtperiode",
    "EUR",
    reference=f"local:{DRAAGKRACHT}.percentage",
)
def bijzondere_bijstand_draagkracht(s: Simulation) -> np.ndarray:
    """The municipality's percentage of the net income above its limit, times the months of the
    draagkrachtperiode, plus the assets above the vermogensgrens (0 where the rules are unknown:
    :func:`draagkracht_known` tells the two apart)."""
    if not draagkracht_known(s):
        return np.zeros(s.pop.size, np.int64)
    excess = np.maximum(s("income_net_month") - s("bijzondere_bijstand_draagkrachtgrens"), 0)
    share = s.local(f"{DRAAGKRACHT}.percentage") * s.local(f"{DRAAGKRACHT}.periode_maanden")
    return round_half_up(share * excess) + s("bijzondere_bijstand_vermogen_boven_grens")
