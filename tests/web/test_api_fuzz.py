"""Fuzzing the calculation API from its own OpenAPI schema (schemathesis): never a 5xx, and every
response that the schema describes matches it. Half of the generated bodies are aimed: a valid
household with one generated field put in, so the fuzz reaches the engine and not only the
validator; the last test prints the figures (issue 16: the number of calls per API)."""

from __future__ import annotations

import json
from collections import Counter
from itertools import count
from pathlib import Path

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.db import connection
from django.test import override_settings
from hypothesis import HealthCheck, settings

from tests.web.fuzzing import record_and_validate

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
ROOT = Path(__file__).parents[2]
EXAMPLE = json.loads((ROOT / "meedoen" / "examples" / "household_arnhem.json").read_text())
EXAMPLES = 400
CALLS: Counter = Counter()
TURN = count()


def aim(case) -> None:
    """Every other case: the example household with one of the generated body's fields laid over
    it (a generated date, person list or assets reaches the rules with everything else valid)."""
    turn = next(TURN)
    if turn % 2 or not isinstance(case.body, dict):
        return
    fields = sorted(k for k in case.body if k in EXAMPLE)
    chosen = {fields[turn // 2 % len(fields)]: case.body[fields[turn // 2 % len(fields)]]} if fields else {}
    case.body = {**EXAMPLE, **chosen}


@pytest.mark.django_db
@override_settings(API_RATE="100000/m")
@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_error_for_any_input(case):
    aim(case)
    record_and_validate(CALLS, case, case.call(), "/api/v1")


def test_the_fuzz_ran_enough_calls_and_reached_the_engine():
    if not CALLS:
        pytest.skip("the fuzz test did not run in this session")
    print(f"\ncalculation API fuzz on {connection.vendor}: {dict(sorted(CALLS.items()))}")
    assert CALLS["calls"] >= EXAMPLES and CALLS["server errors"] == 0
    assert CALLS["POST /check 200"] > 0 and CALLS["POST /check 400"] > 0
