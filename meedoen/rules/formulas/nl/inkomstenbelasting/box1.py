"""Income tax box 1 and the tax credits: net income from gross wage, and gross from net benefit.

Yearly amounts, in cents. The toeslagen test the gross yearly income (toetsingsinkomen); a
resident often knows only a net amount (a benefit), so the engine also inverts the tax: the net
result is piecewise linear and increasing in the gross amount, so interpolating between its
breakpoints gives the exact gross. From the AOW age the ouderenkorting (art. 8.17) and, for
someone without a partner, the alleenstaande ouderenkorting (art. 8.18) are part of both.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from meedoen.rules.engine import HOUSEHOLD, PERSON, Simulation, variable
from meedoen.rules.money import round_div, round_half_up
from meedoen.rules.parameters import Scale

IB = "nl.inkomstenbelasting"
HK = f"{IB}.heffingskortingen"


@variable(
    PERSON,
    "Brutoloon per jaar inclusief vakantiegeld",
    "EUR",
    reference="nl.inkomstenbelasting.vakantiebijslag",
)
def wage_year(s: Simulation) -> np.ndarray:
    """Twelve times the gross monthly wage plus the holiday allowance (WML art. 15, a parameter)."""
    basis_points = round(s.p(f"{IB}.vakantiebijslag") * 10000)
    gross = np.maximum(s.pop.wage_gross_cents, 0)
    return round_div(12 * gross * (10000 + basis_points), 10000)


def _tariff(s: Simulation) -> tuple[Scale, Scale, Scale]:
    return (
        s.p(f"{IB}.box1.onder_aow_leeftijd"),
        s.p(f"{IB}.box1.aow_leeftijd"),
        s.p(f"{IB}.box1.geboren_voor_1946"),
    )


def _aow_factor(under: Scale, aow: Scale) -> float:
    """Tax credits at AOW age are the credits times the share of the first-bracket rate that is
    left without the AOW premium (Wet IB art. 8.3-8.7): the credit times the first-bracket rate at
    AOW age over the first-bracket rate below it."""
    return aow.rates[0] / under.rates[0]


def _tariff_of(s: Simulation, persons: np.ndarray) -> np.ndarray:
    """Which of the three tariffs of ``_tariff`` applies to each of ``persons`` (indices): 0 below
    AOW age, 1 at AOW age, 2 at AOW age and born before the date of art. 2.10a (its own table)."""
    aow_age = s("has_aow_age")[persons]
    return aow_age.astype(np.int8) + (aow_age & (s.pop.birth[persons] < s.p(f"{IB}.box1.geboren_voor")))


def _box1(s: Simulation, taxable: np.ndarray, who: np.ndarray) -> np.ndarray:
    """The tax on ``taxable[who]`` (``who``: person indices), each person's tariff applied to their
    own amount only."""
    under, aow, old = _tariff(s)
    taxable = taxable[who]
    tax = under.apply(taxable)
    at_aow_age = np.flatnonzero(s("has_aow_age")[who])  # few: the other tariffs for them only
    tariff = _tariff_of(s, who[at_aow_age])
    for code, scale in ((1, aow), (2, old)):
        rows = at_aow_age[tariff == code]
        if len(rows):
            tax[rows] = scale.apply(taxable[rows])
    return tax


def _earners(s: Simulation) -> np.ndarray:
    """The indices of the persons with a wage: only they pay tax on one. (Integer indices: NumPy
    gathers and scatters with them several times faster than with a boolean mask.)"""
    return np.flatnonzero(s("wage_year") > 0)


@variable(
    PERSON,
    "Inkomstenbelasting en premies box 1 over het loon, per jaar",
    "EUR",
    reference="nl.inkomstenbelasting.box1.onder_aow_leeftijd",
)
def income_tax(s: Simulation) -> np.ndarray:
    """Box 1 tax on the yearly wage minus the tax credits, never below nil (art. 8.8: credits are
    not paid out). The elderly credits are asked for only when an earner has the AOW age."""
    wage = s("wage_year")
    credits = s("algemene_heffingskorting") + s("arbeidskorting") + s("iack")
    tax = np.zeros(len(wage), np.int64)  # no wage, no tax on it
    earns = _earners(s)
    credits = credits[earns]
    if s("has_aow_age")[earns].any():
        credits = credits + (s("ouderenkorting") + s("alleenstaande_ouderenkorting"))[earns]
    tax[earns] = np.maximum(round_half_up(_box1(s, wage, earns)) - credits, 0)
    return tax


@variable(PERSON, "Netto inkomen per maand", "EUR", helper=True)
def net_income_person_month(s: Simulation) -> np.ndarray:
    """The net monthly income as given; otherwise derived from the gross wage: (yearly wage
    minus tax) / 12, holiday allowance included."""
    net = np.maximum(s.pop.net_income_cents, 0)
    derive = np.flatnonzero((s.pop.net_income_cents < 0) & (s.pop.wage_gross_cents >= 0))
    if len(derive):  # otherwise nobody's net comes from a gross wage: no tax to compute
        net[derive] = round_div(np.maximum(s("wage_year")[derive] - s("income_tax")[derive], 0), 12)
    return net


Credits = tuple[tuple[Scale, float], ...]


@lru_cache(maxsize=64)
def _net_curve(box1: Scale, credits: Credits, fixed: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """Breakpoints (gross, net) of a benefit's yearly net as a function of its gross; between them
    the function is linear. ``credits`` are (schedule, factor) pairs, each credit never below nil
    and then times its factor; ``fixed`` is a credit that does not depend on income (cents). The
    kinks (thresholds, where a credit reaches nil, where tax starts to be due) are exact, not
    rounded to a cent, so interpolation is exact."""

    def owed(g: np.ndarray) -> np.ndarray:  # the tax before the floor at nil
        total = box1.apply(g) - fixed
        for scale, factor in credits:
            total = total - np.maximum(scale.apply(g), 0) * factor
        return total

    points = {0.0, *map(float, box1.thresholds)}
    for scale, _ in credits:
        points.update(map(float, scale.thresholds))
        bounds = (*scale.thresholds[1:], np.inf)
        for start, base, rate, end in zip(scale.thresholds, scale.bases, scale.rates, bounds, strict=True):
            if rate < 0 < base and start + base / -rate < end:  # the credit reaches nil in this row
                points.add(start + base / -rate)
    gross = np.array(sorted(points | {1e11}))
    tax = owed(gross)  # linear between these points
    starts = np.flatnonzero((tax[:-1] <= 0) & (tax[1:] > 0))
    if len(starts):  # the gross below which no tax is due
        i = starts[0]
        zero = gross[i] + (gross[i + 1] - gross[i]) * -tax[i] / (tax[i + 1] - tax[i])
        gross = np.sort(np.append(gross, zero))
    return gross, gross - np.maximum(owed(gross), 0)


def benefit_curves(s: Simulation, elderly: bool = True) -> tuple[tuple[Scale, Credits, float], ...]:
    """The net curve's arguments for each kind of person, by the code of ``gross_from_net_benefit``:
    0 below AOW age; 1 at AOW age; 2 at AOW age and born before 1946; 3 and 4 as 1 and 2 without a
    partner (with the alleenstaande ouderenkorting). A benefit earns no work credits. Without
    ``elderly`` only the first (the elderly credits' parameters are then not asked for)."""
    under, aow, old = _tariff(s)
    ahk = s.p(f"{HK}.algemene_heffingskorting")
    young = (under, ((ahk, 1.0),), 0.0)
    if not elderly:
        return (young,)
    credits: Credits = ((ahk, _aow_factor(under, aow)), (s.p(f"{HK}.ouderenkorting"), 1.0))
    alone = float(s.p(f"{HK}.alleenstaande_ouderenkorting"))
    return (young, (aow, credits, 0.0), (old, credits, 0.0), (aow, credits, alone), (old, credits, alone))


def gross_from_net_benefit(s: Simulation, net_year: np.ndarray, persons: np.ndarray) -> np.ndarray:
    """The gross yearly benefit that leaves ``net_year`` after tax and the credits that do not need
    work (the general credit; from the AOW age the ouderenkorting, and without a partner the
    alleenstaande ouderenkorting), for the persons at indices ``persons``, each with their own
    tariff: below AOW age, at AOW age, or at AOW age and born before 1946."""
    code = _tariff_of(s, persons).astype(np.int8)
    at_aow = np.flatnonzero(code > 0)  # few: the partner question for them only
    if len(at_aow):
        code[at_aow] += 2 * s("without_partner")[persons[at_aow]]
    gross = np.empty(len(persons))
    for c, args in enumerate(benefit_curves(s, elderly=len(at_aow) > 0)):
        rows = np.flatnonzero(code == c)
        if len(rows):
            curve_gross, curve_net = _net_curve(*args)
            gross[rows] = np.interp(net_year[rows], curve_net, curve_gross)
    return round_half_up(gross)


@variable(
    HOUSEHOLD,
    "Eigen toetsingsinkomen van aanvrager en partner per jaar",
    "EUR",
    reference="Awir art. 7 lid 1",
)
def toetsingsinkomen_own(s: Simulation) -> np.ndarray:
    """The toetsingsinkomen of applicant and partner from their own income, without bijstand."""
    return s.of_applicant(s("toetsingsinkomen")) + s.of_partner(s("toetsingsinkomen"), 0)


@variable(PERSON, "Toetsingsinkomen per jaar", "EUR", reference="Awir art. 8")
def toetsingsinkomen(s: Simulation) -> np.ndarray:
    """The yearly income the toeslagen test: as given; else the wage (12 x gross plus holiday
    allowance); else the gross of the net benefit."""
    given, wage, net = s.pop.toetsingsinkomen_cents, s.pop.wage_gross_cents, s.pop.net_income_cents
    income = s("wage_year").copy()  # nil without a wage
    stated = np.flatnonzero(given >= 0)  # few: a given toetsingsinkomen overrides
    income[stated] = given[stated]
    from_net = np.flatnonzero((given < 0) & (wage < 0) & (net > 0))  # grossed up for those only
    income[from_net] = gross_from_net_benefit(s, 12 * net[from_net], from_net)
    return income
