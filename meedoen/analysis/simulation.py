"""Policy simulation: a whole population under the current rules and under a reform.

For every regeling: how many households are eligible, what it costs per year (a local scheme in
kind at its valuation, ``<scheme>_waarde_maand`` x 12; a scheme whose value was not found is named
"bedrag onbekend", never costed at €0; a reform may give that value, and is then costed on its side
only), who gains and who loses (by household type and area), energy
poverty per area and, when actual recipient counts are given (in total or per area), how many
eligible households do not receive it (the take-up the programmes want to raise: "bereik
vergroten").
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from meedoen.analysis.synthetic_population import MunicipalPopulation
from meedoen.rules import formulas  # noqa: F401
from meedoen.rules.coverage import Status, status_of
from meedoen.rules.engine import calculate_tracked
from meedoen.rules.errors import InputError, InputProblem
from meedoen.rules.formulas.gemeenten.lokale_regelingen import VALUED_SCHEMES, scheme_of, valuation_status
from meedoen.rules.formulas.household.benefit_unit import HOUSEHOLD_TYPES
from meedoen.rules.parameters import ParameterSet
from meedoen.rules.periods import to_int
from meedoen.rules.reforms import ReformFigure, reform_figures
from meedoen.rules.variables import versions

PER_YEAR = {"month": 12, "quarter": 4, "year": 1, "none": 0}
TYPE_NAMES = {"single": "Alleenstaande", "single_parent": "Alleenstaande ouder", "couple": "Paar"}


@dataclass(frozen=True)
class SchemeMeasure:
    """How a regeling is counted: its eligibility, its money per household, and the period."""

    id: str
    name: str
    eligible: str  # variable: > 0 or True means eligible
    amount: str | None  # variable with the money per period (None: a pass or insurance)
    period: str
    parameters: str | None = None  # local regeling: the municipality's parameter folder
    value: str | None = None  # local regeling with a valuation: ``<scheme>_waarde_maand`` (per month)
    valued: bool = True  # False: the municipality has it but its value was not found ("bedrag onbekend")

    @property
    def costed(self) -> bool:
        return self.valued and (self.value is not None or self.amount is not None)


MEASURES = (
    SchemeMeasure("bijstand", "Bijstand", "bijstand", "bijstand", "month"),
    SchemeMeasure("zorgtoeslag", "Zorgtoeslag", "zorgtoeslag", "zorgtoeslag", "month"),
    SchemeMeasure("huurtoeslag", "Huurtoeslag", "huurtoeslag", "huurtoeslag", "month"),
    SchemeMeasure("kinderbijslag", "Kinderbijslag", "kinderbijslag", "kinderbijslag", "quarter"),
    SchemeMeasure(
        "kindgebonden_budget", "Kindgebonden budget", "kindgebonden_budget", "kindgebonden_budget", "month"
    ),
    SchemeMeasure(
        "individuele_inkomenstoeslag",
        "Individuele inkomenstoeslag",
        "individuele_inkomenstoeslag_recht",
        "individuele_inkomenstoeslag",
        "year",
        "individuele_inkomenstoeslag",
    ),
    SchemeMeasure("stadspas", "Stadspas", "stadspas", None, "none", "stadspas"),
    SchemeMeasure(
        "meedoenregeling", "Meedoen-regeling", "meedoenregeling", "meedoenregeling", "year", "meedoenregeling"
    ),
    SchemeMeasure("kindregeling", "Kinderfonds", "kindregeling", None, "none", "kindregeling"),
    SchemeMeasure(
        "collectieve_zorgverzekering",
        "Collectieve zorgverzekering",
        "collectieve_zorgverzekering",
        None,
        "none",
        "collectieve_zorgverzekering",
    ),
    SchemeMeasure(
        "bijzondere_bijstand",
        "Bijzondere bijstand (mogelijk)",
        "bijzondere_bijstand",
        None,
        "none",
        "bijzondere_bijstand",
    ),
)


@dataclass
class SchemeOutcome:
    measure: SchemeMeasure
    eligible_baseline: int
    eligible_reform: int
    cost_baseline: int  # cents per year
    cost_reform: int
    recipients: int | None = None  # actual recipients, when supplied
    costed_reform: bool | None = None  # the reform's cost is known (default: as the baseline's)

    def __post_init__(self) -> None:
        if self.costed_reform is None:
            self.costed_reform = self.measure.costed

    @property
    def extra_cost(self) -> int | None:
        """Cents per year the reform adds; None where either side's value is unknown (a reform that
        gives a not-found budget has a cost, but no known difference with today)."""
        return self.cost_reform - self.cost_baseline if self.measure.costed and self.costed_reform else None

    @property
    def not_reached(self) -> int | None:
        """Eligible (under the current rules) but not receiving it."""
        return None if self.recipients is None else max(self.eligible_baseline - self.recipients, 0)


@dataclass
class GroupOutcome:
    group: str  # household type or area
    households: int
    newly_eligible: dict[str, int]
    winners: int  # households with more disposable income under the reform
    gain_per_year: int  # cents, summed over the group (winners and losers together)
    losers: int = 0  # households with less disposable income under the reform
    loss_per_year: int = 0  # cents the losers lose together (a positive number)
    eligible: dict[str, int] = field(default_factory=dict)  # under the current rules
    energy_poverty: int = 0  # households in energy poverty under the current rules
    energy_poverty_reform: int = 0
    not_reached: dict[str, int] = field(default_factory=dict)  # where recipients per group are given

    @property
    def winners_gain_per_year(self) -> int:
        return self.gain_per_year + self.loss_per_year


@dataclass
class PolicyResult:
    municipality: str
    households: int
    schemes: list[SchemeOutcome]
    by_type: list[GroupOutcome]
    by_area: list[GroupOutcome]
    reform_description: str
    status: Status  # provisional when a figure is past its published values on the peildatum
    figures: list[ReformFigure] = field(default_factory=list)  # figures a reform gave, not a source


def _label(name: str) -> str:
    label = versions(name)[0].label  # the latest version
    for tail in (" omgerekend per maand", " per maand"):
        label = label.removesuffix(tail)
    return label


def _measures(parameters: ParameterSet, municipality: str, date: dt.date | int) -> list[SchemeMeasure]:
    """The measures of the municipality: the national ones, its local schemes, each valued local
    scheme costed at its value (and one measure per valued scheme the list above does not name,
    e.g. kwijtschelding), those whose value was not found marked as such."""
    status = valuation_status(parameters, municipality, date)
    by_scheme = {scheme_of(v): v for v in VALUED_SCHEMES}
    out = []
    for m in MEASURES:
        if m.parameters is not None and not parameters.has_node(f"gemeenten.{municipality}.{m.parameters}"):
            continue
        value = by_scheme.get(m.parameters or "")
        if value is not None:
            m = replace(m, value=value, valued=status[value] == "valued")
        out.append(m)
    named = {m.parameters for m in MEASURES}
    for scheme, value in by_scheme.items():
        if scheme in named or status[value] == "absent":
            continue
        valued = status[value] == "valued"
        eligible = f"{scheme}_recht" if _registered(f"{scheme}_recht") else value  # its conditions
        out.append(SchemeMeasure(scheme, _label(value), eligible, None, "none", scheme, value, valued))
    return out


def in_money(scheme: str) -> bool:
    """Whether the scheme is counted in money where its figures are known: an amount, or a local
    scheme's value; not a possible right without a fixed amount (bijzondere bijstand)."""
    return any(m.id == scheme and m.amount for m in MEASURES) or scheme in {
        scheme_of(v) for v in VALUED_SCHEMES
    }


