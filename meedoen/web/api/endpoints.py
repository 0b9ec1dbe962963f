"""POST /api/v1/check: the household contract in, the contract's output out (versioned by path).

The body is validated by the engine itself, so the API reports exactly the field paths and messages
the CLI reports, with status 400.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.http import HttpRequest, JsonResponse
from ninja import NinjaAPI, Status

from meedoen.rules.entitlements import entitlements, product_cost, require_final
from meedoen.rules.errors import CoverageError, InputError, InputProblem, RulesError
from meedoen.rules.household import Household, parse_household
from meedoen.rules.money import cents_of
from meedoen.web.api.schemas import CheckResult, Detail, Problems, ProductCost
from meedoen.web.api.throttling import PerClientRate
from meedoen.web.calculation import MAX_PRICE, parameter_version

REF = "#/components/schemas/{model}"


class ContractAPI(NinjaAPI):
    """Adds the engine's ``Household`` model to the schema's components, where the body refers to it."""

    def get_openapi_schema(self, **kwargs: Any):
        schema = super().get_openapi_schema(**kwargs)
        household = Household.model_json_schema(ref_template=REF)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.update(household.pop("$defs", {}))
        components["Household"] = household
        return schema


api = ContractAPI(
    title="Meedoen rekenservice",
    version="1.0.0",
    description="Welke regelingen passen bij een huishouden, hoeveel en waarom. "
    "Invoer en uitvoer volgen het huishoudcontract (shared/contracts/household.md).",
    urls_namespace="api-v1",
    docs_url=None,
    throttle=[PerClientRate()],
)

HOUSEHOLD_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": {"$ref": REF.format(model="Household")}}},
    }
}


@api.post(
    "/check",
    response={200: CheckResult, 400: Problems, 429: Detail},
    openapi_extra=HOUSEHOLD_BODY,
    summary="Regelingen voor een huishouden",
)
def check(request: HttpRequest, final_only: bool = False):
    """Every scheme for the household on its peildatum, with reasons, sources and the trace.
    A date after a scheme's published figures gives a ``provisional`` result for it; with
    ``final_only=true`` such a request is refused (400) naming the schemes and where their values end."""
    try:
        household = parse_household(request.body)
    except InputError as exc:
        return Status(400, _problems(exc.problems))

    def result() -> dict[str, Any]:
        out = entitlements(household)
        if final_only:
            require_final(out)
        return out

    # The engine's output is the contract (checked against CheckResult by the schema tests); sending it
    # as it is saves validating some 60 kB of trace per request.
    return _answered(result)


@api.post(
    "/check/bijzondere-bijstand",
    response={200: ProductCost, 400: Problems, 429: Detail},
    openapi_extra=HOUSEHOLD_BODY,
    summary="Wat een product kost: het huishouden en de gemeente (bijzondere bijstand)",
)
def product_cost_check(request: HttpRequest, product: str = "", price: str = ""):
    """A cost of ``price`` euro for ``product`` (an id of the municipality's list, or anything else)
    split between the household and the municipality; ``null`` amounts are unknown, never 0."""
    problems = [InputProblem("product", "expected a product, got nothing")] if not product.strip() else []
    cents = _price(price)
    if cents is None:
        problems.append(
            InputProblem("price", f'expected an amount in euro above 0 like 600.00, got "{price}"')
        )
    try:
        household = parse_household(request.body)
    except InputError as exc:
        problems += exc.problems
    if problems:
        return Status(400, _problems(problems))
    return _answered(lambda: product_cost(household, product.strip(), cents, product.strip().capitalize()))


def _answered(compute: Callable[[], dict[str, Any]]) -> Status | JsonResponse:
    """The engine's answer with the parameter version it was computed with, or a 400 naming what
    was wrong."""
    try:
        answer = compute()
    except InputError as exc:
        return Status(400, _problems(exc.problems))
    except RulesError as exc:  # e.g. a peildatum before the rules start
        return Status(
            400, _problems([InputProblem("date" if isinstance(exc, CoverageError) else "", str(exc))])
        )
    return JsonResponse({**answer, "parameter_version": parameter_version()})


def _price(text: str) -> int | None:
    """A price as the contract writes money (euro, at most two decimals), in cents; None when it is
    not one, not above 0, or above what any single necessary cost can be (a typing error)."""
    try:
        amount = Decimal(text.strip())
        exact = amount.is_finite() and amount == amount.quantize(Decimal("0.01"))
    except InvalidOperation:
        return None
    return cents_of(amount) if exact and 0 < amount <= MAX_PRICE else None


def _problems(problems: list[InputProblem]) -> dict[str, Any]:
    return {
        "detail": "The household does not follow the contract.",
        "problems": [{"path": p.path, "message": p.message} for p in problems],
    }
