"""Household types of the minima-effect analysis, as data (``standard_households.yaml``).

A type is a household of the contract whose earner's income varies; each is validated as a
household, so an impossible type (two partners, a child older than its parent) is refused with
the type and field named.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from meedoen.rules.errors import InputError, InputProblem
from meedoen.rules.household import Household, parse_household

STANDARD = Path(__file__).with_name("standard_households.yaml")


class TypePerson(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    role: Literal["applicant", "partner", "child", "housemate"]
    age: int = Field(ge=0, le=110)
    school: Literal["none", "po", "vo", "mbo", "hbo_wo"] | None = None
    student_finance: bool | None = None


class HouseholdType(BaseModel):
    """A standard household: who lives there, the rent, and which income varies."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str
    income: Literal["wage", "pension"]
    rent_month: Decimal = Field(ge=0, decimal_places=2)
    persons: list[TypePerson] = Field(min_length=1)
    # Two earners: the partner's part of the household's gross wage (0: the applicant earns it all).
    partner_share: Decimal = Field(default=Decimal(0), ge=0, lt=1, decimal_places=2)
    # Years the household has had a low income on the peildatum (None: not said, as a new household).
    low_income_years: int | None = Field(default=None, ge=0, le=50)

    @model_validator(mode="after")
    def _two_earners_need_a_partner(self) -> HouseholdType:
        if self.partner_share and not any(p.role == "partner" for p in self.persons):
            raise ValueError("partner_share needs a person with role partner")
        if self.partner_share and self.income != "wage":
            raise ValueError("partner_share is for wage income only")
        return self

    def household(self, municipality: str, date: dt.date) -> Household:
        """This type as a contract household on ``date`` (ages become birth dates)."""
        persons = []
        for p in self.persons:
            person: dict[str, Any] = {
                "id": p.id,
                "role": p.role,
                "birth_date": date.replace(year=date.year - p.age).isoformat(),
            }
            if p.school is not None:
                person["school"] = p.school
            if p.student_finance is not None:
                person["student_finance"] = p.student_finance
            persons.append(person)
        return parse_household(
            {
                "municipality": municipality,
                "date": date.isoformat(),
                "persons": persons,
                "housing": {"kind": "rent", "rent_month": float(self.rent_month)},
            }
        )


def load_types(source: str | Path = "standard") -> list[HouseholdType]:
    """The standard types, or those of a YAML/JSON file; every problem named with its place."""
    path = STANDARD if str(source) == "standard" else Path(source)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InputError([InputProblem("households", f"cannot read {path}: {exc}")]) from None
    if not isinstance(raw, list) or not raw:
        raise InputError([InputProblem("households", f"{path}: expected a list of household types")])
    types, problems = [], []
    for i, item in enumerate(raw):
        try:
            types.append(HouseholdType.model_validate(item))
        except ValidationError as exc:
            for err in exc.errors():
                where = ".".join(str(x) for x in err["loc"])
                problems.append(InputProblem(f"households[{i}]" + (f".{where}" if where else ""), err["msg"]))
    if problems:
        raise InputError(problems)
    return types


def validate_types(types: list[HouseholdType], municipality: str, date: dt.date) -> list[Household]:
    """Each type as a household, or an :class:`InputError` naming the type of each problem."""
    households, problems = [], []
    for t in types:
        try:
            households.append(t.household(municipality, date))
        except InputError as exc:
            problems += [InputProblem(f"households[{t.id}].{p.path}", p.message) for p in exc.problems]
    if problems:
        raise InputError(problems)
    return households
