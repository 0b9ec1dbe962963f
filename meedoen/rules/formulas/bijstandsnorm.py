"""The norm of the benefit unit without the kostendelersnorm (Participatiewet art. 20-23)."""

from __future__ import annotations

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, Simulation, variable
from meedoen.rules.formulas.benefit_unit import applicant_value, unit_member_count
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


@variable(HOUSEHOLD, "Normcategorie (Participatiewet art. 20-23)", "text")
def norm_category(s: Simulation) -> np.ndarray:
    """Which article's norm applies: by the ages of applicant and partner (18-20, 21 to AOW age,
    AOW age), whether there is a partner, minor children, and a stay in an institution."""
    couple = s("has_partner")
    with_children = s("minor_children") > 0
    n_aow = unit_member_count(s, s("has_aow_age"))
    n_young = unit_member_count(s, s("age") < 21)
    applicant_age = applicant_value(s, s("age"))
    single_cat = np.select(
        [n_aow > 0, n_young == 0, with_children],
        [C["alleenstaande_aow"], C["alleenstaande_21_tot_aow"], C["jongere_alleenstaande_ouder"]],
        C["jongere_alleenstaande"],
    )
    couple_cat = np.select(
        [n_aow == 2, n_aow == 1, n_young == 0, n_young == 2],
        [
            C["gehuwden_beiden_aow"],
            C["gehuwden_een_aow"],
            C["gehuwden_21_tot_aow"],
            np.where(
                with_children,
                C["jongere_gehuwden_met_kinderen"],
                C["jongere_gehuwden_zonder_kinderen"],
            ),
        ],
        np.where(
            with_children,
            C["gehuwden_een_jonger_dan_21_met_kinderen"],
            C["gehuwden_een_jonger_dan_21_zonder_kinderen"],
        ),
    )
    institution = s.pop.housing_kind == INSTITUTION
    return np.select(
        [applicant_age < 18, institution],
        [
            C["geen_recht_jonger_dan_18"],
            np.where(couple, C["inrichting_gehuwden"], C["inrichting_alleenstaande"]),
        ],
        np.where(couple, couple_cat, single_cat),
    )


@variable(HOUSEHOLD, "Bijstandsnorm zonder kostendelersnorm, inclusief vakantietoeslag", "EUR")
def standaardnorm(s: Simulation) -> np.ndarray:
    """The norm of the unit's category as the law states it per month (art. 20-23)."""
    table = np.array([0] + [s.p(f"{NORMS}.{name}") for name in CATEGORIES[1:]], dtype=np.int64)
    return table[s("norm_category")]


def excl_vakantietoeslag(s: Simulation, norm_cents: np.ndarray) -> np.ndarray:
    """A norm without the holiday allowance it includes (art. 19 lid 3), rounded to the cent."""
    basis_points = round(s.p("nl.participatiewet.vakantietoeslag") * 10000)
    return round_div(norm_cents * (10000 - basis_points), 10000)


@variable(HOUSEHOLD, "Bijstandsnorm zonder kostendelersnorm, exclusief vakantietoeslag", "EUR")
def standaardnorm_excl_vakantietoeslag(s: Simulation) -> np.ndarray:
    """The unit's standard norm minus the vakantietoeslag it includes; the usual basis of the
    municipalities' income limits."""
    return excl_vakantietoeslag(s, s("standaardnorm"))


@variable(HOUSEHOLD, "Bijstandsnorm per maand, inclusief vakantietoeslag", "EUR")
def norm(s: Simulation) -> np.ndarray:
    """The kostendelersnorm where it applies, otherwise the standard norm."""
    return np.where(s("kostendelersnorm_van_toepassing"), s("kostendelersnorm"), s("standaardnorm"))


@variable(HOUSEHOLD, "Bijstandsnorm per maand, exclusief vakantietoeslag", "EUR")
def norm_excl_vakantietoeslag(s: Simulation) -> np.ndarray:
    """The applicable norm minus the vakantietoeslag: 95 % of it, rounded half up to the cent."""
    return excl_vakantietoeslag(s, s("norm"))


@variable(HOUSEHOLD, "Vakantietoeslag per maand", "EUR")
def vakantietoeslag(s: Simulation) -> np.ndarray:
    """The part of the norm reserved as holiday allowance (art. 19 lid 3: 5 %)."""
    return s("norm") - s("norm_excl_vakantietoeslag")
