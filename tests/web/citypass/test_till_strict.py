"""The tills' API, hardened (issue 16, items 5 and 6): strictly typed input with a Dutch 400 that
names the field, an ``Idempotency-Key`` that makes a repeated request return the first answer, and
a reversal endpoint with the same ledger mechanics as the provider's page."""

from __future__ import annotations

import datetime as dt
import json
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client
from django.utils import timezone

from meedoen.web.citypass import idempotency, issuing, redemption
from meedoen.web.citypass.api import FIELD_HELP, KEY_REUSED
from meedoen.web.citypass.consistency import problems
from meedoen.web.citypass.models import Budget, LedgerEntry, TillRequest, TillToken
from tests.web.citypass.conftest import ADULT, offer

pytestmark = pytest.mark.django_db
URL = "/stadspas/api/boekingen"


@pytest.fixture
def token(provider) -> str:
    return TillToken.issue(provider, "Kassa 1")[1]


def send(token: str, body, key: str | None = None, *, raw: str | None = None, url: str = URL):
    headers = {"Authorization": f"Bearer {token}"} | ({"Idempotency-Key": key} if key is not None else {})
    data = raw if raw is not None else json.dumps(body)
    return Client(raise_request_exception=False).post(
        url, data, content_type="application/json", headers=headers
    )


def reverse_url(reference) -> str:
    return f"{URL}/{reference}/terugdraaien"


def balance(card) -> int:
    return sum(b.balance_cents for b in Budget.objects.filter(pass_card=card))


def body(card, offer_id: int, amount) -> dict:
    return {"pass_number": card.number, "offer_id": offer_id, "amount_cents": amount}


# -- strict types ------------------------------------------------------------------------------------

BAD_AMOUNTS = [
    True,
    False,
    "700",
    "7,00",
    1e3,
    7.5,
    700.0,
    -100,
    0,
    2**31,
    10**16,
    10**20,
    None,
    [700],
    {"a": 1},
]


@pytest.mark.parametrize("amount", BAD_AMOUNTS, ids=repr)
def test_an_amount_that_is_not_whole_cents_in_range_is_a_400_naming_the_field(card, provider, token, amount):
    response = send(token, body(card, offer(provider, "Zwemles volwassenen").pk, amount))
    assert response.status_code == 400
    assert response.json() == {
        "code": "invalid_field",
        "field": "amount_cents",
        "detail": f"amount_cents: {FIELD_HELP['amount_cents']}",
    }
    assert balance(card) == 15000 and not LedgerEntry.objects.filter(kind="redemption").exists()


@pytest.mark.parametrize("offer_id", [2**63, 2**64, -(2**70), 0, "12", 1.0, True], ids=repr)
def test_an_offer_id_out_of_range_or_of_another_type_is_a_400(card, token, offer_id):
    response = send(token, body(card, offer_id, 100))
    assert (response.status_code, response.json()["field"]) == (400, "offer_id")


@pytest.mark.parametrize(
    "number", ["\x00", "1234\x005678", "\u0661\u0662\u0663\u0664", "abc", "", "1" * 41, 1234567812345670]
)
def test_a_pass_number_with_nul_bytes_other_digits_or_of_another_type_is_a_400(provider, token, number):
    response = send(token, {"pass_number": number, "offer_id": 1, "amount_cents": 100})
    assert (response.status_code, response.json()["field"]) == (400, "pass_number")
    assert "pass_number:" in response.json()["detail"]


def test_a_missing_field_a_body_that_is_no_object_and_no_json_are_400_in_dutch(card, token):
    missing = send(token, {"pass_number": card.number, "offer_id": 1})
    assert missing.status_code == 400
    assert missing.json()["detail"].startswith("amount_cents ontbreekt.")
    for raw in ["[]", "12", '"x"', "{", "\x00", '{"pass_number": "\\u0000"}']:
        response = send(token, None, raw=raw)
        assert response.status_code == 400, raw
        assert response.json()["code"] in ("invalid_request", "invalid_field")
        assert "Stuur" in response.json()["detail"]


