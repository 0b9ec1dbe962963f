"""Huurtoeslag (Wet op de huurtoeslag), per household: the subsidy on the rent minus the income
reduction, as the law of the peildatum computes it."""

from __future__ import annotations

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, Simulation, variable
from meedoen.rules.formulas.toeslagen import EURO, T, _awir_minimum
from meedoen.rules.money import round_half_up
from meedoen.rules.population import HOUSEMATE, RENT

HT = f"{T}.huurtoeslag"


@variable(HOUSEHOLD, "Aantal personen in de woning", "count")
def household_size(s: Simulation) -> np.ndarray:
    """Everyone living in the dwelling: the huurtoeslag counts the whole household."""
    return np.diff(s.pop.offsets, append=len(s.pop.role))


@variable(HOUSEHOLD, "Rekeninkomen voor de huurtoeslag per jaar", "EUR")
def huurtoeslag_rekeninkomen(s: Simulation) -> np.ndarray:
    """The toetsingsinkomen of applicant and partner plus that of the housemates (medebewoners).
    Children's incomes are left out (they have an exemption that is not modelled)."""
    income = s("toetsingsinkomen_household").copy()
    housemates = np.flatnonzero(s.pop.role == HOUSEMATE)
    np.add.at(income, s.pop.household[housemates], s("toetsingsinkomen")[housemates])
    return income


@variable(HOUSEHOLD, "Huurtoeslag voor de inkomensafbouw, per maand", "EUR", since="2026-01-01")
def huurtoeslag_basis(s: Simulation) -> np.ndarray:
    """Stelsel 2026 (art. 20-21): 100 % of the rent between basishuur and kwaliteitskortingsgrens,
    65 % up to the aftoppingsgrens, 40 % above it. (Computed where a rent is given.)"""
    out = np.zeros(s.pop.size)
    renting = np.flatnonzero(s.pop.rent_cents > 0)
    rent, size = s.pop.rent_cents[renting], s("household_size")[renting]
    kwal = s.p(f"{HT}.kwaliteitskortingsgrens")
    aftop = np.where(
        size >= 3, s.p(f"{HT}.aftoppingsgrens_drie_of_meer"), s.p(f"{HT}.aftoppingsgrens_een_twee_personen")
    )
    basis = np.where(size > 1, s.p(f"{HT}.basishuur_meerpersoons"), s.p(f"{HT}.basishuur_eenpersoons"))
    out[renting] = (
        np.maximum(np.minimum(rent, kwal) - basis, 0)
        + s.p(f"{HT}.percentage_tot_aftoppingsgrens") * np.maximum(np.minimum(rent, aftop) - kwal, 0)
        + s.p(f"{HT}.percentage_boven_aftoppingsgrens") * np.maximum(rent - aftop, 0)
    )
    return out


def _huurtoeslag_afbouw(s: Simulation, size: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The inkomensijkpunt and the yearly afbouw share, by household size (art. 17, 21.2)."""
    multi = size > 1
    ijkpunt = np.where(
        multi, s.p(f"{HT}.inkomensijkpunt_meerpersoons"), s.p(f"{HT}.inkomensijkpunt_eenpersoons")
    )
    afbouw = np.where(multi, s.p(f"{HT}.afbouw_meerpersoons"), s.p(f"{HT}.afbouw_eenpersoons"))
    return ijkpunt, afbouw


@variable(HOUSEHOLD, "Huurtoeslag per maand", "EUR", since="2026-01-01")
def huurtoeslag(s: Simulation) -> np.ndarray:
    """Stelsel 2026: the subsidy minus the income reduction (afbouw over the income above the
    inkomensijkpunt, art. 21.2); only for a rented home with a rent up to the maximum (art. 13)
    and assets up to the limit."""
    rent = s.pop.rent_cents
    grown_up = (
        s.count_per_household(s("age") >= s.p(f"{HT}.leeftijd_maximale_huur")) + s("minor_children") > 0
    )
    maximum = np.where(grown_up, s.p(f"{HT}.maximale_huur"), s.p(f"{HT}.maximale_huur_jongeren"))
    limit = s.p(f"{HT}.vermogensgrens_per_persoon") * (1 + s("has_partner"))
    eligible = np.flatnonzero(
        (s.pop.housing_kind == RENT)
        & (rent > 0)
        & (rent <= maximum)
        & (s("applicant_age") >= 18)
        & (s.pop.assets_cents <= limit)
    )  # the rest is computed for these households only
    ijkpunt, afbouw = _huurtoeslag_afbouw(s, s("household_size")[eligible])
    reduction = np.maximum(s("huurtoeslag_rekeninkomen")[eligible] - ijkpunt, 0) * afbouw / 12
    month = round_half_up(np.maximum(s("huurtoeslag_basis")[eligible] - reduction, 0))
    out = np.zeros(s.pop.size, np.int64)
    out[eligible] = _awir_minimum(s, 12 * month) // 12
    return out


@variable(HOUSEHOLD, "Hoogste rekeninkomen met huurtoeslag", "EUR", since="2026-01-01")
def huurtoeslag_inkomensgrens(s: Simulation) -> np.ndarray:
    """The yearly income at which the income reduction uses up the whole subsidy for this rent."""
    ijkpunt, afbouw = _huurtoeslag_afbouw(s, s("household_size"))
    return (ijkpunt + s("huurtoeslag_basis") * 12 / afbouw) // EURO * EURO
