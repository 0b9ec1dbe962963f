"""The tills' JSON API (``POST /stadspas/api/boekingen``): the same booking and the same refusals as
the provider's page, a bearer token per till, the rate limit on unknown numbers, and no overspending
under 50 parallel tills on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.test import Client, override_settings
from django.utils import timezone

from meedoen.web.api.tokens import token_hash
from meedoen.web.citypass import issuing, redemption
from meedoen.web.citypass.consistency import problems
from meedoen.web.citypass.models import Budget, LedgerEntry, Provider, TillToken
from meedoen.web.citypass.numbers import new_pass_number
from meedoen.web.citypass.throttling import TOO_MANY
from tests.web.citypass.conftest import ADULT, make_provider, offer
from tests.web.conftest import logged_in

pytestmark = pytest.mark.django_db
URL = "/stadspas/api/boekingen"


@pytest.fixture
def token(provider) -> str:
    return TillToken.issue(provider, "Kassa 1")[1]


def post(token: str | None, number: str, offer_id: int, cents: int, client: Client | None = None):
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    body = {"pass_number": number, "offer_id": offer_id, "amount_cents": cents}
    return (client or Client()).post(URL, json.dumps(body), content_type="application/json", headers=headers)


def balance(card) -> int:
    return sum(b.balance_cents for b in Budget.objects.filter(pass_card=card))


def refused(status: int, code: str, message: str, token, number, offer_id, cents) -> None:
    entries = LedgerEntry.objects.count()
    response = post(token, number, offer_id, cents)
    assert (response.status_code, response.json()) == (status, {"code": code, "detail": message})
    assert LedgerEntry.objects.count() == entries  # nothing booked


def test_a_till_books_and_gets_only_what_it_needs(card, provider, token):
    lessons = offer(provider, "Zwemles volwassenen")
    response = post(token, card.grouped_number, lessons.pk, 9500)  # as printed, with spaces
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"reference", "offer_id", "offer", "amount_cents", "booked_at"}  # no balance, no name
    assert (body["offer"], body["amount_cents"], body["offer_id"]) == (
        "Zwemles volwassenen",
        9500,
        lessons.pk,
    )
    entry = LedgerEntry.objects.get(reference=body["reference"])
    till = TillToken.objects.get()
    assert (entry.amount_cents, entry.provider, entry.till, entry.by) == (-9500, provider, till, None)
    assert balance(card) == 5500 and problems() == []
    redemption.reverse(provider, body["reference"])  # reversed like any booking
    assert balance(card) == 15000


def test_every_refusal_has_the_pages_message_a_code_and_a_status(card, provider, other_provider, token):
    lessons = offer(provider, "Zwemles volwassenen")
    refused(404, "unknown_pass", redemption.UNKNOWN, token, new_pass_number(), lessons.pk, 100)
    refused(404, "unknown_pass", redemption.UNKNOWN, token, "1234", lessons.pk, 100)
    gitaar = offer(other_provider, "Gitaarles").pk
    refused(422, "offer_not_yours", redemption.NOT_OURS, token, card.number, gitaar, 100)
    refused(422, "offer_not_yours", redemption.NOT_OURS, token, card.number, 999999, 100)
    refused(422, "bad_amount", redemption.BAD_AMOUNT, token, card.number, lessons.pk, 9501)
    # zero, negative and out of range are no amount at all: the schema's 400 (test_till_strict.py)
    school = offer(provider, "Schoolzwemmen").pk
    refused(409, "wrong_age", redemption.WRONG_AGE, token, card.number, school, 100)
    refused(
        409,
        "balance_too_low",
        redemption.TOO_LITTLE,
        token,
        card.number,
        offer(provider, "Jaarabonnement").pk,
        15001,
    )
    new = issuing.replace(card, by=None)
    refused(409, "pass_blocked", redemption.BLOCKED, token, card.number, lessons.pk, 100)
    assert post(token, new.number, lessons.pk, 100).status_code == 201
    response = post(token, card.number, lessons.pk, 100)
    assert response.status_code == 409  # a malformed body is a 400 naming the field
    bad = Client().post(
        URL, "{}", content_type="application/json", headers={"Authorization": f"Bearer {token}"}
    )
    assert (bad.status_code, bad.json()["code"]) == (400, "invalid_field")
    assert LedgerEntry.objects.filter(kind="redemption").count() == 1


def test_no_budget_and_an_expired_budget_are_refused(resident, card, provider, token):
    lessons = offer(provider, "Zwemles volwassenen")
    [bare] = issuing.issue(resident, "nijmegen", "meedoenpas", [{**ADULT, "id": "ander"}])
    refused(409, "no_budget", redemption.NO_BUDGET, token, bare.number, lessons.pk, 100)
    last_year = timezone.localdate().replace(month=1, day=1) - dt.timedelta(days=1)
    Budget.objects.filter(pass_card=card).update(
        period_start=last_year.replace(month=1, day=1), period_end=last_year
    )
    refused(409, "budget_expired", redemption.EXPIRED, token, card.number, lessons.pk, 100)


def budget_ending_a_year_later(card) -> Budget:
    """A second budget of EUR 50 for the same categories, granted through the ledger."""
    first = card.budgets.get()
    later = Budget.objects.create(
        pass_card=card,
        scheme_id="extra",
        label="Extra",
        categories=first.categories,
        period_start=first.period_start,
        period_end=first.period_end + dt.timedelta(days=365),
        balance_cents=5000,
    )
    LedgerEntry.objects.create(budget=later, pass_card=card, kind=LedgerEntry.Kind.GRANT, amount_cents=5000)
    return later


def test_the_budget_that_ends_first_is_spent_first(card, provider, token):
    budget_ending_a_year_later(card)
    lessons = offer(provider, "Jaarabonnement")
    assert post(token, card.number, lessons.pk, 14000).status_code == 201  # from the first: 10,00 left
    assert post(token, card.number, lessons.pk, 4000).status_code == 201  # does not fit: from the later one
    assert [b.balance_cents for b in card.budgets.order_by("period_end")] == [1000, 1000]
    assert problems() == []


def test_a_pending_provider_cannot_book(card):
    pending = make_provider("Nieuw Sportcentrum", "11112222", status=Provider.Status.PENDING)
    lessons = pending.offers.create(name="Les", category="sport", price_cents=1000)
    token = TillToken.issue(pending, "Kassa")[1]
    refused(403, "provider_not_approved", redemption.NOT_APPROVED, token, card.number, lessons.pk, 100)


def test_a_missing_wrong_or_revoked_token_is_refused(card, provider, token):
    lessons = offer(provider, "Zwemles volwassenen")
    refused(401, "unknown_till", redemption.BAD_TOKEN, None, card.number, lessons.pk, 100)
    refused(401, "unknown_till", redemption.BAD_TOKEN, "verzonnen", card.number, lessons.pk, 100)
    refused(401, "unknown_till", redemption.BAD_TOKEN, "", card.number, lessons.pk, 100)
    TillToken.objects.update(revoked_at=timezone.now())
    refused(403, "till_revoked", redemption.REVOKED, token, card.number, lessons.pk, 100)
    assert balance(card) == 15000


@override_settings(API_RATE="3/m")
def test_unknown_numbers_at_the_till_count_against_the_providers_limit(card, provider, other_provider, token):
    cache.clear()
    lessons = offer(provider, "Zwemles volwassenen")
    for _ in range(4):  # three within the limit, the fourth goes over it
        assert post(token, "1234567812345670", lessons.pk, 100).status_code == 404
    refused(429, "too_many_unknown_numbers", TOO_MANY, token, card.number, lessons.pk, 100)
    # The same provider's page is blocked too; another provider's till is not.
    page = logged_in(provider.users.get()).post("/stadspas/aanbieder/", {"number": card.number})
    assert page.status_code == 429
    other = TillToken.issue(other_provider, "Kassa")[1]
    assert post(other, card.number, offer(other_provider, "Gitaarles").pk, 100).status_code == 201


def test_the_till_command_prints_a_token_once_and_revokes(provider, capsys):
    call_command("citypass_till", "add", provider.kvk_number, "Kassa 1")
    out = capsys.readouterr().out
    token = out.split("getoond): ")[1].strip()
    till = TillToken.objects.get()
    assert till.token_hash == token_hash(token) and token not in till.token_hash  # only the hash is kept
    call_command("citypass_till", "list", provider.kvk_number)
    assert f"{till.pk}\tKassa 1\tgeldig" in capsys.readouterr().out
    call_command("citypass_till", "revoke", str(till.pk))
    assert TillToken.objects.get().revoked_at is not None
    with pytest.raises(CommandError):
        call_command("citypass_till", "revoke", str(till.pk))  # already revoked
    with pytest.raises(CommandError):
        call_command("citypass_till", "add", "00000000", "Kassa 2")  # no such provider
    pending = make_provider("Nieuw", "11112222", status=Provider.Status.PENDING)
    with pytest.raises(CommandError):
        call_command("citypass_till", "add", pending.kvk_number, "Kassa 1")


def test_the_openapi_schema_describes_the_booking():
    schema = Client().get("/stadspas/api/openapi.json").json()
    operation = schema["paths"]["/stadspas/api/boekingen"]["post"]
    assert {"201", "400", "401", "403", "404", "409", "422", "429"} <= set(operation["responses"])
    reversal = schema["paths"]["/stadspas/api/boekingen/{reference}/terugdraaien"]["post"]
    assert {"201", "400", "401", "404", "409", "422"} <= set(reversal["responses"])
    for op in (operation, reversal):
        assert "Idempotency-Key" in [p["name"] for p in op["parameters"] if p["in"] == "header"]
    amount = schema["components"]["schemas"]["BookingIn"]["properties"]["amount_cents"]
    assert (amount["type"], amount["minimum"], amount["maximum"]) == ("integer", 1, 2**31 - 1)


@pytest.mark.django_db(transaction=True)
def test_parallel_tills_spend_two_budgets_to_the_last_cent(resident, provider):
    """The statement picks the earliest budget from its snapshot; losing that race to another till
    is retried on the later budget, so no booking is refused while money is left."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite allows one writer at a time, so nothing runs in parallel")
    [card] = issuing.issue(resident, "nijmegen", "meedoenregeling", [ADULT])
    budget_ending_a_year_later(card)
    lessons = offer(provider, "Jaarabonnement")
    token = TillToken.issue(provider, "Kassa")[1]

    def one(_: int) -> bool:
        try:
            redemption.book_at_till(token, card.number, lessons.pk, 1000)
            return True
        except redemption.Refused:
            return False
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=30) as pool:
        results = list(pool.map(one, range(30)))
    assert results.count(True) == 20 and balance(card) == 0  # 150 + 50 euro, 10 euro each
    assert problems() == []


