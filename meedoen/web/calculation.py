"""The web app's one door to the rules engine: which peildatum, the evaluation, the parameter version.

Views, the API and the decisions all come through here, so they agree on the date and the version a
result was computed with; no view computes an entitlement itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.utils import timezone

from meedoen.rules.entitlements import CHOICE_CODES as CHOICE_CODES  # for the pages showing a trace
from meedoen.rules.entitlements import entitlements, persons_where
from meedoen.rules.entitlements import product_cost as _product_cost
from meedoen.rules.entitlements import products as products
from meedoen.rules.household import parse_household
from meedoen.rules.parameters import PARAMETER_ROOT, ParameterSet


def peildatum(municipality: str, today: dt.date | None = None) -> dt.date:
    """Today: the rules hold on every date. Where today is past a scheme's last published amounts,
    its result is marked provisional and the page says so (never a silently older date)."""
    return today or timezone.localdate()


def evaluate(household: dict[str, Any], *, trace: bool = False) -> dict[str, Any]:
    """The contract's output for a household in contract form (raises the engine's errors)."""
    return entitlements(parse_household(household), trace=trace)


def persons_with(
    household: dict[str, Any], variable: str, parameters: ParameterSet | None = None
) -> list[str]:
    """The ids of the persons of a household (contract form) for whom a person variable holds."""
    return persons_where(parse_household(household), variable, parameters)


# The highest price the product question takes (euro): above it a typing error is far likelier than
# one necessary cost; the portal and the API refuse it alike.
MAX_PRICE = Decimal(100000)


def product_cost(household: dict[str, Any], product: str, price_cents: int, name: str) -> dict[str, Any]:
    """What a cost for ``product`` (``name`` in the sentence) of ``price_cents`` costs the household
    (contract form) and the municipality under the bijzondere bijstand; None amounts are unknown."""
    return _product_cost(parse_household(household), product, price_cents, name)


@lru_cache(maxsize=1)
def parameter_version() -> str:
    """A fingerprint of every parameter file: a decision names the exact rules it was made with."""
    digest = hashlib.sha256()
    for file in sorted(PARAMETER_ROOT.rglob("*.yaml")):
        digest.update(str(file.relative_to(PARAMETER_ROOT)).encode())
        digest.update(file.read_bytes())
    return f"parameters-{digest.hexdigest()[:12]}"
