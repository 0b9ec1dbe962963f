"""The income-dependent allowances (toeslagen) and child benefits, per household.

Zorgtoeslag, huurtoeslag and kindgebonden budget test the yearly toetsingsinkomen of applicant
and partner (toeslagpartner) and their assets; kinderbijslag depends only on the children's ages.
"""

from __future__ import annotations

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, Simulation, variable
from meedoen.rules.formulas.income_tax import gross_from_net_benefit
from meedoen.rules.money import round_div, round_half_up
from meedoen.rules.population import CHILD, HOUSEMATE, RENT

T = "nl.toeslagen"
ZT, HT, KGB, KB = f"{T}.zorgtoeslag", f"{T}.huurtoeslag", f"{T}.kindgebonden_budget", f"{T}.kinderbijslag"
EURO = 100


@variable(HOUSEHOLD, "Toetsingsinkomen van aanvrager en toeslagpartner, inclusief bruto bijstand", "EUR")
def toetsingsinkomen_household(s: Simulation) -> np.ndarray:
    """The toetsingsinkomen of applicant and partner plus the gross of the yearly bijstand
    (each partner receives half of a couple's bijstand)."""
    income = s("toetsingsinkomen_own").copy()
    adults = 1 + s("has_partner")
    per_adult = 12 * s("bijstand") // adults
    on_bijstand = per_adult > 0  # grossed up for those households only
    aow = s.of_applicant(s("has_aow_age"))[on_bijstand]
    income[on_bijstand] += gross_from_net_benefit(s, per_adult[on_bijstand], aow) * adults[on_bijstand]
    return income


def _awir_minimum(s: Simulation, year_cents: np.ndarray) -> np.ndarray:
    """No toeslag of less than the Awir minimum per year."""
    return np.where(year_cents < s.p(f"{T}.awir.minimum_jaarbedrag"), 0, year_cents)


def _zorgtoeslag_room(s: Simulation) -> np.ndarray:
    """Standaardpremie (twice with a partner) minus the normpremie at the drempelinkomen: the
    toeslag of a household with an income at or below the drempel."""
    partner = s("has_partner")
    share = np.where(partner, s.p(f"{ZT}.normpremie_partners"), s.p(f"{ZT}.normpremie_alleenstaande"))
    return s.p(f"{ZT}.standaardpremie") * (1 + partner) - share * s.p(f"{T}.drempelinkomen")


