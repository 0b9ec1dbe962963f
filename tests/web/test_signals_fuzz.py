"""Fuzzing the signal platforms' API from its own OpenAPI schema (schemathesis), with a valid platform
token so every request reaches the ingest and the status read: never a 5xx, and every documented
response matches the schema. Run on PostgreSQL too (CI): NUL bytes and out-of-range values fail
there, not on SQLite."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import content_type_conformance, not_a_server_error, response_schema_conformance

from meedoen.web.vroegsignalering.models import SignalPlatform

schema = schemathesis.openapi.from_wsgi("/vroegsignalering/api/openapi.json", get_wsgi_application())
CALLS: dict[str, int] = {"total": 0, "server_errors": 0}


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
    CALLS["total"] += 1
    response = case.call(headers={"Authorization": f"Bearer {platform_token}"})
    if response.status_code >= 500:
        CALLS["server_errors"] += 1
    case.validate_response(
        response, checks=[not_a_server_error, content_type_conformance, response_schema_conformance]
    )


def test_zz_report_calls():
    """Prints the number of fuzz calls (run with -s) for the closing note."""
    print(f"signals API fuzz: {CALLS['total']} calls, {CALLS['server_errors']} server errors")
