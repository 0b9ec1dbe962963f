"""The minima-effect analysis: disposable income across gross income for standard households.

For each household type the earner's income runs from nothing to twice the social minimum in
small steps; the engine evaluates every point in one vectorised run. From the curves follow the
marginal effective burden (the share of an extra euro gross that is lost) and the armoedeval:
ranges where more gross income leaves less to live on. A wage earner is taken to have just started
working (``earnings_since`` = the peildatum's month), so the bijstand counts the earnings disregard
of the first months (Participatiewet art. 31 lid 2 n to 2026, art. 34a from 2027).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np

from meedoen.analysis.household_types import HouseholdType, validate_types
from meedoen.analysis.poverty_trap import PovertyTrap, find_poverty_traps
from meedoen.rules import formulas  # noqa: F401
from meedoen.rules.coverage import Status, status_of
from meedoen.rules.engine import calculate_tracked
from meedoen.rules.entitlements import check_municipality
from meedoen.rules.parameters import ParameterSet, default_parameters
from meedoen.rules.periods import to_int
from meedoen.rules.population import Population, concat, from_households, tile

# Monthly income components, in the order they stack: (variable, Dutch label).
COMPONENTS = (
    ("income_net_month", "Netto inkomen"),
    ("bijstand", "Bijstand"),
    ("zorgtoeslag", "Zorgtoeslag"),
    ("huurtoeslag", "Huurtoeslag"),
    ("kinderbijslag_maand", "Kinderbijslag"),
    ("kindgebonden_budget", "Kindgebonden budget"),
    ("lokale_regelingen_maand", "Gemeentelijke regelingen"),
)
LEVELS = (100, 110, 120, 130, 150)
MAX_LEVEL = 2.0  # curves run to twice the social minimum
COARSE_STEP = 2_500  # cents: €25 steps to find where twice the social minimum is reached
COARSE_MAX = {"wage": 1_000_000, "pension": 600_000}  # cents per month


@dataclass
class Curve:
    """One household type's income curve: all arrays per point, money in cents per month."""

    type: HouseholdType
    gross: np.ndarray
    level: np.ndarray  # net income incl. bijstand as % of the social minimum (the norm)
    components: dict[str, np.ndarray]
    disposable: np.ndarray
    rent: int
    marginal_burden: np.ndarray  # between point i and i + 1; the last repeats the one before
    traps: list[PovertyTrap] = field(default_factory=list)


@dataclass
class TableRow:
    type: HouseholdType
    level: int
    gross: int
    components: dict[str, int]
    disposable: int


@dataclass
class MinimaEffect:
    municipality: str
    date: dt.date
    curves: list[Curve]
    table: list[TableRow]
    status: Status  # provisional when a figure is past its published values on ``date``


def _with_income(template: Population, kind: str, amounts: np.ndarray) -> Population:
    """Copies of a one-household population, the earner's income set to each amount."""
    pop = tile(template, len(amounts))
    earner = pop.offsets  # the applicant comes first in every household
    column = pop.wage_gross_cents if kind == "wage" else pop.net_income_cents
    column[earner] = amounts
    if kind == "wage":  # the curve of someone who has just started working: earnings disregard applies
        pop.earnings_since[earner] = to_int(pop.date.replace(day=1))
    return pop


def _run(
    populations: list[Population], parameters: ParameterSet, names: list[str], used: set[str]
) -> dict[str, np.ndarray]:
    """The variables for the populations together; adds the parameters they rest on to ``used``."""
    values, rests_on = calculate_tracked(concat(populations), names, parameters)
    used |= rests_on
    return values


def _gross_axis(kind: str, values: dict[str, np.ndarray], amounts: np.ndarray) -> np.ndarray:
    """Gross monthly income of the earner: the wage itself, or the gross of a net pension."""
    return amounts if kind == "wage" else values["toetsingsinkomen_own"] // 12