def test_a_reference_that_is_no_uuid_is_a_400_and_an_unknown_one_a_404(token):
    response = send(token, None, raw="", url=reverse_url("niet-een-uuid"))
    assert (response.status_code, response.json()["field"]) == (400, "reference")
    response = send(token, None, raw="", url=reverse_url(uuid.uuid4()))
    assert (response.status_code, response.json()["code"]) == (404, "booking_not_found")


# -- Idempotency-Key ---------------------------------------------------------------------------------


def test_a_replayed_booking_with_the_same_key_returns_the_first_answer_and_books_once(card, provider, token):
    lessons = offer(provider, "Zwemles volwassenen")
    first = send(token, body(card, lessons.pk, 2500), key="kassa1-000017")
    again = send(token, body(card, lessons.pk, 2500), key="kassa1-000017")
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
    assert LedgerEntry.objects.filter(kind="redemption").count() == 1 and balance(card) == 12500
    other_key = send(token, body(card, lessons.pk, 2500), key="kassa1-000018")
    assert other_key.json()["reference"] != first.json()["reference"] and balance(card) == 10000


def test_a_refusal_is_replayed_too_and_the_same_key_with_another_body_is_refused(card, provider, token):
    lessons = offer(provider, "Zwemles volwassenen")
    refused = send(token, body(card, lessons.pk, 9501), key="k-1")  # more than the price
    assert (refused.status_code, refused.json()["code"]) == (422, "bad_amount")
    assert send(token, body(card, lessons.pk, 9501), key="k-1").json() == refused.json()
    reused = send(token, body(card, lessons.pk, 100), key="k-1")
    assert reused.status_code == 422
    assert reused.json() == {
        "code": "idempotency_key_reused",
        "detail": KEY_REUSED,
        "field": "Idempotency-Key",
    }
    assert balance(card) == 15000


def test_keys_are_per_till(card, provider, token):
    lessons = offer(provider, "Zwemles volwassenen")
    other = TillToken.issue(provider, "Kassa 2")[1]
    assert send(token, body(card, lessons.pk, 100), key="1").status_code == 201
    assert send(other, body(card, lessons.pk, 100), key="1").status_code == 201  # another till's key
    assert balance(card) == 14800


@pytest.mark.parametrize("key", ["", "met spatie", "x" * 256, "sleutel\u00e9"])
def test_a_malformed_key_is_a_400(card, provider, token, key):
    response = send(token, body(card, offer(provider, "Zwemles volwassenen").pk, 100), key=key)
    assert (response.status_code, response.json()["field"]) == (400, "Idempotency-Key")
    assert balance(card) == 15000


def test_a_key_is_kept_for_the_retention_and_then_purged(card, provider, token):
    lessons = offer(provider, "Zwemles volwassenen")
    send(token, body(card, lessons.pk, 100), key="oud")
    TillRequest.objects.update(created_at=timezone.now() - idempotency.RETENTION - dt.timedelta(minutes=1))
    assert send(token, body(card, lessons.pk, 200), key="oud").status_code == 201  # forgotten: new request
    assert balance(card) == 14700 and TillRequest.objects.get().fingerprint != ""
    TillRequest.objects.update(created_at=timezone.now() - idempotency.RETENTION - dt.timedelta(minutes=1))
    call_command("citypass_till", "purge")
    assert not TillRequest.objects.exists()