def _registered(name: str) -> bool:
    try:
        return bool(versions(name))
    except KeyError:
        return False


def yearly_cost(m: SchemeMeasure, values: dict[str, np.ndarray]) -> int:
    """Cents per year: a money scheme's amount per period (exact: the IIT once a year), else the
    valuation of an in-kind scheme x 12; 0 for a scheme whose value was not found (shown as
    "bedrag onbekend", see ``SchemeMeasure.valued``)."""
    if not m.costed:
        return 0
    if m.amount is not None:
        return int(values[m.amount].sum()) * PER_YEAR[m.period]
    return int(values[m.value].sum()) * 12


def _evaluate(
    population, parameters: ParameterSet, measures: list[SchemeMeasure]
) -> tuple[dict[str, np.ndarray], frozenset[str]]:
    """The measures' variables, and the parameters they rest on (for the result's status)."""
    names = {m.eligible for m in measures} | {m.amount for m in measures if m.amount}
    names |= {m.value for m in measures if m.value and m.valued}
    names |= {"household_type", "disposable_income", "energy_poverty"}
    return calculate_tracked(population, sorted(names), parameters, parts=os.cpu_count() or 1)


def comparable(
    values: dict[str, np.ndarray], measures: list[SchemeMeasure], other: list[SchemeMeasure]
) -> dict[str, np.ndarray]:
    """``values`` with disposable income left without the schemes valued on this side only (a value
    a reform gave where the other side's is unknown): a household does not gain what was unknown."""
    only = [m.value for m, o in zip(measures, other, strict=True) if m.value and m.valued and not o.valued]
    if not only:
        return values
    return values | {"disposable_income": values["disposable_income"] - sum(values[v] for v in only)}