@variable(HOUSEHOLD, "Zorgtoeslag per maand", "EUR")
def zorgtoeslag(s: Simulation) -> np.ndarray:
    """Art. 2: standaardpremie (twice with a partner) minus the normpremie, a share of the
    drempelinkomen plus 13,73 % of the income above it; whole euros per year, paid per month
    (rounded down); nil above the asset limit (art. 3), under 18, or under the Awir minimum."""
    above = np.maximum(s("toetsingsinkomen_household") - s.p(f"{T}.drempelinkomen"), 0)
    year = np.maximum(_zorgtoeslag_room(s) - s.p(f"{ZT}.afbouw") * above, 0)
    year = _awir_minimum(s, round_div(round_half_up(year), EURO) * EURO)
    partner = s("has_partner")
    limit = np.where(partner, s.p(f"{ZT}.vermogensgrens_partners"), s.p(f"{ZT}.vermogensgrens_alleenstaande"))
    eligible = (s("applicant_age") >= 18) & (s.pop.assets_cents <= limit)
    return np.where(eligible, year // 12 // EURO * EURO, 0)


@variable(HOUSEHOLD, "Hoogste toetsingsinkomen met zorgtoeslag", "EUR")
def zorgtoeslag_inkomensgrens(s: Simulation) -> np.ndarray:
    """The toetsingsinkomen at which the zorgtoeslag, rounded to whole euros, falls below the
    Awir minimum: what a resident may earn and still receive it."""
    room = _zorgtoeslag_room(s) - (s.p(f"{T}.awir.minimum_jaarbedrag") - EURO // 2)
    grens = s.p(f"{T}.drempelinkomen") + np.maximum(room, 0) / s.p(f"{ZT}.afbouw")
    return grens // EURO * EURO


@variable(HOUSEHOLD, "Aantal personen in de woning", "count")
def household_size(s: Simulation) -> np.ndarray:
    """Everyone living in the dwelling: the huurtoeslag counts the whole household."""
    return s.count_per_household(s.pop.role >= 0)


@variable(HOUSEHOLD, "Rekeninkomen voor de huurtoeslag per jaar", "EUR")
def huurtoeslag_rekeninkomen(s: Simulation) -> np.ndarray:
    """The toetsingsinkomen of applicant and partner plus that of the housemates (medebewoners).
    Children's incomes are left out (they have an exemption that is not modelled)."""
    housemates = np.where(s.pop.role == HOUSEMATE, s("toetsingsinkomen"), 0)
    return s("toetsingsinkomen_household") + s.per_household(housemates)


@variable(HOUSEHOLD, "Huurtoeslag voor de inkomensafbouw, per maand", "EUR", since="2026-01-01")
def huurtoeslag_basis(s: Simulation) -> np.ndarray:
    """Stelsel 2026 (art. 20-21): 100 % of the rent between basishuur and kwaliteitskortingsgrens,
    65 % up to the aftoppingsgrens, 40 % above it."""
    size = s("household_size")
    rent = np.maximum(s.pop.rent_cents, 0)
    kwal = s.p(f"{HT}.kwaliteitskortingsgrens")
    aftop = np.where(
        size >= 3, s.p(f"{HT}.aftoppingsgrens_drie_of_meer"), s.p(f"{HT}.aftoppingsgrens_een_twee_personen")
    )
    basis = np.where(size > 1, s.p(f"{HT}.basishuur_meerpersoons"), s.p(f"{HT}.basishuur_eenpersoons"))
    return (
        np.maximum(np.minimum(rent, kwal) - basis, 0)
        + s.p(f"{HT}.percentage_tot_aftoppingsgrens") * np.maximum(np.minimum(rent, aftop) - kwal, 0)
        + s.p(f"{HT}.percentage_boven_aftoppingsgrens") * np.maximum(rent - aftop, 0)
    )


def _huurtoeslag_afbouw(s: Simulation) -> tuple[np.ndarray, np.ndarray]:
    """The inkomensijkpunt and the yearly afbouw share, by household size (art. 17, 21.2)."""
    multi = s("household_size") > 1
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
    ijkpunt, afbouw = _huurtoeslag_afbouw(s)
    reduction = np.maximum(s("huurtoeslag_rekeninkomen") - ijkpunt, 0) * afbouw / 12
    month = round_half_up(np.maximum(s("huurtoeslag_basis") - reduction, 0))
    rent = s.pop.rent_cents
    grown_up = (
        s.count_per_household(s("age") >= s.p(f"{HT}.leeftijd_maximale_huur")) + s("minor_children") > 0
    )
    maximum = np.where(grown_up, s.p(f"{HT}.maximale_huur"), s.p(f"{HT}.maximale_huur_jongeren"))
    limit = s.p(f"{HT}.vermogensgrens_per_persoon") * (1 + s("has_partner"))
    eligible = (
        (s.pop.housing_kind == RENT)
        & (rent > 0)
        & (rent <= maximum)
        & (s("applicant_age") >= 18)
        & (s.pop.assets_cents <= limit)
    )
    return np.where(eligible, _awir_minimum(s, 12 * month) // 12, 0)


@variable(HOUSEHOLD, "Hoogste rekeninkomen met huurtoeslag", "EUR", since="2026-01-01")
def huurtoeslag_inkomensgrens(s: Simulation) -> np.ndarray:
    """The yearly income at which the income reduction uses up the whole subsidy for this rent."""
    ijkpunt, afbouw = _huurtoeslag_afbouw(s)
    return (ijkpunt + s("huurtoeslag_basis") * 12 / afbouw) // EURO * EURO


@variable(HOUSEHOLD, "Kinderbijslag per kwartaal", "EUR")
def kinderbijslag(s: Simulation) -> np.ndarray:
    """AKW art. 12: per child under 18 an amount per quarter by age (0-5, 6-11, 12-17)."""
    age = s("age")
    amount = np.where(
        age < 6, s.p(f"{KB}.tot_6"), np.where(age < 12, s.p(f"{KB}.tot_12"), s.p(f"{KB}.tot_18"))
    )
    return s.per_household(np.where((s.pop.role == CHILD) & (age < 18), amount, 0))


@variable(HOUSEHOLD, "Kinderbijslag omgerekend per maand", "EUR")
def kinderbijslag_maand(s: Simulation) -> np.ndarray:
    """A third of the quarterly kinderbijslag, to add it to monthly income."""
    return round_div(s("kinderbijslag"), 3)


@variable(HOUSEHOLD, "Kindgebonden budget per maand", "EUR")
def kindgebonden_budget(s: Simulation) -> np.ndarray:
    """Art. 2: per child a yearly amount, more for children of 12-15 and 16-17, plus the
    alleenstaande-ouderkop; minus 7,6 % of the income above the drempel (for partners the drempel
    plus a fixed amount); nil above the asset limit. Paid per month."""
    children = np.flatnonzero((s.pop.role == CHILD) & (s("age") < 18))
    age = s("age")[children]
    per_child = (
        s.p(f"{KGB}.per_kind")
        + np.where((age >= 12) & (age < 16), s.p(f"{KGB}.toeslag_12_tot_16"), 0)
        + np.where(age >= 16, s.p(f"{KGB}.toeslag_16_tot_18"), 0)
    )
    partner = s("has_partner")
    # summed per household over the children only (float sums of whole cents are exact here)
    full = np.bincount(s.pop.household[children], weights=per_child, minlength=s.pop.size).astype(np.int64)
    full = full + np.where(~partner & (full > 0), s.p(f"{KGB}.alleenstaande_ouderkop"), 0)
    drempel = s.p(f"{T}.drempelinkomen") + np.where(partner, s.p(f"{KGB}.extra_drempel_partners"), 0)
    reduction = s.p(f"{KGB}.afbouw") * np.maximum(s("toetsingsinkomen_household") - drempel, 0)
    year = round_half_up(np.maximum(full - reduction, 0))
    limit = np.where(
        partner, s.p(f"{KGB}.vermogensgrens_partners"), s.p(f"{KGB}.vermogensgrens_alleenstaande")
    )
    return np.where(s.pop.assets_cents <= limit, round_div(_awir_minimum(s, year), 12), 0)


@variable(HOUSEHOLD, "Besteedbaar inkomen per maand", "EUR")
def disposable_income(s: Simulation) -> np.ndarray:
    """Net income plus bijstand, zorgtoeslag, huurtoeslag, kinderbijslag (a third of the quarter),
    kindgebonden budget and the municipality's money regelingen per month: what the household has
    to live on, before fixed costs."""
    return (
        s("income_net_month")
        + s("bijstand")
        + s("zorgtoeslag")
        + s("huurtoeslag")
        + s("kinderbijslag_maand")
        + s("kindgebonden_budget")
        + s("lokale_regelingen_maand")
    )


@variable(HOUSEHOLD, "Besteedbaar inkomen na huur per maand", "EUR")
def disposable_income_after_rent(s: Simulation) -> np.ndarray:
    """Disposable income minus the rent, where a rent is given."""
    return s("disposable_income") - np.maximum(s.pop.rent_cents, 0)
