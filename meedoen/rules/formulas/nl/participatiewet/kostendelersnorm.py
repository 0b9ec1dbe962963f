"""The kostendelersnorm (Participatiewet art. 22a): a lower norm when adults share the home.

Per person of the unit the norm is (40 + A x 30) / (A x 100) x B, rounded half up to the cent;
a couple gets the sum of both partners' norms (lid 2); a partner below the age of the art. 21 norm
gets the fixed amount of lid 3 instead.
"""

from __future__ import annotations

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, Simulation, variable
from meedoen.rules.formulas.household.benefit_unit import PW_AGES
from meedoen.rules.formulas.nl.participatiewet.normen import NORMS
from meedoen.rules.money import round_div
from meedoen.rules.population import INSTITUTION


@variable(HOUSEHOLD, "Kostendelersnorm is van toepassing", "bool", reference="Participatiewet art. 22a lid 1")
def kostendelersnorm_van_toepassing(s: Simulation) -> np.ndarray:
    """Art. 22a lid 1: there is at least one kostendelende medebewoner and the applicant or the
    partner has the age of the art. 21 norm (and the applicant a norm at all); not for a stay in an
    institution (art. 23)."""
    adults = 1 + s("has_partner")
    return (
        (s("kostendelende_medebewoners") > 0)
        & (s("unit_adults_under_21") < adults)
        & (s("applicant_age") >= s.p(f"{PW_AGES}.jongerennorm"))
        & (s.pop.housing_kind != INSTITUTION)
    )


@variable(
    HOUSEHOLD,
    "Kostendelersnorm is van toepassing",
    "bool",
    name="kostendelersnorm_van_toepassing",
    since="2026-01-01",
    reference="Participatiewet art. 22a lid 1 en 4",
)
def kostendelersnorm_van_toepassing_2026(s: Simulation) -> np.ndarray:
    """As before, and (art. 22a lid 4, Participatiewet in balans) not for an applicant who lives
    here temporarily to give informal care for an intensive care need
    (``temporary_informal_carer``)."""
    carer = s.of_applicant(s.pop.temporary_informal_carer)
    return kostendelersnorm_van_toepassing(s) & ~carer


@variable(
    HOUSEHOLD,
    "Kostendelersnorm per maand, inclusief vakantietoeslag",
    "EUR",
    defined_for="kostendelersnorm_van_toepassing",
    reference="Participatiewet art. 22a",
)
def kostendelersnorm(s: Simulation) -> np.ndarray:
    """Sum over applicant and partner of (40 + A x 30) / (A x 100) x B, where B is the couple norm
    of art. 21b, or of art. 22b/22c when that person or their partner has reached AOW age; a
    partner with a youth norm gets the art. 22a lid 3 amount instead."""
    k = s.rows
    a = s("kostendelers")[k]
    numerator = s.p("nl.participatiewet.kostendelersnorm.vast_deel") + a * s.p(
        "nl.participatiewet.kostendelersnorm.per_persoon"
    )
    young = np.where(
        s("minor_children")[k] > 0,
        s.p(f"{NORMS}.kostendelers_jongere_echtgenoot_met_kinderen"),
        s.p(f"{NORMS}.kostendelers_jongere_echtgenoot_zonder_kinderen"),
    )
    aow, age, partner = s("has_aow_age"), s("age"), s("has_partner")[k]
    adult_age = s.p(f"{PW_AGES}.volwassenennorm")
    first, second = s.pop.offsets[k], s.pop.partner_index[k]
    aow_applicant, aow_partner = aow[first], partner & aow[second]

    def personal(own_aow: np.ndarray, other_aow: np.ndarray, own_age: np.ndarray) -> np.ndarray:
        b = np.where(
            own_aow,
            s.p(f"{NORMS}.gehuwden_beiden_aow"),
            np.where(other_aow, s.p(f"{NORMS}.gehuwden_een_aow"), s.p(f"{NORMS}.gehuwden_21_tot_aow")),
        )
        return np.where(own_age >= adult_age, round_div(b * numerator, 100 * a), young)

    applicant = personal(aow_applicant, aow_partner, age[first])
    return applicant + np.where(partner, personal(aow_partner, aow_applicant, age[second]), 0)
