"""Zorgtoeslag (Wet op de zorgtoeslag): the yearly toetsingsinkomen and assets of applicant and
toeslagpartner against the standaardpremie and the drempelinkomen."""

from __future__ import annotations

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, Simulation, all_conditions, variable
from meedoen.rules.formulas.nl.toeslagen.awir import AGES, EURO, T, _awir_minimum, _whole_euros
from meedoen.rules.periods import age_before_month

ZT = f"{T}.zorgtoeslag"

ZORGTOESLAG_CONDITIONS = ("zorgtoeslag_verzekerde", "zorgtoeslag_vermogen", "zorgtoeslag_inkomen")


@variable(
    HOUSEHOLD,
    "Aanvrager is verzekerde voor de zorgtoeslag (vanaf de maand na de verjaardag)",
    "bool",
    reference="nl.toeslagen.leeftijden.zorgtoeslag.verzekerde",
)
def zorgtoeslag_verzekerde(s: Simulation) -> np.ndarray:
    """Wet op de zorgtoeslag art. 1 lid 1 onder c: one is a verzekerde from the first day of the
    month after the month in which one reaches the age (a birthday on the 1st counts from the next
    month)."""
    return age_before_month(s.d, s.of_applicant(s.pop.birth)) >= s.p(f"{AGES}.zorgtoeslag.verzekerde")


@variable(HOUSEHOLD, "Vermogensgrens zorgtoeslag", "EUR", reference="Wet op de zorgtoeslag art. 3 lid 1")
def zorgtoeslag_vermogensgrens(s: Simulation) -> np.ndarray:
    """Art. 3 lid 1 (art. 2a until 6 November 2024): the limit without or with a toeslagpartner."""
    return np.where(
        s("has_partner"), s.p(f"{ZT}.vermogensgrens_partners"), s.p(f"{ZT}.vermogensgrens_alleenstaande")
    )


@variable(
    HOUSEHOLD,
    "Vermogen niet boven de grens van de zorgtoeslag",
    "bool",
    reference="Wet op de zorgtoeslag art. 3 lid 1",
)
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


@variable(
    HOUSEHOLD, "Zorgtoeslag per jaar volgens het inkomen", "EUR", reference="Wet op de zorgtoeslag art. 2"
)
def zorgtoeslag_jaar(s: Simulation) -> np.ndarray:
    """Art. 2: standaardpremie (twice with a partner) minus the normpremie, a share of the
    drempelinkomen plus a percentage of the income above it; rounded to whole euros and nil under
    the Awir minimum (Awir art. 14 lid 4 and 5)."""
    above = np.maximum(s("toetsingsinkomen_household") - s.p(f"{T}.drempelinkomen"), 0)
    year = np.maximum(_zorgtoeslag_room(s) - s.p(f"{ZT}.afbouw") * above, 0)
    return _awir_minimum(s, _whole_euros(year))


@variable(
    HOUSEHOLD,
    "Inkomen laag genoeg voor zorgtoeslag",
    "bool",
    reference="nl.toeslagen.awir.minimum_jaarbedrag",
)
def zorgtoeslag_inkomen(s: Simulation) -> np.ndarray:
    """The income leaves a zorgtoeslag of at least the Awir minimum per year."""
    return s("zorgtoeslag_jaar") > 0


@variable(
    HOUSEHOLD,
    "Voldoet aan alle voorwaarden voor zorgtoeslag",
    "bool",
    reference="Wet op de zorgtoeslag art. 2",
)
def zorgtoeslag_recht(s: Simulation) -> np.ndarray:
    """All conditions of the zorgtoeslag hold."""
    return all_conditions(s, ZORGTOESLAG_CONDITIONS)


@variable(
    HOUSEHOLD,
    "Zorgtoeslag per maand",
    "EUR",
    defined_for="zorgtoeslag_recht",
    reference="Wet op de zorgtoeslag art. 2",
)
def zorgtoeslag(s: Simulation) -> np.ndarray:
    """The yearly zorgtoeslag paid per month in whole euros (rounded down, the Dienst Toeslagen's
    practice)."""
    return s("zorgtoeslag_jaar")[s.rows] // 12 // EURO * EURO


@variable(
    HOUSEHOLD,
    "Hoogste toetsingsinkomen met zorgtoeslag",
    "EUR",
    reference="Wet op de zorgtoeslag art. 2 lid 3",
)
def zorgtoeslag_inkomensgrens(s: Simulation) -> np.ndarray:
    """The toetsingsinkomen at which the zorgtoeslag, rounded to whole euros, falls below the
    Awir minimum: what a resident may earn and still receive it."""
    room = _zorgtoeslag_room(s) - (s.p(f"{T}.awir.minimum_jaarbedrag") - EURO // 2)
    grens = s.p(f"{T}.drempelinkomen") + np.maximum(room, 0) / s.p(f"{ZT}.afbouw")
    return grens // EURO * EURO
