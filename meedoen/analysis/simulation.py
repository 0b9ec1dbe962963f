"""Policy simulation: a whole population under the current rules and under a reform.

For every regeling: how many households are eligible, what it costs per year, who gains (by
household type and area), and, when actual recipient counts are given, how many eligible
households do not receive it (the take-up the programmes want to raise: "bereik vergroten").
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from meedoen.analysis.synthetic_population import MunicipalPopulation
from meedoen.rules import formulas  # noqa: F401
from meedoen.rules.coverage import Status, status_of
from meedoen.rules.engine import calculate_tracked
from meedoen.rules.errors import InputError, InputProblem
from meedoen.rules.formulas.household.benefit_unit import HOUSEHOLD_TYPES
from meedoen.rules.parameters import ParameterSet

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
    gain_per_year: int  # cents, summed over the group


@dataclass
class PolicyResult:
    municipality: str
    households: int
    schemes: list[SchemeOutcome]
    by_type: list[GroupOutcome]
    by_area: list[GroupOutcome]
    reform_description: str
    status: Status  # provisional when a figure is past its published values on the peildatum


def _measures(parameters: ParameterSet, municipality: str) -> list[SchemeMeasure]:
    return [
        m
        for m in MEASURES
        if m.parameters is None or parameters.has_node(f"gemeenten.{municipality}.{m.parameters}")
    ]


def _evaluate(
    population, parameters: ParameterSet, measures: list[SchemeMeasure]
) -> tuple[dict[str, np.ndarray], frozenset[str]]:
    """The measures' variables, and the parameters they rest on (for the result's status)."""
    names = {m.eligible for m in measures} | {m.amount for m in measures if m.amount}
    names |= {"household_type", "disposable_income"}
    return calculate_tracked(population, sorted(names), parameters, parts=os.cpu_count() or 1)


def _groups(labels: np.ndarray, names: list[str], base, reform, measures) -> list[GroupOutcome]:
    gain = (reform["disposable_income"] - base["disposable_income"]) * 12
    out = []
    for index, name in enumerate(names):
        members = labels == index
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
            )
        )
    return out


def simulate(
    data: MunicipalPopulation,
    baseline: ParameterSet,
    reform: ParameterSet,
    reform_description: str = "",
    recipients: dict[str, int] | None = None,
) -> PolicyResult:
    """Evaluate the population under both parameter sets; one vectorised run each."""
    pop = data.population
    measures = _measures(baseline, pop.municipality)
    base, used = _evaluate(pop, baseline, measures)
    new, _ = _evaluate(pop, reform, measures)
    schemes = []
    for m in measures:
        factor = PER_YEAR[m.period]
        schemes.append(
            SchemeOutcome(
                measure=m,
                eligible_baseline=int((base[m.eligible] > 0).sum()),
                eligible_reform=int((new[m.eligible] > 0).sum()),
                cost_baseline=int(base[m.amount].sum()) * factor if m.amount else 0,
                cost_reform=int(new[m.amount].sum()) * factor if m.amount else 0,
                recipients=(recipients or {}).get(m.id),
            )
        )
    types = [TYPE_NAMES[t] for t in HOUSEHOLD_TYPES]
    return PolicyResult(
        municipality=pop.municipality,
        households=pop.size,
        schemes=schemes,
        by_type=_groups(base["household_type"], types, base, new, measures),
        by_area=_groups(data.areas, list(data.area_names), base, new, measures),
        reform_description=reform_description,
        status=status_of(baseline, used, pop.date),
    )


def read_recipients(path: Path) -> dict[str, int]:
    """Actual recipients per scheme: a CSV with columns ``scheme,recipients``."""
    out, problems = {}, []
    with path.open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is None or {"scheme", "recipients"} - set(reader.fieldnames):
            raise InputError([InputProblem(path.name, "expected the columns scheme,recipients")])
        for line, row in enumerate(reader, start=2):
            scheme, count = (row.get("scheme") or "").strip(), (row.get("recipients") or "").strip()
            if not count.isdigit():
                problems.append(
                    InputProblem(f"{path.name}:{line}:recipients", f"expected a whole number, got {count!r}")
                )
            else:
                out[scheme] = int(count)
    if problems:
        raise InputError(problems)
    return out
