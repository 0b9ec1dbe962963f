"""Which granted scheme puts which budget on whose pass, for how much and for which period.

The amounts are the municipality's parameters (``meedoen/parameters/gemeenten/<m>/``), read
through the rules engine's ParameterSet; this module only says which parameter is the amount of
which budget. A scheme whose amount parameter a municipality does not have gives passes but no
budget. The pass scheme itself (``stadspas.id``: meedoenpas, gelrepas) gives every member of the
household a pass. Who gets a budget is the engine's own person variable of the scheme
(``meedoenregeling_persoon``, ``kindregeling_kind``), so the rule is written once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import models

from meedoen.rules.parameters import ParameterSet, default_parameters
from meedoen.web.calculation import persons_with
from meedoen.web.citypass.periods import Period

Person = dict[str, Any]


class Category(models.TextChoices):
    """What an offer is for; a budget can be spent on some categories only."""

    SPORT = "sport", "Sport en bewegen"
    CULTURE = "cultuur", "Cultuur en muziek"
    SCHOOL = "school", "School en leren"
    MEETING = "ontmoeting", "Ontmoeten en uitjes"


def age(born: dt.date, day: dt.date) -> int:
    """Completed years on ``day``."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def birth_date(person: Person) -> dt.date:
    return dt.date.fromisoformat(person["birth_date"])


@dataclass(frozen=True)
class BudgetRule:
    scheme_id: str
    label: str
    amount: str  # parameter path under gemeenten.<municipality>
    period: Period
    categories: tuple[str, ...]
    person_variable: str  # the engine's per-person answer to "gets this budget"


RULES = {
    rule.scheme_id: rule
    for rule in (
        BudgetRule(
            "meedoenregeling",
            "Meedoen-regeling",
            "meedoenregeling.bedrag_per_persoon",
            Period.CALENDAR_YEAR,
            (Category.SPORT, Category.CULTURE, Category.MEETING),
            "meedoenregeling_persoon",
        ),
        BudgetRule(
            "kindregeling",
            "Kindbudget school, sport en cultuur",
            "kindregeling.bedrag_per_kind",
            Period.SCHOOL_YEAR,
            (Category.SCHOOL, Category.SPORT, Category.CULTURE),
            "kindregeling_kind",
        ),
    )
}


@dataclass(frozen=True)
class Entitlement:
    """One person's budget from one granted scheme."""

    person: Person
    rule: BudgetRule
    amount_cents: int
    period_start: dt.date
    period_end: dt.date


class PassPlan:
    """What a granted scheme means for the passes of a household on a day."""

    def __init__(
        self,
        municipality: str,
        day: dt.date,
        *,
        parameter_day: dt.date | None = None,
        parameters: ParameterSet | None = None,
    ) -> None:
        """``day`` picks the period; ``parameter_day`` (the decision's peildatum) the amounts."""
        self.municipality, self.day = municipality, day
        self.parameter_day = parameter_day or day
        self.parameters = parameters or default_parameters()

    def local(self, path: str) -> Any:
        return self.parameters[f"gemeenten.{self.municipality}.{path}"].at(self.parameter_day)

    def has(self, path: str) -> bool:
        return f"gemeenten.{self.municipality}.{path}" in self.parameters

    def is_pass_scheme(self, scheme_id: str) -> bool:
        return self.has("stadspas.id") and self.local("stadspas.id") == scheme_id

    def entitlements(self, scheme_id: str, persons: list[Person]) -> list[Entitlement]:
        rule = RULES.get(scheme_id)
        if rule is None or not self.has(rule.amount):
            return []
        start, end = rule.period.around(self.day)
        amount = self.local(rule.amount)
        household = {  # the person variables read only the persons: the dwelling is a placeholder
            "municipality": self.municipality,
            "date": self.parameter_day.isoformat(),
            "persons": persons,
            "housing": {"kind": "rent"},
        }
        holders = set(persons_with(household, rule.person_variable, self.parameters))
        return [Entitlement(p, rule, amount, start, end) for p in persons if p["id"] in holders]


def categories_of(scheme_id: str) -> tuple[str, ...]:
    rule = RULES.get(scheme_id)
    return rule.categories if rule else ()
