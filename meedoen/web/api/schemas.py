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


class Draagkracht(Schema):
    counted: float | None  # for this product: 0 where its draagkracht does not count
    total: float | None
    income_month: float | None
    limit_month: float | None
    percentage: float | None
    period_months: int | None
    from_income: float | None
    from_assets: float | None


class ProductCost(Schema):
    """A cost split between the household and the municipality (bijzondere bijstand); None = unknown."""

    municipality: str
    date: str
    product: str
    products: list[str]
    on_list: bool
    possible: bool
    price: float
    maximum: float | None
    own_share: float | None
    municipality_share: float | None
    loan: bool
    via: str | None
    text: str
    draagkracht: Draagkracht
    parameter_version: str


class Problem(Schema):
    path: str
    message: str


class Problems(Schema):
    detail: str
    problems: list[Problem]


class Detail(Schema):
    detail: str
