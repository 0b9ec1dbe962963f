"""The minima-effect analysis: disposable income across gross income for standard households.

For each household type the earner's income runs from nothing to twice the social minimum in
small steps; the engine evaluates every point in one vectorised run. From the curves follow the
marginal effective burden (the share of an extra euro gross that is lost) and the armoedeval:
ranges where more gross income leaves less to live on, each attributed to the schemes that cause
it. A wage earner is taken to have just started working (``earnings_since`` = the peildatum's
month), so the bijstand counts the earnings disregard of the first months (Participatiewet art. 31
lid 2 n to 2026, art. 34a from 2027).

Local policy counts: every valued local scheme (``VALUED_SCHEMES``: money at its amount, in-kind at
its valuation) is a component of its own in every curve point; a scheme the municipality has but
whose value was not found is named in ``MinimaEffect.unvalued`` and never counted as €0 (a reform
may give it: it then counts, and ``MinimaEffect.figures`` names it). Where the
municipality has an individuele inkomenstoeslag, every wage type below the AOW age also gets a
*long-term minimum* variant whose low income started far enough back for the IIT to apply.

Holiday pay: the curves' x-axis is the gross monthly wage without holiday pay (as a payslip shows
it); net income is a twelfth of the year including the 8 % holiday allowance, and so is the
"bruto met vakantiegeld" row of the table, so the table's gross and net both include holiday pay.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise

import numpy as np

from meedoen.analysis.household_types import HouseholdType, validate_types
from meedoen.analysis.poverty_trap import PovertyTrap, find_poverty_traps
from meedoen.rules import formulas  # noqa: F401
from meedoen.rules.coverage import Status, status_of
from meedoen.rules.engine import calculate_tracked
from meedoen.rules.entitlements import check_municipality
from meedoen.rules.formulas.gemeenten.lokale_regelingen import VALUED_SCHEMES, scheme_of, valuation_status
from meedoen.rules.parameters import ParameterSet, default_parameters
from meedoen.rules.periods import to_int
from meedoen.rules.population import PARTNER, Population, concat, from_households, tile
from meedoen.rules.reforms import ReformFigure, reform_figures
from meedoen.rules.variables import versions

# National monthly income components, in the order they stack: (variable, Dutch label). The valued
# local schemes of the municipality follow them (``components_for``).
NATIONAL = (
    ("income_net_month", "Netto inkomen"),
    ("bijstand", "Bijstand"),
    ("zorgtoeslag", "Zorgtoeslag"),
    ("huurtoeslag", "Huurtoeslag"),
    ("kinderbijslag_maand", "Kinderbijslag"),
    ("kindgebonden_budget", "Kindgebonden budget"),
)
COMPONENTS = (*NATIONAL, ("lokale_regelingen_maand", "Gemeentelijke regelingen"))  # the sum, for others
IIT = "individuele_inkomenstoeslag"


def local_label(name: str) -> str:
    """A valued scheme's label without the "per month" wording (the table is per month anyway)."""
    label = versions(name)[0].label  # the latest version
    for tail in (" omgerekend per maand", " per maand"):
        label = label.removesuffix(tail)
    return label


def components_for(parameters: ParameterSet, municipality: str, date: dt.date) -> tuple[tuple[str, str], ...]:
    """The national components and each local scheme of the municipality that has a known value."""
    status = valuation_status(parameters, municipality, date)
    local = tuple((v, local_label(v)) for v in VALUED_SCHEMES if status[v] == "valued")
    return NATIONAL + local


def unvalued_for(parameters: ParameterSet, municipality: str, date: dt.date) -> list[tuple[str, str]]:
    """(scheme, label) of the municipality's schemes whose value was not found: not in the curves."""
    status = valuation_status(parameters, municipality, date)
    return [(scheme_of(v), local_label(v)) for v in VALUED_SCHEMES if status[v] == "unknown"]


def long_term_variants(
    types: list[HouseholdType], parameters: ParameterSet, municipality: str, date: dt.date
) -> list[HouseholdType]:
    """For every wage type below the AOW age, the same household with a low income for one year
    more than the municipality's IIT asks (``jaren_laag_inkomen``): the IIT applies to it. None
    where the municipality has no IIT or its amount is unknown, or for a type that already says
    how long."""
    path = f"gemeenten.{municipality}.{IIT}.jaren_laag_inkomen"
    if valuation_status(parameters, municipality, date).get(f"{IIT}_waarde_maand") != "valued":
        return []  # no IIT, or its amount is unknown: the variant would show nothing of it
    years = int(parameters[path].at(date)) + 1
    return [
        t.model_copy(
            update={
                "id": f"{t.id}_langdurig",
                "name": f"{t.name}, {years} jaar laag inkomen",
                "low_income_years": years,
            }
        )
        for t in types
        if t.income == "wage" and t.low_income_years is None
    ]


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
    gross: int  # gross wage per month without holiday pay (the curve's axis)
    components: dict[str, int]
    disposable: int
    gross_with_holiday_pay: int = 0  # a twelfth of the year's gross, holiday pay included


@dataclass
class MinimaEffect:
    municipality: str
    date: dt.date
    curves: list[Curve]
    table: list[TableRow]
    status: Status  # provisional when a figure is past its published values on ``date``
    components: tuple[tuple[str, str], ...] = NATIONAL
    unvalued: list[tuple[str, str]] = field(default_factory=list)  # schemes not counted: value unknown
    figures: list[ReformFigure] = field(default_factory=list)  # figures a reform gave, not a source


