"""Fuzzing the signal platforms' API from its own OpenAPI schema (schemathesis), with a valid platform
token so every request reaches the ingest and the status read: never a 5xx, and every documented
response matches the schema. Run on PostgreSQL too (CI): NUL bytes and out-of-range values fail
there, not on SQLite."""

from __future__ import annotations

from collections import Counter

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from meedoen.web.vroegsignalering.models import SignalPlatform
from tests.web.fuzzing import record_and_validate

schema = schemathesis.openapi.from_wsgi("/vroegsignalering/api/openapi.json", get_wsgi_application())
CALLS: Counter = Counter()


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """As Django's test client does: the WSGI handler would close the connection that holds the
    test's transaction after each request (PostgreSQL then fails the next query)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def platform_token(team) -> str:
    return SignalPlatform.register("Inforing", "nijmegen")[1]


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_error_for_any_input(case, platform_token):
    response = case.call(headers={"Authorization": f"Bearer {platform_token}"})
    record_and_validate(CALLS, case, response, "/vroegsignalering/api")


def test_zz_report_calls():
    """Prints the number of fuzz calls (run with -s) for the closing note."""
    print(f"signals API fuzz: {dict(sorted(CALLS.items()))}")
    if CALLS:
        assert CALLS["server errors"] == 0