def test_an_unknown_till_with_a_key_stores_nothing(card, provider):
    response = send("verzonnen", body(card, offer(provider, "Zwemles volwassenen").pk, 100), key="k")
    assert response.status_code == 401 and not TillRequest.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_same_key_sent_by_many_threads_at_once_books_once(resident, provider):
    """On PostgreSQL the unique (till, key) index makes the copies wait for the first and replay it."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite allows one writer at a time, so nothing runs in parallel")
    [card] = issuing.issue(resident, "nijmegen", "meedoenregeling", [ADULT])
    lessons = offer(provider, "Zwemles volwassenen")
    token = TillToken.issue(provider, "Kassa")[1]
    barrier = threading.Barrier(20)

    def one(i: int):
        barrier.wait()
        try:
            response = send(token, body(card, lessons.pk, 1000), key=f"dubbel-{i % 2}")
            return response.status_code, response.json()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(one, range(20)))
    assert {status for status, _ in answers} == {201}
    assert len({a["reference"] for _, a in answers}) == 2  # two keys, two bookings, each replayed 9 times
    assert LedgerEntry.objects.filter(kind="redemption").count() == 2 and balance(card) == 13000
    assert problems() == []


# -- reversal ----------------------------------------------------------------------------------------


def test_a_till_reverses_a_booking_once_through_the_ledger(card, provider, token):
    lessons = offer(provider, "Zwemles volwassenen")
    booked = send(token, body(card, lessons.pk, 9500)).json()
    assert balance(card) == 5500
    response = send(token, None, raw="", url=reverse_url(booked["reference"]), key="terug-1")
    assert response.status_code == 201
    reversal = response.json()
    assert (reversal["reverses"], reversal["amount_cents"], reversal["offer_id"]) == (
        booked["reference"],
        9500,
        lessons.pk,
    )
    entry = LedgerEntry.objects.get(reference=reversal["reference"])
    till = TillToken.objects.get(provider=provider)
    assert (entry.kind, entry.amount_cents, entry.reverses.reference, entry.till) == (
        "reversal",
        9500,
        uuid.UUID(booked["reference"]),
        till,
    )
    assert balance(card) == 15000 and problems() == []
    replay = send(token, None, raw="", url=reverse_url(booked["reference"]), key="terug-1")
    assert (replay.status_code, replay.json()) == (201, reversal)  # the same key: the same answer
    twice = send(token, None, raw="", url=reverse_url(booked["reference"]))
    assert (twice.status_code, twice.json()["code"]) == (409, "already_reversed")
    assert LedgerEntry.objects.filter(kind="reversal").count() == 1 and balance(card) == 15000


def test_a_till_reverses_a_booking_made_on_the_page_but_not_another_providers(
    card, provider, other_provider, token
):
    mine = redemption.book(provider, card.number, offer(provider, "Zwemles volwassenen").pk, 1000)
    theirs = redemption.book(other_provider, card.number, offer(other_provider, "Gitaarles").pk, 1000)
    refused = send(token, None, raw="", url=reverse_url(theirs.reference))
    assert (refused.status_code, refused.json()["code"]) == (404, "booking_not_found")
    assert send(token, None, raw="", url=reverse_url(mine.reference)).status_code == 201
    assert balance(card) == 14000  # theirs stays booked


def test_a_reversal_after_the_window_or_by_a_revoked_till_is_refused(card, provider, token):
    booked = redemption.book_at_till(token, card.number, offer(provider, "Zwemles volwassenen").pk, 1000)
    old = LedgerEntry.objects.create(
        budget=booked.budget,
        pass_card=card,
        kind="redemption",
        amount_cents=-500,
        provider=provider,
        at=timezone.now() - dt.timedelta(days=15),
    )
    Budget.objects.filter(pk=booked.budget_id).update(balance_cents=13500)
    late = send(token, None, raw="", url=reverse_url(old.reference))
    assert (late.status_code, late.json()) == (
        409,
        {"code": "reversal_too_late", "detail": redemption.TOO_LATE},
    )
    TillToken.objects.update(revoked_at=timezone.now())
    revoked = send(token, None, raw="", url=reverse_url(booked.reference))
    assert (revoked.status_code, revoked.json()["code"]) == (403, "till_revoked")
    assert not LedgerEntry.objects.filter(kind="reversal").exists() and problems() == []
