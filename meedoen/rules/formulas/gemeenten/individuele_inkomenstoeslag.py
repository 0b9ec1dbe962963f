"""Individuele inkomenstoeslag (Participatiewet art. 36): a yearly supplement after years of low income."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, Simulation, all_conditions, variable
from meedoen.rules.formulas.gemeenten.inkomensgrenzen import ASSETS, has, income_test, known
from meedoen.rules.formulas.household.benefit_unit import COUPLE, SINGLE, SINGLE_PARENT
from meedoen.rules.population import CHILD, SCHOOLS

IIT = "individuele_inkomenstoeslag"
FAMILY = "individuele_inkomenstoeslag_paar_met_kind"  # Arnhem: two parents with a child of 12 to 17
_, IIT_INKOMEN = income_test(
    IIT, "individuele inkomenstoeslag", family=(FAMILY, "inkomensgrens_paar_met_kind")
)
# Income before duration: a household above the limit is never asked how long its income was low.
IIT_CONDITIONS = (
    "individuele_inkomenstoeslag_leeftijd",
    "individuele_inkomenstoeslag_geen_student",
    ASSETS,
    IIT_INKOMEN,
    "langdurig_laag_inkomen",
)
# The amount per household type, and the optional amount of a municipality for two parents with a
# child of its ages or in secondary school (Arnhem), read only where the municipality has it.
AMOUNTS = {SINGLE: "bedrag_alleenstaande", SINGLE_PARENT: "bedrag_alleenstaande_ouder", COUPLE: "bedrag_paar"}
FAMILY_AMOUNT = "bedrag_paar_met_kind"
BY_AGE, BY_SCHOOL = "leeftijd", "voortgezet_onderwijs"  # values of gezinsbedrag_kind
VO = SCHOOLS.index("vo")


@variable(
    HOUSEHOLD,
    "Aanvrager heeft de leeftijd voor de individuele inkomenstoeslag",
    "bool",
    reference="local:individuele_inkomenstoeslag.minimum_leeftijd",
)
def individuele_inkomenstoeslag_leeftijd(s: Simulation) -> np.ndarray:
    """Art. 36: from the municipality's minimum age up to the AOW age."""
    return (s("applicant_age") >= s.local(f"{IIT}.minimum_leeftijd")) & ~s.of_applicant(s("has_aow_age"))


@variable(
    HOUSEHOLD,
    "Aanvrager studeert niet met studiefinanciering",
    "bool",
    reference="Participatiewet art. 36 lid 1",
)
def individuele_inkomenstoeslag_geen_student(s: Simulation) -> np.ndarray:
    """Art. 36 lid 1: not for students with student finance (WSF / WTOS)."""
    return ~s.of_applicant(s.pop.student_finance)


@variable(
    HOUSEHOLD,
    "Al lang genoeg een laag inkomen",
    "bool",
    reference="local:individuele_inkomenstoeslag.jaren_laag_inkomen",
)
def langdurig_laag_inkomen(s: Simulation) -> np.ndarray:
    """The low income started at least the required number of years before the peildatum
    (unknown when the household did not say since when: then not met)."""
    since = s.pop.low_income_since
    return (since > 0) & (since <= s.d - 10000 * s.local(f"{IIT}.jaren_laag_inkomen"))


@variable(
    HOUSEHOLD,
    "Voldoet aan de voorwaarden van de individuele inkomenstoeslag",
    "bool",
    reference="Participatiewet art. 36",
)
def individuele_inkomenstoeslag_recht(s: Simulation) -> np.ndarray:
    """Art. 36: every condition of ``IIT_CONDITIONS``."""
    return all_conditions(s, IIT_CONDITIONS)


@variable(
    HOUSEHOLD,
    "Twee ouders met een kind voor het gezinsbedrag",
    "bool",
    reference="local:individuele_inkomenstoeslag.gezinsbedrag_kind",
)
def individuele_inkomenstoeslag_paar_met_kind(s: Simulation) -> np.ndarray:
    """A couple with a ten laste komend child that gives the municipality's family amount: by age
    (Arnhem's page: "thuiswonend kind in de leeftijd 12 t/m 17 jaar") or by school type
    (``school: vo``), as the municipality's ``gezinsbedrag_kind`` says. False where the
    municipality has no family amount."""
    if not has(s, f"{IIT}.{FAMILY_AMOUNT}"):
        return np.zeros(s.pop.size, bool)
    child = (s.pop.role == CHILD) & s("in_benefit_unit")
    if s.local(f"{IIT}.gezinsbedrag_kind") == BY_SCHOOL:
        child &= s.pop.school == VO
    else:
        age = s("age")
        child &= (age >= s.local(f"{IIT}.kind_leeftijd_vanaf")) & (age < s.local(f"{IIT}.kind_leeftijd_tot"))
    return (s("household_type") == COUPLE) & (s.count_per_household(child) > 0)


def _by_household(s: Simulation, of_name: Callable[[str], Any]) -> np.ndarray:
    """A value per household from one value per amount parameter (household type, then the
    family amount where the municipality has one)."""
    values = {kind: of_name(name) for kind, name in AMOUNTS.items()}
    family = has(s, f"{IIT}.{FAMILY_AMOUNT}")
    if not family and len(set(values.values())) == 1:  # one value for everybody: no need to look
        return np.full(s.pop.size, values[SINGLE])
    kind = s("household_type")
    out = np.select(
        [kind == SINGLE, kind == SINGLE_PARENT], [values[SINGLE], values[SINGLE_PARENT]], values[COUPLE]
    )
    if family:
        out = np.where(s(FAMILY), of_name(FAMILY_AMOUNT), out)
    return out


@variable(HOUSEHOLD, "Het bedrag van de individuele inkomenstoeslag is bekend", "bool", helper=True)
def individuele_inkomenstoeslag_bedrag_bekend(s: Simulation) -> np.ndarray:
    """The amount for this household type was found in a source (not ``not_found``): otherwise the
    check says "bedrag onbekend", never €0."""
    return _by_household(s, lambda name: known(s, f"{IIT}.{name}")).astype(bool)


@variable(
    HOUSEHOLD,
    "Individuele inkomenstoeslag per jaar",
    "EUR",
    reference="local:individuele_inkomenstoeslag.bedrag_alleenstaande",
    defined_for="individuele_inkomenstoeslag_recht",
)
def individuele_inkomenstoeslag(s: Simulation) -> np.ndarray:
    """The municipality's amount for the household type (Arnhem: more for two parents with a child
    of 12 to 17) when the conditions are met; 0 where the amount is not known (see
    ``individuele_inkomenstoeslag_bedrag_bekend``)."""
    amount = _by_household(s, lambda name: s.local(f"{IIT}.{name}")).astype(np.int64)
    return np.where(s("individuele_inkomenstoeslag_bedrag_bekend"), amount, 0)
