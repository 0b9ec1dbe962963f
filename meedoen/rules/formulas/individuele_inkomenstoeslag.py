"""Individuele inkomenstoeslag (Participatiewet art. 36): a yearly supplement after years of low income."""

from __future__ import annotations

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, Simulation, variable
from meedoen.rules.formulas.benefit_unit import COUPLE, SINGLE
from meedoen.rules.formulas.local_income_limit import limit, within
from meedoen.rules.population import CHILD

IIT = "individuele_inkomenstoeslag"


@variable(HOUSEHOLD, "Inkomensgrens individuele inkomenstoeslag per maand", "EUR")
def individuele_inkomenstoeslag_inkomensgrens(s: Simulation) -> np.ndarray:
    """What counts as a low income: a share of the reference norm (Arnhem 105 %)."""
    return limit(s, IIT)


@variable(HOUSEHOLD, "Al lang genoeg een laag inkomen", "bool")
def langdurig_laag_inkomen(s: Simulation) -> np.ndarray:
    """The low income started at least the required number of years before the peildatum."""
    since = s.pop.low_income_since
    return (since > 0) & (since <= s.d - 10000 * s.local(f"{IIT}.jaren_laag_inkomen"))


@variable(HOUSEHOLD, "Voldoet aan de voorwaarden van de individuele inkomenstoeslag", "bool")
def individuele_inkomenstoeslag_recht(s: Simulation) -> np.ndarray:
    """Art. 36: applicant of the minimum age and below AOW age, not a student, long-term low
    income, assets within the bijstand limit."""
    return (
        (s("applicant_age") >= s.local(f"{IIT}.minimum_leeftijd"))
        & ~s.of_applicant(s("has_aow_age"))
        & ~s.of_applicant(s.pop.student_finance)
        & s("langdurig_laag_inkomen")
        & within(s, "individuele_inkomenstoeslag_inkomensgrens")
    )


@variable(HOUSEHOLD, "Individuele inkomenstoeslag per jaar", "EUR")
def individuele_inkomenstoeslag(s: Simulation) -> np.ndarray:
    """The amount by household when the conditions are met (Arnhem: more for two parents with a
    child of 12-17, the age of secondary school). A municipality whose amounts are unknown has 0."""
    teen = s.count_per_household((s.pop.role == CHILD) & (s("age") >= 12) & (s("age") < 18)) > 0
    kind = s("household_type")
    amount = np.where(
        kind == SINGLE,
        s.local(f"{IIT}.bedrag_alleenstaande"),
        np.where(
            (kind == COUPLE) & teen,
            s.local(f"{IIT}.bedrag_gezin_met_kind_12_tot_18"),
            s.local(f"{IIT}.bedrag_alleenstaande_ouder_of_paar"),
        ),
    )
    return np.where(s("individuele_inkomenstoeslag_recht"), amount, 0)
