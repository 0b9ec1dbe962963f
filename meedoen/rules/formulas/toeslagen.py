"""The income-dependent allowances (toeslagen) and child benefits, per household.

Zorgtoeslag and kindgebonden budget (and the huurtoeslag, in ``huurtoeslag.py``) test the yearly
toetsingsinkomen of applicant and partner (toeslagpartner) and their assets; kinderbijslag depends
only on the children's ages.
"""

from __future__ import annotations

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, Simulation, all_conditions, variable
from meedoen.rules.formulas.income_tax import gross_from_net_benefit
from meedoen.rules.money import round_div, round_half_up
from meedoen.rules.periods import age_before_month, age_on, quarter_start
from meedoen.rules.population import CHILD

T = "nl.toeslagen"
ZT, KGB, KB = f"{T}.zorgtoeslag", f"{T}.kindgebonden_budget", f"{T}.kinderbijslag"
AGES = f"{T}.leeftijden"
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
    """Awir art. 14 lid 5: no toeslag of less than the minimum per year."""
    return np.where(year_cents < s.p(f"{T}.awir.minimum_jaarbedrag"), 0, year_cents)


def _whole_euros(year_cents: np.ndarray) -> np.ndarray:
    """Awir art. 14 lid 4: the yearly tegemoetkoming is rounded to whole euros (half up)."""
    return round_div(round_half_up(year_cents), EURO) * EURO


# --- Zorgtoeslag ---------------------------------------------------------------------------------

ZORGTOESLAG_CONDITIONS = ("zorgtoeslag_verzekerde", "zorgtoeslag_vermogen", "zorgtoeslag_inkomen")


@variable(HOUSEHOLD, "Aanvrager is verzekerde voor de zorgtoeslag (vanaf de maand na de verjaardag)", "bool")
def zorgtoeslag_verzekerde(s: Simulation) -> np.ndarray:
    """Wet op de zorgtoeslag art. 1 lid 1 onder c: one is a verzekerde from the first day of the
    month after the month in which one reaches the age (a birthday on the 1st counts from the next
    month)."""
    return age_before_month(s.d, s.of_applicant(s.pop.birth)) >= s.p(f"{AGES}.zorgtoeslag.verzekerde")


@variable(HOUSEHOLD, "Vermogensgrens zorgtoeslag", "EUR")
def zorgtoeslag_vermogensgrens(s: Simulation) -> np.ndarray:
    """Art. 3 lid 1 (art. 2a until 6 November 2024): the limit without or with a toeslagpartner."""
    return np.where(
        s("has_partner"), s.p(f"{ZT}.vermogensgrens_partners"), s.p(f"{ZT}.vermogensgrens_alleenstaande")
    )


@variable(HOUSEHOLD, "Vermogen niet boven de grens van de zorgtoeslag", "bool")
def zorgtoeslag_vermogen(s: Simulation) -> np.ndarray:
    """Art. 3 lid 1: no zorgtoeslag when the assets exceed the limit."""
    return s.pop.assets_cents <= s("zorgtoeslag_vermogensgrens")


def _zorgtoeslag_room(s: Simulation) -> np.ndarray:
    """Standaardpremie (twice with a partner) minus the normpremie at the drempelinkomen: the
    toeslag of a household with an income at or below the drempel."""
    premie, drempel = s.p(f"{ZT}.standaardpremie"), s.p(f"{T}.drempelinkomen")
    # two numbers, then chosen per household
    single = premie - s.p(f"{ZT}.normpremie_alleenstaande") * drempel
    couple = premie * 2 - s.p(f"{ZT}.normpremie_partners") * drempel
    return np.where(s("has_partner"), couple, single)


@variable(HOUSEHOLD, "Zorgtoeslag per jaar volgens het inkomen", "EUR")
def zorgtoeslag_jaar(s: Simulation) -> np.ndarray:
    """Art. 2: standaardpremie (twice with a partner) minus the normpremie, a share of the
    drempelinkomen plus a percentage of the income above it; rounded to whole euros and nil under
    the Awir minimum (Awir art. 14 lid 4 and 5)."""
    above = np.maximum(s("toetsingsinkomen_household") - s.p(f"{T}.drempelinkomen"), 0)
    year = np.maximum(_zorgtoeslag_room(s) - s.p(f"{ZT}.afbouw") * above, 0)
    return _awir_minimum(s, _whole_euros(year))


@variable(HOUSEHOLD, "Inkomen laag genoeg voor zorgtoeslag", "bool")
def zorgtoeslag_inkomen(s: Simulation) -> np.ndarray:
    """The income leaves a zorgtoeslag of at least the Awir minimum per year."""
    return s("zorgtoeslag_jaar") > 0