def _with_income(template: Population, t: HouseholdType, amounts: np.ndarray) -> Population:
    """Copies of a one-household population, the household's income set to each amount (split
    between applicant and partner for two earners)."""
    pop = tile(template, len(amounts))
    earner = pop.offsets  # the applicant comes first in every household
    column = pop.wage_gross_cents if t.income == "wage" else pop.net_income_cents
    share = int(Decimal(t.partner_share) * 100)
    if share:
        partner = np.nonzero(pop.role == PARTNER)[0]
        partner_part = amounts * share // 100
        column[partner] = partner_part
        column[earner] = amounts - partner_part
        pop.earnings_since[partner] = to_int(pop.date.replace(day=1))
    else:
        column[earner] = amounts
    if t.income == "wage":  # the curve of someone who has just started working: earnings disregard applies
        pop.earnings_since[earner] = to_int(pop.date.replace(day=1))
    if t.low_income_years is not None:
        pop.low_income_since[:] = to_int(pop.date) - 10000 * t.low_income_years
    return pop


def _run(
    populations: list[Population], parameters: ParameterSet, names: list[str], used: set[str]
) -> dict[str, np.ndarray]:
    """The variables for the populations together; adds the parameters they rest on to ``used``.
    ``wage_year`` (a person's) is summed per household: the household's gross with holiday pay."""
    pop = concat(populations)
    values, rests_on = calculate_tracked(pop, [*names, "wage_year"], parameters)
    values["wage_year"] = np.bincount(pop.household, weights=values["wage_year"], minlength=pop.size).astype(
        np.int64
    )
    used |= rests_on
    return values


def _gross_axis(kind: str, values: dict[str, np.ndarray], amounts: np.ndarray) -> np.ndarray:
    """Gross monthly income of the household: the wage itself, or the gross of a net pension."""
    return amounts if kind == "wage" else values["toetsingsinkomen_own"] // 12


def _gross_with_holiday_pay(kind: str, values: dict[str, np.ndarray]) -> np.ndarray:
    """A twelfth of the year's gross, holiday pay included (as net income is)."""
    return values["wage_year"] // 12 if kind == "wage" else values["toetsingsinkomen_own"] // 12


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
    *,
    long_term: bool = True,
) -> MinimaEffect:
    """Curves and the table at 100-150 % of the social minimum for every household type (and, with
    ``long_term``, the long-term minimum variants where the municipality has an IIT)."""
    parameters = parameters or default_parameters()
    check_municipality(municipality, parameters)
    if long_term:
        types = [*types, *long_term_variants(types, parameters, municipality, date)]
    households = validate_types(types, municipality, date)
    parameters.check_covered(date)
    templates = [from_households([h]) for h in households]
    components = components_for(parameters, municipality, date)
    names = [c for c, _ in components] + ["norm", "disposable_income", "toetsingsinkomen_own"]
    used: set[str] = set()

    # Coarse pass: where does each type's own net income reach twice the social minimum?
    coarse = [np.arange(0, COARSE_MAX[t.income] + 1, COARSE_STEP) for t in types]
    values = _split(
        _run(
            [_with_income(tp, t, a) for tp, t, a in zip(templates, types, coarse, strict=True)],
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
            [_with_income(tp, t, a) for tp, t, a in zip(templates, types, fine, strict=True)],
            parameters,
            names,
            used,
        ),
        [points] * len(types),
    )
    curves = [_curve(t, v, a, components) for t, v, a in zip(types, values, fine, strict=True)]

    # The table: each level evaluated exactly, not read off the grid.
    targets = [
        np.array(
            [0] + [int(np.interp(level / 100 * v["norm"][0], _own_income(v), a)) for level in LEVELS[1:]]
        )
        for v, a in zip(values, fine, strict=True)
    ]
    exact = _split(
        _run(
            [_with_income(tp, t, a) for tp, t, a in zip(templates, types, targets, strict=True)],
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
            components={c: int(v[c][i]) for c, _ in components},
            disposable=int(v["disposable_income"][i]),
            gross_with_holiday_pay=int(_gross_with_holiday_pay(t.income, v)[i]),
        )
        for t, v, a in zip(types, exact, targets, strict=True)
        for i, level in enumerate(LEVELS)
    ]
    return MinimaEffect(
        municipality,
        date,
        curves,
        table,
        status_of(parameters, used, date),
        components=components,
        unvalued=unvalued_for(parameters, municipality, date),
        figures=reform_figures(parameters, used, date),
    )


def _curve(
    t: HouseholdType, v: dict[str, np.ndarray], amounts: np.ndarray, names: tuple[tuple[str, str], ...]
) -> Curve:
    gross = _gross_axis(t.income, v, amounts)
    disposable = v["disposable_income"]
    step_gross = np.diff(gross).astype(float)
    step_disp = np.diff(disposable).astype(float)
    burden = np.divide(
        step_gross - step_disp, step_gross, out=np.zeros_like(step_gross), where=step_gross > 0
    )
    burden = np.append(burden, burden[-1] if len(burden) else 0.0)
    components = {c: v[c] for c, _ in names}
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