def _split(values: dict[str, np.ndarray], sizes: list[int]) -> list[dict[str, np.ndarray]]:
    bounds = np.cumsum([0, *sizes])
    return [{k: v[a:b] for k, v in values.items()} for a, b in pairwise(bounds)]


def _own_income(values: dict[str, np.ndarray]) -> np.ndarray:
    return values["income_net_month"]


def compute(
    municipality: str,
    date: dt.date,
    types: list[HouseholdType],
    points: int = 1000,
    parameters: ParameterSet | None = None,
) -> MinimaEffect:
    """Curves and the table at 100-150 % of the social minimum for every household type."""
    parameters = parameters or default_parameters()
    check_municipality(municipality, parameters)
    households = validate_types(types, municipality, date)
    parameters.check_covered(date)
    templates = [from_households([h]) for h in households]
    names = [c for c, _ in COMPONENTS] + ["norm", "disposable_income", "toetsingsinkomen_own"]
    used: set[str] = set()

    # Coarse pass: where does each type's own net income reach twice the social minimum?
    coarse = [np.arange(0, COARSE_MAX[t.income] + 1, COARSE_STEP) for t in types]
    values = _split(
        _run(
            [_with_income(tp, t.income, a) for tp, t, a in zip(templates, types, coarse, strict=True)],
            parameters,
            names,
            used,
        ),
        [len(a) for a in coarse],
    )
    tops = [
        int(np.interp(MAX_LEVEL * v["norm"][0], _own_income(v), a))
        for v, a in zip(values, coarse, strict=True)
    ]

    # Fine pass: `points` steps from nothing to the top, all types in one run.
    fine = [np.linspace(0, top, points).round().astype(np.int64) for top in tops]
    values = _split(
        _run(
            [_with_income(tp, t.income, a) for tp, t, a in zip(templates, types, fine, strict=True)],
            parameters,
            names,
            used,
        ),
        [points] * len(types),
    )
    curves = [_curve(t, v, a) for t, v, a in zip(types, values, fine, strict=True)]

    # The table: each level evaluated exactly, not read off the grid.
    targets = [
        np.array(
            [0] + [int(np.interp(level / 100 * v["norm"][0], _own_income(v), a)) for level in LEVELS[1:]]
        )
        for v, a in zip(values, fine, strict=True)
    ]
    exact = _split(
        _run(
            [_with_income(tp, t.income, a) for tp, t, a in zip(templates, types, targets, strict=True)],
            parameters,
            names,
            used,
        ),
        [len(LEVELS)] * len(types),
    )
    table = [
        TableRow(
            type=t,
            level=level,
            gross=int(_gross_axis(t.income, v, a)[i]),
            components={c: int(v[c][i]) for c, _ in COMPONENTS},
            disposable=int(v["disposable_income"][i]),
        )
        for t, v, a in zip(types, exact, targets, strict=True)
        for i, level in enumerate(LEVELS)
    ]
    return MinimaEffect(municipality, date, curves, table, status_of(parameters, used, date))


def _curve(t: HouseholdType, v: dict[str, np.ndarray], amounts: np.ndarray) -> Curve:
    gross = _gross_axis(t.income, v, amounts)
    disposable = v["disposable_income"]
    step_gross = np.diff(gross).astype(float)
    step_disp = np.diff(disposable).astype(float)
    burden = np.divide(
        step_gross - step_disp, step_gross, out=np.zeros_like(step_gross), where=step_gross > 0
    )
    burden = np.append(burden, burden[-1] if len(burden) else 0.0)
    components = {c: v[c] for c, _ in COMPONENTS}
    norm = v["norm"].astype(float)
    level = 100 * (v["income_net_month"] + v["bijstand"]) / np.where(norm > 0, norm, 1)
    return Curve(
        type=t,
        gross=gross,
        level=level,
        components=components,
        disposable=disposable,
        rent=int(t.rent_month * 100),
        marginal_burden=burden,
        traps=find_poverty_traps(gross, disposable, components),
    )
