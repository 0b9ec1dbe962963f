"""Earnings disregards (vrijlatingen) in the algemene bijstand: part of the earnings from work that
does not count as income, so that someone who starts working keeps more than the norm.

Until 2026-12-31 art. 31 lid 2 onderdeel n (a share of the earnings, capped, for a first period;
without a time limit at AOW age) and onderdeel r (a single parent with a young child: a smaller
share, capped, for a period after that), not below the age of art. 31 lid 5. From 2027-01-01
art. 34a (Participatiewet in balans): a share for a period below AOW age, a capped share at AOW age.
The shares, caps, periods and ages are the dated parameters of ``nl.participatiewet.vrijlating``.

The time-limited disregards need the contract's ``earnings_since``: without it nothing is assumed
and no time-limited disregard applies. The discretionary parts (the college judges that it helps
towards work; extensions of art. 34a lid 2 and 3; medisch urenbeperkt, loonkostensubsidie) are
outside the contract: the first is taken as met, the others are not applied.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, PERSON, Simulation, variable
from meedoen.rules.money import round_div
from meedoen.rules.periods import add_months
from meedoen.rules.population import CHILD, NOT_GIVEN

P = "nl.participatiewet.vrijlating"
# Which rule gave a person's disregard (the value of ``vrijlating_grond``).
GEEN, N_WERK, N_AOW, R_ALLEENSTAANDE_OUDER, A34_WERK, A34_AOW = range(6)
GRONDEN = ("geen", "31.2n", "31.2n_aow", "31.2r", "34a.1a", "34a.1c")


def _bp(fraction: float) -> int:
    return round(fraction * 10000)


@variable(PERSON, "Inkomsten uit arbeid per maand (netto)", "EUR", reference="Participatiewet art. 31 lid 2")
def inkomsten_uit_arbeid(s: Simulation) -> np.ndarray:
    """The net monthly earnings from work of applicant and partner: the net of a given gross wage,
    or the net income of someone whose earnings from work started on a given date
    (``earnings_since``); nil for everyone else (a benefit is not earnings)."""
    pop = s.pop
    work = (pop.wage_gross_cents != NOT_GIVEN) | (pop.earnings_since > 0)
    work &= s("is_applicant_or_partner")
    out = np.zeros(len(pop.role), np.int64)
    idx = np.flatnonzero(work)
    if len(idx):
        out[idx] = np.maximum(s("net_income_person_month")[idx], 0)
    return out


def _youngest_child_age(s: Simulation) -> np.ndarray:
    """Per household, the age of the youngest child of the unit (999 without one)."""
    ages = np.where((s.pop.role == CHILD) & s("in_benefit_unit"), s("age"), 999)
    return np.minimum.reduceat(ages, s.pop.offsets)


def _may_have_a_ground(s: Simulation) -> np.ndarray:
    """The persons who earn at AOW age or since a known date: only they can have a ground (few)."""
    earns = s("inkomsten_uit_arbeid") > 0
    return np.flatnonzero(earns & (s("has_aow_age") | (s.pop.earnings_since > 0)))


def _grounds(s: Simulation, decide: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]) -> np.ndarray:
    """Each person's ground (a code of GRONDEN): ``decide(persons, at_aow_age, since)`` for the
    persons who may have one (few, see ``_may_have_a_ground``), none for everyone else."""
    out = np.zeros(len(s.pop.role), np.int8)
    idx = _may_have_a_ground(s)
    if len(idx):
        out[idx] = decide(idx, s("has_aow_age")[idx], s.pop.earnings_since[idx])
    return out


@variable(
    PERSON,
    "Grond van de vrijlating van inkomsten uit arbeid",
    "text",
    reference="Participatiewet art. 31 lid 2 onderdelen n en r, lid 5",
)
def vrijlating_grond(s: Simulation) -> np.ndarray:
    """Art. 31 lid 2: onderdeel n at AOW age (no time limit); onderdeel n in its first months after
    the start of the earnings (``earnings_since``); onderdeel r for a single parent with a young
    child in the months after those; nobody below the age of lid 5. The periods and ages are
    parameters. Codes: see GRONDEN."""

    def decide(idx: np.ndarray, aow: np.ndarray, since: np.ndarray) -> np.ndarray:
        old_enough = s("age")[idx] >= s.p(f"{P}.minimumleeftijd")
        started = (since > 0) & (since <= s.d)
        end_n = add_months(since, s.p(f"{P}.n_maanden"))
        in_n = started & (s.d < end_n)
        young_child = _youngest_child_age(s) < s.p(f"{P}.r_kind_leeftijd")
        single_parent = s.per_person(~s("has_partner") & young_child)[idx]
        in_r = started & (s.d >= end_n) & (s.d < add_months(end_n, s.p(f"{P}.r_maanden"))) & single_parent
        return np.where(
            ~old_enough,
            GEEN,
            np.where(aow, N_AOW, np.where(in_n, N_WERK, np.where(in_r, R_ALLEENSTAANDE_OUDER, GEEN))),
        )

    return _grounds(s, decide)


@variable(
    PERSON,
    "Grond van de vrijlating van inkomsten uit arbeid",
    "text",
    name="vrijlating_grond",
    since="2027-01-01",
    reference="Participatiewet art. 34a lid 1",
)
def vrijlating_grond_2027(s: Simulation) -> np.ndarray:
    """Art. 34a lid 1 (Participatiewet in balans): at AOW age onderdeel c (no time limit); below it
    onderdeel a in its months after the start of the earnings (``earnings_since``). The age limit of
    art. 31 lid 5 does not name art. 34a. Codes: see GRONDEN."""

    def decide(idx: np.ndarray, aow: np.ndarray, since: np.ndarray) -> np.ndarray:
        in_a = (since > 0) & (since <= s.d) & (s.d < add_months(since, s.p(f"{P}.art34a.maanden")))
        return np.where(aow, A34_AOW, np.where(in_a, A34_WERK, GEEN))

    return _grounds(s, decide)


def _capped(earnings: np.ndarray, fraction: float, cap: int | None) -> np.ndarray:
    part = round_div(earnings * _bp(fraction), 10000)
    return part if cap is None else np.minimum(part, cap)


def _disregards(s: Simulation, amounts: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> np.ndarray:
    """Each person's disregard: ``amounts(earnings, grounds)`` for the persons with a ground, nil
    for everyone else (most: computed for those few only)."""
    grond = s("vrijlating_grond")
    out = np.zeros(len(grond), np.int64)
    idx = np.flatnonzero(grond)
    if len(idx):
        out[idx] = amounts(s("inkomsten_uit_arbeid")[idx], grond[idx])
    return out


@variable(
    PERSON,
    "Vrijlating van inkomsten uit arbeid per maand",
    "EUR",
    reference="Participatiewet art. 31 lid 2 onderdelen n en r",
)
def vrijlating_arbeid(s: Simulation) -> np.ndarray:
    """Onderdeel n: its share of the net earnings, at most its monthly maximum; onderdeel r: its
    own share and maximum (art. 31 lid 2); rounded half up to the cent."""

    def amounts(earnings: np.ndarray, g: np.ndarray) -> np.ndarray:
        n = _capped(earnings, s.p(f"{P}.n_percentage"), s.p(f"{P}.n_maximum"))
        if (g == R_ALLEENSTAANDE_OUDER).any():
            r = _capped(earnings, s.p(f"{P}.r_percentage"), s.p(f"{P}.r_maximum"))
            n = np.where(g == R_ALLEENSTAANDE_OUDER, r, n)
        return n

    return _disregards(s, amounts)


@variable(
    PERSON,
    "Vrijlating van inkomsten uit arbeid per maand",
    "EUR",
    name="vrijlating_arbeid",
    since="2027-01-01",
    reference="Participatiewet art. 34a lid 1",
)
def vrijlating_arbeid_2027(s: Simulation) -> np.ndarray:
    """Art. 34a lid 1: onderdeel a a share of the net earnings (no maximum); onderdeel c a share at
    most the monthly maximum; rounded half up to the cent."""

    def amounts(earnings: np.ndarray, g: np.ndarray) -> np.ndarray:
        a = _capped(earnings, s.p(f"{P}.art34a.percentage"), None)
        if (g == A34_AOW).any():
            c = _capped(earnings, s.p(f"{P}.art34a.aow_percentage"), s.p(f"{P}.art34a.aow_maximum"))
            a = np.where(g == A34_AOW, c, a)
        return a

    return _disregards(s, amounts)


@variable(HOUSEHOLD, "Vrijgelaten inkomsten uit arbeid van de bijstandseenheid per maand", "EUR", helper=True)
def vrijlating_inkomsten(s: Simulation) -> np.ndarray:
    """The disregards of applicant and partner together."""
    v = s("vrijlating_arbeid")
    if not v.any():  # nobody has a disregard (the common case): no need to gather
        return np.zeros(s.pop.size, np.int64)
    return s.of_applicant(v) + s.of_partner(v, 0)
