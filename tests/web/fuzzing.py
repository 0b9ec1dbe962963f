"""What every API fuzz test does with a response (schemathesis): count it by operation and status,
count server errors, and validate it against the schema (never a 5xx, content type and body as the
schema says). The counts are printed for the issue's closing note."""

from __future__ import annotations

from collections import Counter

from schemathesis.checks import content_type_conformance, not_a_server_error, response_schema_conformance

CHECKS = [not_a_server_error, content_type_conformance, response_schema_conformance]


def record_and_validate(calls: Counter, case, response, prefix: str) -> None:
    calls["calls"] += 1
    calls[f"{case.method} {case.path.removeprefix(prefix)} {response.status_code}"] += 1
    if response.status_code >= 500:
        calls["server errors"] += 1
    case.validate_response(response, checks=CHECKS)
