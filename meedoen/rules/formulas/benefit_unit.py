"""The benefit unit (applicant, partner, minor children) and who shares the home (art. 19a).

A child of 18 or older is not in the unit; like a housemate, they count as kostendelende
medebewoner when old enough and not excluded (student finance or BBL, commercial tenancy).
"""

from __future__ import annotations

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, PERSON, Simulation, variable
from meedoen.rules.population import APPLICANT, CHILD, HOUSEMATE, PARTNER

HOUSEHOLD_TYPES = ("single", "single_parent", "couple")
SINGLE, SINGLE_PARENT, COUPLE = range(3)


@variable(PERSON, "Hoort bij de bijstandseenheid", "bool")
def in_benefit_unit(s: Simulation) -> np.ndarray:
    """Applicant, partner, and children under 18 form the benefit unit."""
    role = s.pop.role
    return (role == APPLICANT) | (role == PARTNER) | ((role == CHILD) & (s("age") < 18))


@variable(PERSON, "Is kostendelende medebewoner", "bool")
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


@variable(HOUSEHOLD, "Heeft een partner", "bool")
def has_partner(s: Simulation) -> np.ndarray:
    """A partner (married, registered or living together) is part of the unit."""
    return s.per_household(s.pop.role == PARTNER) > 0


@variable(HOUSEHOLD, "Aantal kinderen jonger dan 18 in de bijstandseenheid", "count")
def minor_children(s: Simulation) -> np.ndarray:
    """Children living at home who are under 18."""
    return s.per_household((s.pop.role == CHILD) & s("in_benefit_unit"))


@variable(HOUSEHOLD, "Soort huishouden", "text")
def household_type(s: Simulation) -> np.ndarray:
    """Couple with a partner; single parent with a minor child and no partner; single otherwise.
    Codes: 0 single, 1 single_parent, 2 couple."""
    return np.where(s("has_partner"), COUPLE, np.where(s("minor_children") > 0, SINGLE_PARENT, SINGLE))


@variable(HOUSEHOLD, "Aantal kostendelende medebewoners", "count")
def kostendelende_medebewoners(s: Simulation) -> np.ndarray:
    """Persons sharing the home who count for the kostendelersnorm."""
    return s.per_household(s("is_kostendelende_medebewoner"))


@variable(HOUSEHOLD, "Aantal kostendelers (A)", "count")
def kostendelers(s: Simulation) -> np.ndarray:
    """Art. 22a lid 1: A = the kostendelende medebewoners plus the applicant, plus the partner
    when the partner is 21 or older."""
    partner_21 = s.per_household((s.pop.role == PARTNER) & (s("age") >= 21))
    return 1 + partner_21 + s("kostendelende_medebewoners")


def unit_member_count(s: Simulation, condition: np.ndarray) -> np.ndarray:
    """How many of applicant and partner meet a per-person condition."""
    role = s.pop.role
    return s.per_household(((role == APPLICANT) | (role == PARTNER)) & condition)


def applicant_value(s: Simulation, person_values: np.ndarray) -> np.ndarray:
    """The applicant's value of a per-person array, per household."""
    return s.per_household(np.where(s.pop.role == APPLICANT, person_values, 0))