@variable(HOUSEHOLD, "Voldoet aan alle voorwaarden voor zorgtoeslag", "bool")
def zorgtoeslag_recht(s: Simulation) -> np.ndarray:
    """All conditions of the zorgtoeslag hold."""
    return all_conditions(s, ZORGTOESLAG_CONDITIONS)


@variable(HOUSEHOLD, "Zorgtoeslag per maand", "EUR")
def zorgtoeslag(s: Simulation) -> np.ndarray:
    """The yearly zorgtoeslag paid per month in whole euros (rounded down, the Dienst Toeslagen's
    practice), where every condition holds."""
    return np.where(s("zorgtoeslag_recht"), s("zorgtoeslag_jaar") // 12 // EURO * EURO, 0)


@variable(HOUSEHOLD, "Hoogste toetsingsinkomen met zorgtoeslag", "EUR")
def zorgtoeslag_inkomensgrens(s: Simulation) -> np.ndarray:
    """The toetsingsinkomen at which the zorgtoeslag, rounded to whole euros, falls below the
    Awir minimum: what a resident may earn and still receive it."""
    room = _zorgtoeslag_room(s) - (s.p(f"{T}.awir.minimum_jaarbedrag") - EURO // 2)
    grens = s.p(f"{T}.drempelinkomen") + np.maximum(room, 0) / s.p(f"{ZT}.afbouw")
    return grens // EURO * EURO


# --- Kinderbijslag -------------------------------------------------------------------------------

KINDERBIJSLAG_CONDITIONS = ("kinderbijslag_kinderen",)


def _kinderbijslag_children(s: Simulation) -> tuple[np.ndarray, np.ndarray]:
    """AKW art. 7 lid 1, 11 lid 2 and 12 lid 3: the children who, on the first day of the quarter,
    are born and under the age limit, with their age on that day (looked at over the children only)."""
    children = np.flatnonzero(s.pop.role == CHILD)
    age = age_on(quarter_start(s.d), s.pop.birth[children])
    keep = (age >= 0) & (age < s.p(f"{AGES}.kinderbijslag.kind_tot"))
    return children[keep], age[keep]


@variable(HOUSEHOLD, "Aantal kinderen met kinderbijslag dit kwartaal", "count")
def kinderbijslag_kinderen_aantal(s: Simulation) -> np.ndarray:
    """Children under the age limit on the first day of the quarter (born on or before that day)."""
    children, _ = _kinderbijslag_children(s)
    return np.bincount(s.pop.household[children], minlength=s.pop.size)


@variable(HOUSEHOLD, "Heeft een kind voor de kinderbijslag op de eerste dag van het kwartaal", "bool")
def kinderbijslag_kinderen(s: Simulation) -> np.ndarray:
    """AKW art. 11 lid 2: the right over a quarter exists for a child that meets the conditions on
    the quarter's first day."""
    return s("kinderbijslag_kinderen_aantal") > 0


@variable(HOUSEHOLD, "Voldoet aan alle voorwaarden voor kinderbijslag", "bool")
def kinderbijslag_recht(s: Simulation) -> np.ndarray:
    """All conditions of the kinderbijslag hold."""
    return all_conditions(s, KINDERBIJSLAG_CONDITIONS)


@variable(HOUSEHOLD, "Kinderbijslag per kwartaal", "EUR")
def kinderbijslag(s: Simulation) -> np.ndarray:
    """AKW art. 12 lid 3: per child an amount per quarter by the age on the first day of the
    quarter (three age bands, their limits dated parameters)."""
    children, age = _kinderbijslag_children(s)
    second, third = (
        s.p(f"{AGES}.kinderbijslag.tweede_bedrag_vanaf"),
        s.p(f"{AGES}.kinderbijslag.derde_bedrag_vanaf"),
    )
    amount = np.where(
        age < second, s.p(f"{KB}.tot_6"), np.where(age < third, s.p(f"{KB}.tot_12"), s.p(f"{KB}.tot_18"))
    )
    return np.where(s("kinderbijslag_recht"), _sum_over_children(s, children, amount), 0)


def _sum_over_children(s: Simulation, children: np.ndarray, amounts: np.ndarray) -> np.ndarray:
    """Per household, the sum of an amount per child (float sums of whole cents are exact here)."""
    return np.bincount(s.pop.household[children], weights=amounts, minlength=s.pop.size).astype(np.int64)


@variable(HOUSEHOLD, "Kinderbijslag omgerekend per maand", "EUR")
def kinderbijslag_maand(s: Simulation) -> np.ndarray:
    """A third of the quarterly kinderbijslag, to add it to monthly income."""
    return round_div(s("kinderbijslag"), 3)


# --- Kindgebonden budget -------------------------------------------------------------------------

KGB_CONDITIONS = ("kgb_kinderen", "kgb_vermogen", "kgb_inkomen")


def _kgb_children(s: Simulation) -> tuple[np.ndarray, np.ndarray]:
    """Art. 2 lid 1: the right for a child runs from the month after its birth through the month
    of the birthday that reaches the age limit; the children with their age at the end of the
    previous month (lid 3-5: the supplements too start the month after the birthday)."""
    children = np.flatnonzero(s.pop.role == CHILD)
    age = age_before_month(s.d, s.pop.birth[children])
    keep = (age >= 0) & (age < s.p(f"{AGES}.kindgebonden_budget.kind_tot"))
    return children[keep], age[keep]


@variable(HOUSEHOLD, "Aantal kinderen met kindgebonden budget deze maand", "count")
def kgb_kinderen_aantal(s: Simulation) -> np.ndarray:
    """Children born before this month who did not reach the age limit in an earlier month."""
    children, _ = _kgb_children(s)
    return np.bincount(s.pop.household[children], minlength=s.pop.size)


@variable(HOUSEHOLD, "Heeft een kind voor het kindgebonden budget", "bool")
def kgb_kinderen(s: Simulation) -> np.ndarray:
    """Art. 2 lid 1: at least one child for whom the right runs this month."""
    return s("kgb_kinderen_aantal") > 0


@variable(HOUSEHOLD, "Vermogensgrens kindgebonden budget", "EUR")
def kgb_vermogensgrens(s: Simulation) -> np.ndarray:
    """Art. 1 lid 4: the limit without or with a partner."""
    return np.where(
        s("has_partner"), s.p(f"{KGB}.vermogensgrens_partners"), s.p(f"{KGB}.vermogensgrens_alleenstaande")
    )


@variable(HOUSEHOLD, "Vermogen niet boven de grens van het kindgebonden budget", "bool")
def kgb_vermogen(s: Simulation) -> np.ndarray:
    """Art. 1 lid 4: no kindgebonden budget when the assets exceed the limit."""
    return s.pop.assets_cents <= s("kgb_vermogensgrens")


@variable(HOUSEHOLD, "Kindgebonden budget per jaar volgens het inkomen", "EUR")
def kgb_jaar(s: Simulation) -> np.ndarray:
    """Art. 2: per child a yearly amount, more from the month after each of the two supplement
    birthdays (lid 3-5), plus the alleenstaande-ouderkop; minus a percentage of the income above the drempel
    (for partners the drempel plus a fixed amount). Rounded to whole euros, nil under the Awir
    minimum (Awir art. 14 lid 4 and 5). Computed over households with children only."""
    children, age = _kgb_children(s)
    first = s.p(f"{AGES}.kindgebonden_budget.verhoging_vanaf")
    second = s.p(f"{AGES}.kindgebonden_budget.tweede_verhoging_vanaf")
    per_child = (
        s.p(f"{KGB}.per_kind")
        + np.where((age >= first) & (age < second), s.p(f"{KGB}.toeslag_12_tot_16"), 0)
        + np.where(age >= second, s.p(f"{KGB}.toeslag_16_tot_18"), 0)
    )
    full = _sum_over_children(s, children, per_child)
    out = np.zeros(s.pop.size, np.int64)
    parents = np.flatnonzero(full)
    partner = s("has_partner")[parents]
    full = full[parents] + np.where(partner, 0, s.p(f"{KGB}.alleenstaande_ouderkop"))
    drempel = s.p(f"{T}.drempelinkomen") + np.where(partner, s.p(f"{KGB}.extra_drempel_partners"), 0)
    reduction = s.p(f"{KGB}.afbouw") * np.maximum(s("toetsingsinkomen_household")[parents] - drempel, 0)
    out[parents] = _awir_minimum(s, _whole_euros(np.maximum(full - reduction, 0)))
    return out


@variable(HOUSEHOLD, "Inkomen laag genoeg voor kindgebonden budget", "bool")
def kgb_inkomen(s: Simulation) -> np.ndarray:
    """The income leaves a kindgebonden budget of at least the Awir minimum per year."""
    return s("kgb_jaar") > 0


@variable(HOUSEHOLD, "Voldoet aan alle voorwaarden voor kindgebonden budget", "bool")
def kgb_recht(s: Simulation) -> np.ndarray:
    """All conditions of the kindgebonden budget hold."""
    return all_conditions(s, KGB_CONDITIONS)


@variable(HOUSEHOLD, "Kindgebonden budget per maand", "EUR")
def kindgebonden_budget(s: Simulation) -> np.ndarray:
    """The yearly kindgebonden budget paid per month (a twelfth, in cents), where every condition
    holds (computed for those households only)."""
    out = np.zeros(s.pop.size, np.int64)
    paid = np.flatnonzero(s("kgb_recht"))
    out[paid] = round_div(s("kgb_jaar")[paid], 12)
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
