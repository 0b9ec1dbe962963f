"""Kindgebonden budget (Wet op het kindgebonden budget): per child by age, reduced above the
drempelinkomen, for households whose assets are under the limit."""

from __future__ import annotations

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, Simulation, all_conditions, variable
from meedoen.rules.formulas.nl.toeslagen.awir import AGES, T, _awir_minimum, _whole_euros
from meedoen.rules.formulas.nl.toeslagen.kinderbijslag import (
    _sum_over_children,
    children_per_household,
    children_under,
)
from meedoen.rules.money import round_div
from meedoen.rules.periods import age_before_month

KGB = f"{T}.kindgebonden_budget"

KGB_CONDITIONS = ("kgb_kinderen", "kgb_vermogen", "kgb_inkomen")


def _kgb_children(s: Simulation) -> tuple[np.ndarray, np.ndarray]:
    """Art. 2 lid 1: the right for a child runs from the month after its birth through the month
    of the birthday that reaches the age limit; the children with their age at the end of the
    previous month (lid 3-5: the supplements too start the month after the birthday)."""
    limit = s.p(f"{AGES}.kindgebonden_budget.kind_tot")
    return children_under(s, lambda birth: age_before_month(s.d, birth), limit)


@variable(
    HOUSEHOLD,
    "Aantal kinderen met kindgebonden budget deze maand",
    "count",
    reference="nl.toeslagen.leeftijden.kindgebonden_budget.kind_tot",
)
def kgb_kinderen_aantal(s: Simulation) -> np.ndarray:
    """Children born before this month who did not reach the age limit in an earlier month."""
    return children_per_household(s, _kgb_children(s)[0])


@variable(
    HOUSEHOLD,
    "Heeft een kind voor het kindgebonden budget",
    "bool",
    reference="Wet op het kindgebonden budget art. 2 lid 1",
)
def kgb_kinderen(s: Simulation) -> np.ndarray:
    """Art. 2 lid 1: at least one child for whom the right runs this month."""
    return s("kgb_kinderen_aantal") > 0


@variable(
    HOUSEHOLD,
    "Vermogensgrens kindgebonden budget",
    "EUR",
    reference="nl.toeslagen.kindgebonden_budget.vermogensgrens_alleenstaande",
)
def kgb_vermogensgrens(s: Simulation) -> np.ndarray:
    """Art. 1 lid 4: the limit without or with a partner."""
    return np.where(
        s("has_partner"), s.p(f"{KGB}.vermogensgrens_partners"), s.p(f"{KGB}.vermogensgrens_alleenstaande")
    )


@variable(
    HOUSEHOLD,
    "Vermogen niet boven de grens van het kindgebonden budget",
    "bool",
    reference="nl.toeslagen.kindgebonden_budget.vermogensgrens_alleenstaande",
)
def kgb_vermogen(s: Simulation) -> np.ndarray:
    """Art. 1 lid 4: no kindgebonden budget when the assets exceed the limit."""
    return s.pop.assets_cents <= s("kgb_vermogensgrens")


@variable(
    HOUSEHOLD,
    "Kindgebonden budget per jaar volgens het inkomen",
    "EUR",
    reference="Wet op het kindgebonden budget art. 2",
    defined_for="kgb_kinderen",
)
def kgb_jaar(s: Simulation) -> np.ndarray:
    """Art. 2: per child a yearly amount, more from the month after each of the two supplement
    birthdays (lid 3-5), plus the alleenstaande-ouderkop; minus a percentage of the income above the
    drempel (for partners the drempel plus a fixed amount). Rounded to whole euros, nil under the
    Awir minimum (Awir art. 14 lid 4 and 5)."""
    children, age = _kgb_children(s)
    first = s.p(f"{AGES}.kindgebonden_budget.verhoging_vanaf")
    second = s.p(f"{AGES}.kindgebonden_budget.tweede_verhoging_vanaf")
    per_child = (
        s.p(f"{KGB}.per_kind")
        + np.where((age >= first) & (age < second), s.p(f"{KGB}.toeslag_12_tot_16"), 0)
        + np.where(age >= second, s.p(f"{KGB}.toeslag_16_tot_18"), 0)
    )
    parents = s.rows
    partner = s("has_partner")[parents]
    full = _sum_over_children(s, children, per_child)[parents]
    full = full + np.where(partner, 0, s.p(f"{KGB}.alleenstaande_ouderkop"))
    drempel = s.p(f"{T}.drempelinkomen") + np.where(partner, s.p(f"{KGB}.extra_drempel_partners"), 0)
    reduction = s.p(f"{KGB}.afbouw") * np.maximum(s("toetsingsinkomen_household")[parents] - drempel, 0)
    return _awir_minimum(s, _whole_euros(np.maximum(full - reduction, 0)))


@variable(
    HOUSEHOLD,
    "Inkomen laag genoeg voor kindgebonden budget",
    "bool",
    reference="nl.toeslagen.awir.minimum_jaarbedrag",
)
def kgb_inkomen(s: Simulation) -> np.ndarray:
    """The income leaves a kindgebonden budget of at least the Awir minimum per year."""
    return s("kgb_jaar") > 0


@variable(
    HOUSEHOLD,
    "Voldoet aan alle voorwaarden voor kindgebonden budget",
    "bool",
    reference="Wet op het kindgebonden budget art. 2",
)
def kgb_recht(s: Simulation) -> np.ndarray:
    """All conditions of the kindgebonden budget hold."""
    return all_conditions(s, KGB_CONDITIONS)


@variable(
    HOUSEHOLD,
    "Kindgebonden budget per maand",
    "EUR",
    defined_for="kgb_recht",
    reference="Wet op het kindgebonden budget art. 2",
)
def kindgebonden_budget(s: Simulation) -> np.ndarray:
    """The yearly kindgebonden budget paid per month (a twelfth, in cents)."""
    return round_div(s("kgb_jaar")[s.rows], 12)
