"""JSON for providers' tills and scanners: ``POST /stadspas/api/boekingen`` books an amount on a pass.

The same booking as the provider's web page (``redemption.book_at_till``, on PostgreSQL one SQL
statement), without session, CSRF, messages or a template, so a till costs a fraction of a page.
A till is known by its bearer token (``TillToken``, hashed at rest, made with ``manage.py
citypass_till add``); the booking statement itself looks the token up, so a revoked token is refused
on the very next booking and no token is cached. Each refusal has the page's Dutch message, a code
for the till's software and an HTTP status; unknown pass numbers count against the provider's rate
limit exactly as on the page. The OpenAPI schema is at ``/stadspas/api/openapi.json``.
"""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from django.http import HttpRequest, JsonResponse
from ninja import Field, NinjaAPI, Schema, Status
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from meedoen.web.citypass import redemption as r
from meedoen.web.citypass.throttling import TOO_MANY, count_unknown_number

# message -> (HTTP status, code for the till's software)
REFUSALS = {
    r.BAD_TOKEN: (401, "unknown_till"),
    r.REVOKED: (403, "till_revoked"),
    r.NOT_APPROVED: (403, "provider_not_approved"),
    TOO_MANY: (429, "too_many_unknown_numbers"),
    r.UNKNOWN: (404, "unknown_pass"),
    r.BLOCKED: (409, "pass_blocked"),
    r.NOT_OURS: (422, "offer_not_yours"),
    r.BAD_AMOUNT: (422, "bad_amount"),
    r.WRONG_AGE: (409, "wrong_age"),
    r.NO_BUDGET: (409, "no_budget"),
    r.EXPIRED: (409, "budget_expired"),
    r.TOO_LITTLE: (409, "balance_too_low"),
}


class TillToken(HttpBearer):
    """Hands the token to the booking, which checks it in its own statement (no query here)."""

    def authenticate(self, request: HttpRequest, token: str) -> str | None:
        return token or None


api = NinjaAPI(
    title="Meedoen stadspas kassa",
    version="1.0.0",
    description="Een bedrag afschrijven van een stadspas vanaf de kassa of scanner van een aanbieder. "
    "Alleen of de boeking gelukt is; nooit naam, inkomen, huishouden of saldo van de pashouder.",
    urls_namespace="citypass-api",
    docs_url=None,
    auth=TillToken(),
)


@api.exception_handler(AuthenticationError)
def unauthorized(request: HttpRequest, exc: AuthenticationError) -> JsonResponse:
    status, code = REFUSALS[r.BAD_TOKEN]
    return JsonResponse({"code": code, "detail": r.BAD_TOKEN}, status=status)


class BookingIn(Schema):
    pass_number: str = Field(max_length=40, description="Pasnummer zoals gescand of getypt")
    offer_id: int = Field(description="Een aanbod van de eigen organisatie")
    amount_cents: int = Field(description="Bedrag in centen, groter dan 0 en niet hoger dan de prijs")


class BookingOut(Schema):
    reference: UUID = Field(description="Nodig om de boeking terug te draaien")
    offer_id: int
    offer: str
    amount_cents: int
    booked_at: dt.datetime


class Problem(Schema):
    code: str
    detail: str


@api.post(
    "/boekingen",
    response={201: BookingOut, frozenset({401, 403, 404, 409, 422, 429}): Problem},
    summary="Afschrijven van een stadspas",
)
def book(request: HttpRequest, body: BookingIn):
    """Books the amount on the pass for one of the till's provider's offers, or refuses and books nothing."""
    try:
        entry = r.book_at_till(request.auth, body.pass_number, body.offer_id, body.amount_cents)
    except r.Refused as refusal:
        if isinstance(refusal, r.UnknownPass):
            count_unknown_number(refusal.provider_id)
        status, code = REFUSALS[str(refusal)]
        return Status(status, {"code": code, "detail": str(refusal)})
    # Sent as it is (the schema above documents it): validating our own five fields costs more than
    # the rest of the answer.
    booked = {
        "reference": str(entry.reference),
        "offer_id": entry.offer_id,
        "offer": entry.offer.name,
        "amount_cents": -entry.amount_cents,
        "booked_at": entry.at.isoformat(),
    }
    return JsonResponse(booked, status=201)
