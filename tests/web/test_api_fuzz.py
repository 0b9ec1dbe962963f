"""Fuzzing the calculation API from its own OpenAPI schema (schemathesis): never a 5xx, and every
response that the schema describes matches it."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import content_type_conformance, not_a_server_error, response_schema_conformance

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_error_for_any_input(case):
    case.call_and_validate(checks=[not_a_server_error, content_type_conformance, response_schema_conformance])
