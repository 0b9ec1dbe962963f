"""Individuele inkomenstoeslag (Participatiewet art. 36): a yearly supplement after years of low income."""

from __future__ import annotations

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, Simulation, all_conditions, variable
from meedoen.rules.formulas.gemeenten.inkomensgrenzen import ASSETS, income_test
from meedoen.rules.formulas.household.benefit_unit import COUPLE, SINGLE
from meedoen.rules.population import CHILD

IIT = "individuele_inkomenstoeslag"
_, IIT_INKOMEN = income_test(IIT, "individuele inkomenstoeslag")
# Income before duration: a household above the limit is never asked how long its income was low.
IIT_CONDITIONS = (
    "individuele_inkomenstoeslag_leeftijd",
    "individuele_inkomenstoeslag_geen_student",
    ASSETS,
    IIT_INKOMEN,
    "langdurig_laag_inkomen",
)


@variable(HOUSEHOLD, "Aanvrager heeft de leeftijd voor de individuele inkomenstoeslag", "bool")
def individuele_inkomenstoeslag_leeftijd(s: Simulation) -> np.ndarray:
    """Art. 36: from the municipality's minimum age up to the AOW age."""
    return (s("applicant_age") >= s.local(f"{IIT}.minimum_leeftijd")) & ~s.of_applicant(s("has_aow_age"))


@variable(HOUSEHOLD, "Aanvrager studeert niet met studiefinanciering", "bool")
def individuele_inkomenstoeslag_geen_student(s: Simulation) -> np.ndarray:
    """Art. 36 lid 1: not for students with student finance (WSF / WTOS)."""
    return ~s.of_applicant(s.pop.student_finance)


@variable(HOUSEHOLD, "Al lang genoeg een laag inkomen", "bool")
def langdurig_laag_inkomen(s: Simulation) -> np.ndarray:
    """The low income started at least the required number of years before the peildatum
    (unknown when the household did not say since when: then not met)."""
    since = s.pop.low_income_since
    return (since > 0) & (since <= s.d - 10000 * s.local(f"{IIT}.jaren_laag_inkomen"))


@variable(HOUSEHOLD, "Voldoet aan de voorwaarden van de individuele inkomenstoeslag", "bool")
def individuele_inkomenstoeslag_recht(s: Simulation) -> np.ndarray:
    """Art. 36: every condition of ``IIT_CONDITIONS``."""
    return all_conditions(s, IIT_CONDITIONS)


@variable(HOUSEHOLD, "Individuele inkomenstoeslag per jaar", "EUR")
def individuele_inkomenstoeslag(s: Simulation) -> np.ndarray:
    """The amount by household when the conditions are met (Arnhem: more for two parents with a
    child in the municipality's age range, a local parameter read only where the amounts differ).
    A municipality whose amounts are unknown has 0."""
    single, teen_family, other = (
        s.local(f"{IIT}.{name}")
        for name in (
            "bedrag_alleenstaande",
            "bedrag_gezin_met_kind_12_tot_18",
            "bedrag_alleenstaande_ouder_of_paar",
        )
    )
    if single == teen_family == other:  # one amount for everybody: no need to look at the household
        return np.where(s("individuele_inkomenstoeslag_recht"), np.int64(single), 0)
    kind = s("household_type")
    if teen_family == other:  # no family amount of its own: the children's ages do not matter
        return np.where(s("individuele_inkomenstoeslag_recht"), np.where(kind == SINGLE, single, other), 0)
    age = s("age")
    in_range = (age >= s.local(f"{IIT}.kind_leeftijd_vanaf")) & (age < s.local(f"{IIT}.kind_leeftijd_tot"))
    teen = s.count_per_household((s.pop.role == CHILD) & in_range) > 0
    amount = np.where(kind == SINGLE, single, np.where((kind == COUPLE) & teen, teen_family, other))
    return np.where(s("individuele_inkomenstoeslag_recht"), amount, 0)