def test_on_postgresql_a_booking_is_one_statement(card, provider, token, django_assert_num_queries):
    if connection.vendor != "postgresql":
        pytest.skip("the one-statement booking is PostgreSQL's; SQLite uses the ORM")
    lessons = offer(provider, "Zwemles volwassenen")
    redemption.book(provider, card.number, lessons.pk, 100)  # the first on a connection also prepares it
    with django_assert_num_queries(1):
        assert post(token, card.number, lessons.pk, 100).status_code == 201
    with django_assert_num_queries(1):
        redemption.book(provider, card.number, lessons.pk, 100)
    assert balance(card) == 14700 and problems() == []


def test_a_provider_adds_a_till_sees_its_key_once_and_revokes_it(provider, card):
    client = logged_in(provider.users.get())
    empty = client.post("/stadspas/aanbieder/kassas/", {"name": ""}).content.decode()
    assert "Vul een naam voor de kassa in" in empty and not TillToken.objects.exists()
    html = client.post("/stadspas/aanbieder/kassas/", {"name": "Kassa bad"}).content.decode()
    till = TillToken.objects.get(provider=provider, name="Kassa bad")
    key = html.split("<code>")[1].split("</code>")[0]
    assert token_hash(key) == till.token_hash  # the key shown is the till's; only its hash is kept
    assert key not in client.get("/stadspas/aanbieder/kassas/").content.decode()  # shown once
    zwemles = offer(provider, "Zwemles volwassenen")
    assert post(key, card.number, zwemles.pk, 500).status_code == 201

    client.post(f"/stadspas/aanbieder/kassas/{till.pk}/intrekken/")
    till.refresh_from_db()
    assert till.revoked_at is not None
    assert post(key, card.number, zwemles.pk, 500).status_code == 403


def test_a_provider_cannot_revoke_another_providers_till(provider):
    other = make_provider("Muziekschool", "40000009")
    till, _ = TillToken.issue(other, "Kassa 1")
    response = logged_in(provider.users.get()).post(f"/stadspas/aanbieder/kassas/{till.pk}/intrekken/")
    assert response.status_code == 404
    till.refresh_from_db()
    assert till.revoked_at is None
