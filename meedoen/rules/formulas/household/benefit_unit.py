"""The benefit unit (applicant, partner, minor children) and who shares the home (art. 19a).

A child is in the unit while it is a ten laste komend kind (art. 4: under the age of
``PW_AGES.ten_laste_komend_kind``); an older child, like a housemate, counts as kostendelende
medebewoner when old enough and not excluded (student finance or BBL, commercial tenancy).
"""

from __future__ import annotations

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, PERSON, Simulation, variable
from meedoen.rules.population import APPLICANT, CHILD, HOUSEMATE, PARTNER

PW_AGES = "nl.participatiewet.leeftijden"
HOUSEHOLD_TYPES = ("single", "single_parent", "couple")
SINGLE, SINGLE_PARENT, COUPLE = range(3)


@variable(PERSON, "Hoort bij de bijstandseenheid", "bool", reference="Participatiewet art. 4 lid 1")
def in_benefit_unit(s: Simulation) -> np.ndarray:
    """Applicant, partner, and the ten laste komende kinderen (art. 4 lid 1) form the benefit unit."""
    role = s.pop.role
    minor = s("age") < s.p(f"{PW_AGES}.ten_laste_komend_kind")
    return (role == APPLICANT) | (role == PARTNER) | ((role == CHILD) & minor)


@variable(PERSON, "Is kostendelende medebewoner", "bool", reference="Participatiewet art. 19a lid 1")
def is_kostendelende_medebewoner(s: Simulation) -> np.ndarray:
    """Art. 19a: someone of at least the set age sharing the home, not the partner, not a
    student with student finance or BBL, not a commercial tenant."""
    role = s.pop.role
    old_enough = s("age") >= s.p("nl.participatiewet.kostendelersnorm.leeftijd_medebewoner")
    return (
        ((role == CHILD) | (role == HOUSEMATE))
        & old_enough
        & ~s.pop.student_finance
        & ~s.pop.commercial_tenant
    )


@variable(HOUSEHOLD, "Heeft een partner", "bool", helper=True)
def has_partner(s: Simulation) -> np.ndarray:
    """A partner (married, registered or living together) is part of the unit."""
    return s.pop.has_partner


@variable(
    HOUSEHOLD,
    "Aantal ten laste komende kinderen in de bijstandseenheid",
    "count",
    reference="nl.participatiewet.leeftijden.ten_laste_komend_kind",
)
def minor_children(s: Simulation) -> np.ndarray:
    """Children living at home who are ten laste komend (art. 4 lid 1)."""
    return s.count_per_household((s.pop.role == CHILD) & s("in_benefit_unit"))


@variable(HOUSEHOLD, "Soort huishouden", "text", reference="Participatiewet art. 34 lid 3")
def household_type(s: Simulation) -> np.ndarray:
    """Couple with a partner; single parent with a minor child and no partner; single otherwise.
    Codes: 0 single, 1 single_parent, 2 couple."""
    return np.where(s("has_partner"), COUPLE, np.where(s("minor_children") > 0, SINGLE_PARENT, SINGLE))


@variable(HOUSEHOLD, "Aantal kostendelende medebewoners", "count", reference="Participatiewet art. 19a lid 1")
def kostendelende_medebewoners(s: Simulation) -> np.ndarray:
    """Persons sharing the home who count for the kostendelersnorm."""
    return s.count_per_household(s("is_kostendelende_medebewoner"))


@variable(HOUSEHOLD, "Aantal kostendelers (A)", "count", reference="Participatiewet art. 22a lid 1")
def kostendelers(s: Simulation) -> np.ndarray:
    """Art. 22a lid 1: A = the kostendelende medebewoners plus the applicant, plus the partner
    when the partner has the age of the art. 21 norm."""
    adult = s("age") >= s.p(f"{PW_AGES}.volwassenennorm")
    return 1 + s.of_partner(adult, False) + s("kostendelende_medebewoners")


@variable(PERSON, "Aanvrager of partner", "bool", helper=True)
def is_applicant_or_partner(s: Simulation) -> np.ndarray:
    """The adults of the benefit unit: the applicant and the partner."""
    return (s.pop.role == APPLICANT) | (s.pop.role == PARTNER)


@variable(HOUSEHOLD, "Leeftijd van de aanvrager", "years", helper=True)
def applicant_age(s: Simulation) -> np.ndarray:
    """The applicant's age on the peildatum."""
    return s.of_applicant(s("age"))


@variable(HOUSEHOLD, "Aantal van aanvrager en partner met AOW-leeftijd", "count", reference="nl.aow.leeftijd")
def unit_adults_with_aow_age(s: Simulation) -> np.ndarray:
    """How many of applicant and partner have reached the AOW age."""
    aow = s("has_aow_age")
    return s.of_applicant(aow).astype(np.int8) + s.of_partner(aow, False)


@variable(
    HOUSEHOLD,
    "Aantal van aanvrager en partner met een jongerennorm",
    "count",
    reference="nl.participatiewet.leeftijden.volwassenennorm",
)
def unit_adults_under_21(s: Simulation) -> np.ndarray:
    """How many of applicant and partner are younger than the age of the art. 21 norm (the youth
    norms of art. 20)."""
    young = s("age") < s.p(f"{PW_AGES}.volwassenennorm")
    return s.of_applicant(young).astype(np.int8) + s.of_partner(young, False)
