"""The contract's output as OpenAPI schemas (the input is the engine's own ``Household`` model)."""

from __future__ import annotations

from typing import Any, Literal

from ninja import Schema
from pydantic import ConfigDict


class Reason(Schema):
    code: str
    text: str


class LegalReference(Schema):
    title: str
    url: str
    id: str | None  # BWB id (BWBR...) or CVDR id
    article: str | None
    kind: Literal["law", "regulation", "policy", "web"]


Status = Literal["final", "provisional", "unknown"]


class SchemeOutcome(Schema):
    model_config = ConfigDict(extra="allow")  # schemes may add fields; the contract allows that

    id: str
    name: str
    eligible: bool | None  # None: unknown on the peildatum
    amount: float | None
    period: Literal["month", "quarter", "year", "once"]
    reasons: list[Reason]
    sources: list[str]
    references: list[LegalReference]
    status: Status
    provisional_basis: str | None = None
    values_until: str | None = None
    known_from: str | None = None


class Norm(Schema):
    monthly_excl_vakantietoeslag: float
    vakantietoeslag_monthly: float
    monthly_incl_vakantietoeslag: float
    status: Status
    provisional_basis: str | None = None
    values_until: str | None = None


class Indicators(Schema):
    model_config = ConfigDict(extra="allow")

    energy_cost_share: float | None
    energy_poverty: bool | None


class CheckResult(Schema):
    model_config = ConfigDict(extra="allow")

    municipality: str
    date: str
    household_type: Literal["single", "single_parent", "couple"]
    kostendelers: int
    norm: Norm
    income_net_month: float | None
    income_ratio: float | None
    schemes: list[SchemeOutcome]
    provisional: bool
    indicators: Indicators
    trace: list[dict[str, Any]]
    parameter_version: str  # added by the API: which parameter files produced this result


class Problem(Schema):
    path: str
    message: str


class Problems(Schema):
    detail: str
    problems: list[Problem]


class Detail(Schema):
    detail: str
