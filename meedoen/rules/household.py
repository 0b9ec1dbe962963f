"""The household of the public contract (``shared/contracts/household.md``), validated.

Every problem is reported with its field path and what was expected, all at once; unknown fields
are errors. Money is ``Decimal`` with at most two decimals, so no euro amount passes through a
binary float on its way into the engine.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from meedoen.rules.errors import InputError, InputProblem


def _number_not_text(value: Any) -> Any:
    """JSON amounts are numbers; ``"900"`` is a mistake to report, not to guess at."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise PydanticCustomError("decimal_type", "expected a number")
    return value if isinstance(value, Decimal) else Decimal(repr(value))


# Far above any household's figure, and small enough that every yearly sum in cents (times the
# holiday allowance, times twelve) stays exact in 64-bit integers.
MAX_AMOUNT = Decimal("999999999.99")
Money = Annotated[
    Decimal,
    BeforeValidator(_number_not_text),
    Field(ge=0, le=MAX_AMOUNT, decimal_places=2, allow_inf_nan=False),
]
Role = Literal["applicant", "partner", "child", "housemate"]
School = Literal["none", "po", "vo", "mbo", "hbo_wo"]
HousingKind = Literal["rent", "own", "institution", "homeless"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Person(_Strict):
    id: str = Field(min_length=1)
    role: Role
    birth_date: dt.date
    net_income_month: Money | None = None
    wage_gross_month: Money | None = None
    toetsingsinkomen_year: Money | None = None
    school: School | None = None
    student_finance: bool | None = None
    commercial_tenant: bool | None = None
    earnings_since: dt.date | None = None
    temporary_informal_carer: bool | None = None


class Housing(_Strict):
    kind: HousingKind
    rent_month: Money | None = None
    energy_cost_month: Money | None = None


class Household(_Strict):
    municipality: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    date: dt.date
    persons: list[Person] = Field(min_length=1)
    housing: Housing
    assets: Money = Decimal(0)
    low_income_since: dt.date | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Household:
        problems = household_problems(self.model_dump(mode="json"))
        if problems:
            raise ValueError(json.dumps([[p.path, p.message] for p in problems]))
        return self

    @property
    def applicant(self) -> Person:
        return next(p for p in self.persons if p.role == "applicant")


def _iso(value: Any) -> str | None:
    """An ISO date as text when ``value`` is one, else None (checks skip what fails elsewhere)."""
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            return None
    return None


def household_problems(data: dict[str, Any]) -> list[InputProblem]:
    """The checks that need more than one field: roles, ids, dates that cannot be.

    Works on the JSON form, tolerating values that are wrong in themselves (those are reported
    by the field checks), so that one run reports field and household problems together.
    """
    problems: list[InputProblem] = []
    listed = data.get("persons")
    persons = [p for p in listed if isinstance(p, dict)] if isinstance(listed, list) else []
    if not persons:
        return problems
    roles = [p.get("role") for p in persons]
    if roles.count("applicant") != 1:
        problems.append(
            InputProblem("persons", f"expected exactly one applicant, got {roles.count('applicant')}")
        )
    if roles.count("partner") > 1:
        problems.append(
            InputProblem("persons", f"expected at most one partner, got {roles.count('partner')}")
        )
    date = _iso(data.get("date"))
    parents = [
        b for p in persons if p.get("role") in ("applicant", "partner") if (b := _iso(p.get("birth_date")))
    ]
    seen: set[Any] = set()
    for i, p in enumerate(persons):
        at, birth = f"persons[{i}]", _iso(p.get("birth_date"))
        person_id = p.get("id")
        if isinstance(person_id, str) and person_id in seen:  # a non-text id: see the field check
            problems.append(InputProblem(f"{at}.id", f'expected a unique id, "{person_id}" is used twice'))
        if isinstance(person_id, str):
            seen.add(person_id)
        if birth and date and birth > date:
            problems.append(
                InputProblem(f"{at}.birth_date", f"expected a date on or before {date}, got {birth}")
            )
        if p.get("role") == "child" and birth and parents and birth <= min(parents):
            problems.append(
                InputProblem(f"{at}.birth_date", "a child must be younger than the applicant or partner")
            )
        if p.get("school") is not None and p.get("role") != "child":
            problems.append(InputProblem(f"{at}.school", "only a child has a school"))
        if p.get("commercial_tenant") is not None and p.get("role") != "housemate":
            problems.append(
                InputProblem(f"{at}.commercial_tenant", "only a housemate can be a commercial tenant")
            )
        started = _iso(p.get("earnings_since"))
        if started and date and started > date:
            problems.append(
                InputProblem(f"{at}.earnings_since", f"expected a date on or before {date}, got {started}")
            )
        if started and birth and started < birth:
            problems.append(InputProblem(f"{at}.earnings_since", "expected a date after the birth date"))
        if p.get("temporary_informal_carer") is not None and p.get("role") != "applicant":
            problems.append(
                InputProblem(
                    f"{at}.temporary_informal_carer",
                    "only the applicant can be the one who lives here temporarily to give informal care",
                )
            )
    since = _iso(data.get("low_income_since"))
    if since and date and since > date:
        problems.append(InputProblem("low_income_since", f"expected a date on or before {date}, got {since}"))
    return problems


_TYPE_WORDS = {
    "date": "a date like 1990-01-31",
    "bool": "true or false",
    "decimal": "an amount in euro like 1234.56",
    "string": "a text",
    "list": "a list",
    "model": "an object",
    "dict": "an object",
}


def _path(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in ("function-after[_consistent()]",) or str(part).startswith("function-"):
            continue
        else:
            out += f".{part}" if out else str(part)
    return out


def _describe(err: dict[str, Any]) -> list[InputProblem]:
    kind, loc, got = err["type"], err["loc"], err.get("input")
    path = _path(loc)
    shown = json.dumps(got, default=str) if not isinstance(got, dict | list) else type(got).__name__
    if kind == "value_error":
        # A model-level check: it carries its own list of (path, message) pairs.
        raw = str(err["ctx"]["error"])
        return [InputProblem(p, m) for p, m in json.loads(raw)]
    if kind == "extra_forbidden":
        return [InputProblem(path, "unknown field (see the household contract for the fields)")]
    if kind == "missing":
        return [InputProblem(path, "required field is missing")]
    if kind == "literal_error":
        return [InputProblem(path, f"expected one of {err['ctx']['expected']}, got {shown}")]
    if kind == "decimal_max_places":
        return [InputProblem(path, f"expected an amount with at most two decimals, got {shown}")]
    if kind in ("greater_than_equal", "greater_than"):
        return [InputProblem(path, f"expected an amount of 0 or more, got {shown}")]
    if kind == "string_pattern_mismatch" and path == "municipality":
        return [InputProblem(path, f"expected a lower-case municipality name like arnhem, got {shown}")]
    if kind == "too_short":
        return [
            InputProblem(path, "expected at least one entry" if path == "persons" else "must not be empty")
        ]
    for word, text in _TYPE_WORDS.items():
        if kind.startswith(word):
            return [InputProblem(path, f"expected {text}, got {shown}")]
    return [InputProblem(path, f"{err['msg']}, got {shown}")]


def parse_household(data: str | bytes | dict[str, Any]) -> Household:
    """Validate JSON text (or a parsed JSON object) into a :class:`Household`.

    Raises :class:`InputError` listing every problem with its field path.
    """
    text = data if isinstance(data, str | bytes) else json.dumps(data, default=str)
    try:
        return Household.model_validate_json(text, strict=True)
    except ValidationError as exc:
        if any(e["type"] == "json_invalid" for e in exc.errors()):
            raise InputError([InputProblem("", f"not valid JSON: {exc.errors()[0]['msg']}")]) from None
        problems = [p for e in exc.errors() for p in _describe(e)]
        if not any(e["type"] == "value_error" for e in exc.errors()):
            # Field errors stopped the household checks; run them on the raw data as well.
            raw = json.loads(text)
            problems += household_problems(raw) if isinstance(raw, dict) else []
        raise InputError(problems) from None
