"""The norm of the benefit unit without the kostendelersnorm (Participatiewet art. 20-23)."""

from __future__ import annotations

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, Simulation, variable
from meedoen.rules.formulas.household.benefit_unit import PW_AGES
from meedoen.rules.money import round_div
from meedoen.rules.population import INSTITUTION

NORMS = "nl.participatiewet.normen"
# Norm categories, in the order of the lookup table below; names are the parameter names.
CATEGORIES = (
    "geen_recht_jonger_dan_18",
    "alleenstaande_21_tot_aow",
    "gehuwden_21_tot_aow",
    "alleenstaande_aow",
    "gehuwden_beiden_aow",
    "gehuwden_een_aow",
    "jongere_alleenstaande",
    "jongere_alleenstaande_ouder",
    "jongere_gehuwden_zonder_kinderen",
    "jongere_gehuwden_met_kinderen",
    "gehuwden_een_jonger_dan_21_zonder_kinderen",
    "gehuwden_een_jonger_dan_21_met_kinderen",
    "inrichting_alleenstaande",
    "inrichting_gehuwden",
)
C = {name: code for code, name in enumerate(CATEGORIES)}


def category_of(
    under_18: bool, institution: bool, couple: bool, n_aow: int, n_young: int, children: bool
) -> str:
    """The norm category of one combination of facts: the decision table of art. 20-23."""
    if under_18:
        return "geen_recht_jonger_dan_18"
    if institution:
        return "inrichting_gehuwden" if couple else "inrichting_alleenstaande"
    if not couple:
        if n_aow:
            return "alleenstaande_aow"
        if n_young == 0:
            return "alleenstaande_21_tot_aow"
        return "jongere_alleenstaande_ouder" if children else "jongere_alleenstaande"
    if n_aow == 2:
        return "gehuwden_beiden_aow"
    if n_aow == 1:
        return "gehuwden_een_aow"
    if n_young == 0:
        return "gehuwden_21_tot_aow"
    kids = "met_kinderen" if children else "zonder_kinderen"
    if n_young == 2:
        return f"jongere_gehuwden_{kids}"
    return f"gehuwden_een_jonger_dan_21_{kids}"


# Every combination of facts, flattened in the order of the key computed in norm_category.
_CATEGORY_TABLE = np.array(
    [
        C[category_of(bool(u18), bool(inst), bool(couple), aow, young, bool(kids))]
        for u18 in (0, 1)
        for inst in (0, 1)
        for couple in (0, 1)
        for aow in (0, 1, 2)
        for young in (0, 1, 2)
        for kids in (0, 1)
    ],
    dtype=np.int8,
)


@variable(
    HOUSEHOLD, "Normcategorie (Participatiewet art. 20-23)", "text", reference="Participatiewet art. 20-23"
)
def norm_category(s: Simulation) -> np.ndarray:
    """Which article's norm applies: by the ages of applicant and partner (no norm below the youth
    norm's age, the youth norm of art. 20, the norm of art. 21 up to the AOW age, AOW age), whether
    there is a partner, minor children, and a stay in an institution (see ``category_of``)."""
    key = (s("applicant_age") < s.p(f"{PW_AGES}.jongerennorm")) * 2 + (s.pop.housing_kind == INSTITUTION)
    key = (key * 2 + s("has_partner")) * 3 + s("unit_adults_with_aow_age")
    key = (key * 3 + s("unit_adults_under_21")) * 2 + (s("minor_children") > 0)
    return _CATEGORY_TABLE[key]


@variable(
    HOUSEHOLD,
    "Bijstandsnorm zonder kostendelersnorm, inclusief vakantietoeslag",
    "EUR",
    reference="Participatiewet art. 20-23",
)
def standaardnorm(s: Simulation) -> np.ndarray:
    """The norm of the unit's category as the law states it per month (art. 20-23)."""
    table = np.array([0] + [s.p(f"{NORMS}.{name}") for name in CATEGORIES[1:]], dtype=np.int64)
    return table[s("norm_category")]


def excl_vakantietoeslag(s: Simulation, norm_cents: np.ndarray) -> np.ndarray:
    """A norm without the holiday allowance it includes (art. 19 lid 3), rounded to the cent."""
    basis_points = round(s.p("nl.participatiewet.vakantietoeslag") * 10000)
    return round_div(norm_cents * (10000 - basis_points), 10000)


@variable(
    HOUSEHOLD,
    "Bijstandsnorm zonder kostendelersnorm, exclusief vakantietoeslag",
    "EUR",
    reference="nl.participatiewet.vakantietoeslag",
)
def standaardnorm_excl_vakantietoeslag(s: Simulation) -> np.ndarray:
    """The unit's standard norm minus the vakantietoeslag it includes; the usual basis of the
    municipalities' income limits."""
    return excl_vakantietoeslag(s, s("standaardnorm"))


@variable(
    HOUSEHOLD,
    "Bijstandsnorm per maand, inclusief vakantietoeslag",
    "EUR",
    reference="Participatiewet art. 20-22a",
)
def norm(s: Simulation) -> np.ndarray:
    """The kostendelersnorm where it applies, otherwise the standard norm."""
    applies = s("kostendelersnorm_van_toepassing")
    if not applies.any():  # nobody shares the home: the kostendelersnorm is not part of the outcome
        return s("standaardnorm")
    return np.where(applies, s("kostendelersnorm"), s("standaardnorm"))


@variable(
    HOUSEHOLD,
    "Bijstandsnorm per maand, exclusief vakantietoeslag",
    "EUR",
    reference="nl.participatiewet.vakantietoeslag",
)
def norm_excl_vakantietoeslag(s: Simulation) -> np.ndarray:
    """The applicable norm minus the vakantietoeslag share it includes, rounded half up to the cent."""
    return excl_vakantietoeslag(s, s("norm"))


@variable(HOUSEHOLD, "Vakantietoeslag per maand", "EUR", reference="nl.participatiewet.vakantietoeslag")
def vakantietoeslag(s: Simulation) -> np.ndarray:
    """The part of the norm reserved as holiday allowance (art. 19 lid 3; the share is a parameter)."""
    return s("norm") - s("norm_excl_vakantietoeslag")
