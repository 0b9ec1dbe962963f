"""Fuzzing the tills' API from its own OpenAPI schema (schemathesis; issue 16, item 5): never a 5xx,
and every response matches the schema. Every request carries a valid till key, and half of the
generated bodies get a real pass number, offer and booking reference, so the fuzz reaches the booking
and the reversal themselves, not only the checks in front of them. Run it on PostgreSQL too (that is
where out-of-range numbers and NUL bytes used to give 500s); the last test prints the figures."""

from __future__ import annotations

from collections import Counter
from itertools import count

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, connection
from django.test import override_settings
from hypothesis import HealthCheck, settings

from meedoen.web.citypass import issuing, redemption
from meedoen.web.citypass.models import TillToken
from tests.web.citypass.conftest import ADULT, make_provider
from tests.web.fuzzing import record_and_validate

schema = schemathesis.openapi.from_wsgi("/stadspas/api/openapi.json", get_wsgi_application())
EXAMPLES = 400  # per operation (booking, reversal)
CALLS: Counter = Counter()
TURN = count()


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """The WSGI app closes the database connection after each request, as in production; Django's
    test client prevents that, schemathesis's WSGI client does not (the test's transaction would go)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def till(resident) -> dict:
    """A pass with a budget and an approved provider with an offer, and the till's key."""
    [card] = issuing.issue(resident, "nijmegen", "meedoenregeling", [ADULT])
    provider = make_provider("Zwembad West", "12345678")
    lessons = provider.offers.create(name="Zwemles", category="sport", price_cents=9500)
    key = TillToken.issue(provider, "Kassa fuzz")[1]
    booked = [str(redemption.book_at_till(key, card.number, lessons.pk, 100).reference) for _ in range(20)]
    return {"key": key, "number": card.number, "offer": lessons.pk, "booked": booked}


def aim(case, till: dict) -> None:
    """Every other case: the real pass, offer or booking in place of the generated one."""
    turn = next(TURN)
    if turn % 2:
        return
    if isinstance(case.body, dict):
        if isinstance(case.body.get("pass_number"), str):
            case.body["pass_number"] = till["number"]
        if isinstance(case.body.get("offer_id"), int) and not isinstance(case.body["offer_id"], bool):
            case.body["offer_id"] = till["offer"]
    if case.path_parameters and "reference" in case.path_parameters:
        case.path_parameters["reference"] = till["booked"][turn // 2 % len(till["booked"])]


@pytest.mark.django_db
@override_settings(API_RATE="100000/m")
@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_error_for_any_input(case, till):
    aim(case, till)
    response = case.call(headers={"Authorization": f"Bearer {till['key']}"})
    record_and_validate(CALLS, case, response, "/stadspas/api")


def test_the_fuzz_ran_enough_calls_and_reached_the_booking():
    if not CALLS:
        pytest.skip("the fuzz test did not run in this session")
    print(f"\ntill API fuzz on {connection.vendor}: {dict(sorted(CALLS.items()))}")
    assert CALLS["calls"] >= EXAMPLES and CALLS["server errors"] == 0
    assert CALLS["POST /boekingen 201"] > 0 and CALLS["POST /boekingen/{reference}/terugdraaien 201"] > 0