def _groups(
    labels: np.ndarray,
    names: list[str],
    base,
    reform,
    measures,
    recipients: dict[tuple[str, str], int] | None = None,
) -> list[GroupOutcome]:
    gain = (reform["disposable_income"] - base["disposable_income"]) * 12
    out = []
    for index, name in enumerate(names):
        members = labels == index
        eligible = {m.id: int(((base[m.eligible] > 0) & members).sum()) for m in measures}
        given = {m.id: (recipients or {}).get((m.id, name)) for m in measures}
        out.append(
            GroupOutcome(
                group=name,
                households=int(members.sum()),
                newly_eligible={
                    m.id: int(((reform[m.eligible] > 0) & ~(base[m.eligible] > 0) & members).sum())
                    for m in measures
                },
                winners=int(((gain > 0) & members).sum()),
                gain_per_year=int(gain[members].sum()),
                losers=int(((gain < 0) & members).sum()),
                loss_per_year=int(-gain[members & (gain < 0)].sum()),
                eligible=eligible,
                energy_poverty=int((base["energy_poverty"] & members).sum()),
                energy_poverty_reform=int((reform["energy_poverty"] & members).sum()),
                not_reached={k: max(eligible[k] - v, 0) for k, v in given.items() if v is not None},
            )
        )
    return out


def simulate(
    data: MunicipalPopulation,
    baseline: ParameterSet,
    reform: ParameterSet,
    reform_description: str = "",
    recipients: dict[str, int] | None = None,
    recipients_by_area: dict[tuple[str, str], int] | None = None,
) -> PolicyResult:
    """Evaluate the population under both parameter sets; one vectorised run each."""
    pop = data.population
    measures = _measures(baseline, pop.municipality, to_int(pop.date))
    reform_measures = _measures(reform, pop.municipality, to_int(pop.date))  # the same, maybe valued
    base, used = _evaluate(pop, baseline, measures)
    new, used_reform = _evaluate(pop, reform, reform_measures)
    schemes = [
        SchemeOutcome(
            measure=m,
            eligible_baseline=int((base[m.eligible] > 0).sum()),
            eligible_reform=int((new[m.eligible] > 0).sum()),
            cost_baseline=yearly_cost(m, base),
            cost_reform=yearly_cost(r, new),
            recipients=(recipients or {}).get(m.id),
            costed_reform=r.costed,
        )
        for m, r in zip(measures, reform_measures, strict=True)
    ]
    base, new = comparable(base, measures, reform_measures), comparable(new, reform_measures, measures)
    types = [TYPE_NAMES[t] for t in HOUSEHOLD_TYPES]
    figures = reform_figures(baseline, used, pop.date) + reform_figures(reform, used_reform, pop.date)
    return PolicyResult(
        municipality=pop.municipality,
        households=pop.size,
        schemes=schemes,
        by_type=_groups(base["household_type"], types, base, new, measures),
        by_area=_groups(data.areas, list(data.area_names), base, new, measures, recipients_by_area),
        reform_description=reform_description,
        status=status_of(baseline, used, pop.date),
        figures=list(dict.fromkeys(figures)),
    )


def read_recipients(path: Path) -> dict[str, int]:
    """Actual recipients per scheme: a CSV with columns ``scheme,recipients`` (and optionally
    ``area``: then the rows of a scheme are added up for its total)."""
    out: dict[str, int] = {}
    for (scheme, _area), count in _recipient_rows(path):
        out[scheme] = out.get(scheme, 0) + count
    return out


def read_recipients_by_area(path: Path) -> dict[tuple[str, str], int]:
    """Actual recipients per scheme and area, from the rows that name an ``area``."""
    return {(scheme, area): count for (scheme, area), count in _recipient_rows(path) if area}


def _recipient_rows(path: Path) -> list[tuple[tuple[str, str], int]]:
    rows, problems = [], []
    with path.open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is None or {"scheme", "recipients"} - set(reader.fieldnames):
            raise InputError([InputProblem(path.name, "expected the columns scheme,recipients")])
        for line, row in enumerate(reader, start=2):
            scheme, count = (row.get("scheme") or "").strip(), (row.get("recipients") or "").strip()
            area = (row.get("area") or "").strip()
            if not count.isdigit():
                problems.append(
                    InputProblem(f"{path.name}:{line}:recipients", f"expected a whole number, got {count!r}")
                )
            else:
                rows.append(((scheme, area), int(count)))
    if problems:
        raise InputError(problems)
    return rows
