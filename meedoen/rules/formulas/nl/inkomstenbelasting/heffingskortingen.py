"""The tax credits (heffingskortingen, Wet IB 2001 hoofdstuk 8): the general credit, the labour
credit, the IACK and, from the AOW age, the ouderenkorting and alleenstaande ouderenkorting; at AOW
age each is scaled to the tariff without the AOW premium."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from meedoen.rules.engine import PERSON, Simulation, variable
from meedoen.rules.formulas.nl.inkomstenbelasting.box1 import HK, _aow_factor, _earners, _tariff
from meedoen.rules.money import round_half_up
from meedoen.rules.parameters import Scale
from meedoen.rules.population import APPLICANT, CHILD, PARTNER


@variable(
    PERSON,
    "Factor voor heffingskortingen (1, of lager vanaf de AOW-leeftijd)",
    "/1",
    reference="nl.inkomstenbelasting.box1.aow_leeftijd",
)
def tax_credit_factor(s: Simulation) -> np.ndarray:
    """1 below AOW age; at AOW age the share of the first bracket without the AOW premium."""
    under, aow, _ = _tariff(s)
    return np.where(s("has_aow_age"), _aow_factor(under, aow), 1.0)


def _credit(
    s: Simulation, scale: Scale, schedule: Callable[[Scale, np.ndarray], np.ndarray] = Scale.apply
) -> np.ndarray:
    """A tax credit on the yearly wage, never below nil, times the AOW-age factor. The schedule is
    applied to the earners only: everyone else has the credit at a wage of nil."""
    at_nil = max(float(schedule(scale, np.zeros(1))[0]), 0.0)
    under, aow = round_half_up(np.array([at_nil, at_nil * _aow_factor(*_tariff(s)[:2])]))
    credit = np.where(s("has_aow_age"), aow, under)
    earns = _earners(s)
    wage = s("wage_year")[earns]
    credit[earns] = round_half_up(np.maximum(schedule(scale, wage), 0) * s("tax_credit_factor")[earns])
    return credit


def capped_build_up(scale: Scale, income: np.ndarray) -> np.ndarray:
    """Art. 8.11 lid 2 as the law writes it, from the schedule's rows [threshold, base, rate]: each
    row but the last adds its rate on the income above its threshold, the sum so far capped at the
    next row's base ("met een maximum van", "waarbij de som ... niet meer bedraagt dan"); the last
    row's (negative) rate then reduces it, never below nil. Reading the rows as a plain schedule
    would start each row at its base even where the part below had not yet reached it (or had passed
    it), a few cents off in bands of under two euro."""
    t, b, r = scale.thresholds, scale.bases, scale.rates
    total = np.zeros(np.shape(income))
    for i in range(len(t) - 1):
        total = np.minimum(total + r[i] * np.maximum(income - t[i], 0), b[i + 1])
    return np.maximum(total + r[-1] * np.maximum(income - t[-1], 0), 0)


@variable(PERSON, "Algemene heffingskorting per jaar", "EUR", reference="Wet IB 2001 art. 8.10")
def algemene_heffingskorting(s: Simulation) -> np.ndarray:
    """Art. 8.10: a fixed credit that phases out above the drempel; never below nil."""
    return _credit(s, s.p(f"{HK}.algemene_heffingskorting"))


@variable(PERSON, "Arbeidskorting per jaar", "EUR", reference="Wet IB 2001 art. 8.11")
def arbeidskorting(s: Simulation) -> np.ndarray:
    """Art. 8.11: builds up with the income from work, then phases out; never below nil."""
    return _credit(s, s.p(f"{HK}.arbeidskorting"), capped_build_up)


@variable(
    PERSON, "Inkomensafhankelijke combinatiekorting per jaar", "EUR", reference="Wet IB 2001 art. 8.14a"
)
def iack(s: Simulation) -> np.ndarray:
    """Art. 8.14a: for a working parent of a child under the set age who is single or earns least of
    the two partners (on a tie only the older, lid 3): a percentage of the work income above the
    threshold, up to the maximum (each a dated parameter)."""
    pop = s.pop
    role, wage = pop.role, s("wage_year")
    out = np.zeros(len(role), np.int64)
    young_child = s.count_per_household((role == CHILD) & (s("age") < s.p(f"{HK}.iack_kind_jonger_dan"))) > 0
    # Only an applicant or partner with a young child, earning above the threshold, can get more
    # than nil: the rest is computed for them only.
    who = np.flatnonzero((role <= PARTNER) & (wage > s.p(f"{HK}.iack_drempel")))
    who = who[young_child[pop.household[who]]]
    if not len(who):
        return out
    household, is_applicant, own_wage, birth = (
        pop.household[who],
        role[who] == APPLICANT,
        wage[who],
        pop.birth[who],
    )
    # the other adult of the unit: the applicant's partner (if any), or the partner's applicant
    other = np.where(is_applicant, pop.partner_index[household], pop.offsets[household])
    has_other = ~is_applicant | pop.has_partner[household]
    other_wage, other_birth = np.where(has_other, wage[other], -1), pop.birth[other]
    least = ~has_other | (own_wage < other_wage) | ((own_wage == other_wage) & (birth < other_birth))
    built = s.p(f"{HK}.iack_opbouw") * np.maximum(own_wage - s.p(f"{HK}.iack_drempel"), 0)
    credit = np.minimum(built, s.p(f"{HK}.iack_maximum")) * s("tax_credit_factor")[who]
    out[who] = np.where(least, round_half_up(credit), 0)
    return out


@variable(
    PERSON,
    "Geen partner in het huishouden (alleenstaand voor de AOW)",
    "bool",
    reference="Wet IB 2001 art. 8.18",
)
def without_partner(s: Simulation) -> np.ndarray:
    """The applicant without a partner, and anyone else in the household but the couple: the AOW
    pays them as ongehuwde (art. 9 lid 1 onder a AOW), which gives the alleenstaande ouderenkorting."""
    role = s.pop.role
    return ~((role == PARTNER) | ((role == APPLICANT) & s.per_person(s.pop.has_partner)))


@variable(
    PERSON, "Ouderenkorting per jaar", "EUR", defined_for="has_aow_age", reference="Wet IB 2001 art. 8.17"
)
def ouderenkorting(s: Simulation) -> np.ndarray:
    """Art. 8.17: from the AOW age, an amount reduced by a percentage of the verzamelinkomen (here the
    yearly wage) above the threshold (the schedule's rows), never below nil. Counted whole: art. 8.7
    sets its AOW part to nil and divides the rest over tax, Anw and Wlz, all of which someone at AOW
    age still owes."""
    scale = s.p(f"{HK}.ouderenkorting")
    return round_half_up(np.maximum(scale.apply(s("wage_year")[s.rows]), 0))


@variable(
    PERSON,
    "Alleenstaande ouderenkorting per jaar",
    "EUR",
    defined_for="has_aow_age",
    reference="Wet IB 2001 art. 8.18",
)
def alleenstaande_ouderenkorting(s: Simulation) -> np.ndarray:
    """Art. 8.18: a fixed amount from the AOW age for whoever has no partner in the household;
    counted whole (art. 8.7)."""
    return np.where(s("without_partner")[s.rows], s.p(f"{HK}.alleenstaande_ouderenkorting"), 0)
