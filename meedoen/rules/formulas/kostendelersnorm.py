"""The kostendelersnorm (Participatiewet art. 22a): a lower norm when adults share the home.

Per person of the unit the norm is (40 + A x 30) / (A x 100) x B, rounded half up to the cent;
a couple gets the sum of both partners' norms (lid 2); a partner under 21 gets the fixed amount
of lid 3 instead.
"""

from __future__ import annotations

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, Simulation, variable
from meedoen.rules.formulas.benefit_unit import applicant_value, unit_member_count
from meedoen.rules.formulas.bijstandsnorm import NORMS
from meedoen.rules.money import round_div
from meedoen.rules.population import APPLICANT, INSTITUTION, PARTNER


@variable(HOUSEHOLD, "Kostendelersnorm is van toepassing", "bool")
def kostendelersnorm_van_toepassing(s: Simulation) -> np.ndarray:
    """Art. 22a lid 1: there is at least one kostendelende medebewoner and the applicant or the
    partner is 21 or older; not for a stay in an institution (art. 23)."""
    someone_21 = unit_member_count(s, s("age") >= 21) > 0
    return (
        (s("kostendelende_medebewoners") > 0)
        & someone_21
        & (applicant_value(s, s("age")) >= 18)
        & (s.pop.housing_kind != INSTITUTION)
    )


@variable(HOUSEHOLD, "Kostendelersnorm per maand, inclusief vakantietoeslag", "EUR")
def kostendelersnorm(s: Simulation) -> np.ndarray:
    """Sum over applicant and partner of (40 + A x 30) / (A x 100) x B, where B is the couple norm
    of art. 21b, or of art. 22b/22c when that person or their partner has reached AOW age; a
    partner of 18-20 gets the art. 22a lid 3 amount instead."""
    a = s("kostendelers")
    fixed = s.p("nl.participatiewet.kostendelersnorm.vast_deel")
    per_person = s.p("nl.participatiewet.kostendelersnorm.per_persoon")
    aow = s("has_aow_age")
    partner_aow = s.per_person(s.per_household((s.pop.role == PARTNER) & aow) > 0)
    applicant_aow = s.per_person(s.per_household((s.pop.role == APPLICANT) & aow) > 0)
    other_aow = np.where(s.pop.role == APPLICANT, partner_aow, applicant_aow)
    b = np.where(
        aow,
        s.p(f"{NORMS}.gehuwden_beiden_aow"),
        np.where(other_aow, s.p(f"{NORMS}.gehuwden_een_aow"), s.p(f"{NORMS}.gehuwden_21_tot_aow")),
    )
    a_person = s.per_person(a)
    share = round_div(b * (fixed + a_person * per_person), 100 * a_person)
    young_amount = s.per_person(
        np.where(
            s("minor_children") > 0,
            s.p(f"{NORMS}.kostendelers_jongere_echtgenoot_met_kinderen"),
            s.p(f"{NORMS}.kostendelers_jongere_echtgenoot_zonder_kinderen"),
        )
    )
    member = (s.pop.role == APPLICANT) | (s.pop.role == PARTNER)
    personal = np.where(s("age") >= 21, share, young_amount)
    return s.per_household(np.where(member, personal, 0))
