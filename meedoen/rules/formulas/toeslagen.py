"""The income-dependent allowances (toeslagen) and child benefits, per household.

Zorgtoeslag and kindgebonden budget (and the huurtoeslag, in ``huurtoeslag.py``) test the yearly
toetsingsinkomen of applicant and partner (toeslagpartner) and their assets; kinderbijslag depends
only on the children's ages.
"""

from __future__ import annotations

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, Simulation, variable
from meedoen.rules.formulas.income_tax import gross_from_net_benefit
from meedoen.rules.money import round_div, round_half_up
from meedoen.rules.population import CHILD

T = "nl.toeslagen"
ZT, KGB, KB = f"{T}.zorgtoeslag", f"{T}.kindgebonden_budget", f"{T}.kinderbijslag"
EURO = 100


@variable(HOUSEHOLD, "Toetsingsinkomen van aanvrager en toeslagpartner, inclusief bruto bijstand", "EUR")
def toetsingsinkomen_household(s: Simulation) -> np.ndarray:
    """The toetsingsinkomen of applicant and partner plus the gross of the yearly bijstand, each
    grossed up with their own tariff: partners each receive half of a couple's bijstand."""
    income = s("toetsingsinkomen_own").copy()
    year = 12 * s("bijstand")
    on_bijstand = np.flatnonzero(year > 0)  # grossed up for those households only
    couples = on_bijstand[s("has_partner")[on_bijstand]]
    half = np.zeros(s.pop.size, np.int64)
    half[couples] = year[couples] // 2
    applicant_part = year[on_bijstand] - half[on_bijstand]
    income[on_bijstand] += gross_from_net_benefit(s, applicant_part, s.pop.offsets[on_bijstand])
    income[couples] += gross_from_net_benefit(s, half[couples], s.pop.partner_index[couples])
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


@variable(HOUSEHOLD, "Kinderbijslag per kwartaal", "EUR")
def kinderbijslag(s: Simulation) -> np.ndarray:
    """AKW art. 12: per child under 18 an amount per quarter by age (0-5, 6-11, 12-17)."""
    children, age = _minor_children(s)
    amount = np.where(
        age < 6, s.p(f"{KB}.tot_6"), np.where(age < 12, s.p(f"{KB}.tot_12"), s.p(f"{KB}.tot_18"))
    )
    return _sum_over_children(s, children, amount)


def _minor_children(s: Simulation) -> tuple[np.ndarray, np.ndarray]:
    """The indices and ages of the children under 18: the child benefits look at them only."""
    children = np.flatnonzero((s.pop.role == CHILD) & (s("age") < 18))
    return children, s("age")[children]


def _sum_over_children(s: Simulation, children: np.ndarray, amounts: np.ndarray) -> np.ndarray:
    """Per household, the sum of an amount per child (float sums of whole cents are exact here)."""
    return np.bincount(s.pop.household[children], weights=amounts, minlength=s.pop.size).astype(np.int64)


@variable(HOUSEHOLD, "Kinderbijslag omgerekend per maand", "EUR")
def kinderbijslag_maand(s: Simulation) -> np.ndarray:
    """A third of the quarterly kinderbijslag, to add it to monthly income."""
    return round_div(s("kinderbijslag"), 3)


@variable(HOUSEHOLD, "Kindgebonden budget per maand", "EUR")
def kindgebonden_budget(s: Simulation) -> np.ndarray:
    """Art. 2: per child a yearly amount, more for children of 12-15 and 16-17, plus the
    alleenstaande-ouderkop; minus 7,6 % of the income above the drempel (for partners the drempel
    plus a fixed amount); nil above the asset limit. Paid per month."""
    children, age = _minor_children(s)
    per_child = (
        s.p(f"{KGB}.per_kind")
        + np.where((age >= 12) & (age < 16), s.p(f"{KGB}.toeslag_12_tot_16"), 0)
        + np.where(age >= 16, s.p(f"{KGB}.toeslag_16_tot_18"), 0)
    )
    full = _sum_over_children(s, children, per_child)
    out = np.zeros(s.pop.size, np.int64)
    parents = np.flatnonzero(full)  # the rest is computed for households with children only
    partner = s("has_partner")[parents]
    full = full[parents] + np.where(partner, 0, s.p(f"{KGB}.alleenstaande_ouderkop"))
    drempel = s.p(f"{T}.drempelinkomen") + np.where(partner, s.p(f"{KGB}.extra_drempel_partners"), 0)
    reduction = s.p(f"{KGB}.afbouw") * np.maximum(s("toetsingsinkomen_household")[parents] - drempel, 0)
    year = round_half_up(np.maximum(full - reduction, 0))
    limit = np.where(
        partner, s.p(f"{KGB}.vermogensgrens_partners"), s.p(f"{KGB}.vermogensgrens_alleenstaande")
    )
    out[parents] = np.where(s.pop.assets_cents[parents] <= limit, round_div(_awir_minimum(s, year), 12), 0)
    return out


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
