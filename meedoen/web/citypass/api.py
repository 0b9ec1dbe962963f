"""JSON for providers' tills and scanners: ``POST /stadspas/api/boekingen`` books an amount on a pass,
``POST /stadspas/api/boekingen/{reference}/terugdraaien`` reverses a booking.

The same booking as the provider's web page (``redemption.book_at_till``, on PostgreSQL one SQL
statement), without session, CSRF, messages or a template, so a till costs a fraction of a page.
A till is known by its bearer token (``TillToken``, hashed at rest, made with ``manage.py
citypass_till add``); the booking statement itself looks the token up, so a revoked token is refused
on the very next booking and no token is cached. Each refusal has the page's Dutch message, a code
for the till's software and an HTTP status; unknown pass numbers count against the provider's rate
limit exactly as on the page. The OpenAPI schema is at ``/stadspas/api/openapi.json``.

Strict input (issue 16): amounts and ids are JSON integers, never ``true``, ``"700"``, ``1e3`` or
``7.5``, within the range the database holds; anything else is a 400 whose Dutch message names the
field, never a 5xx. An ``Idempotency-Key`` header makes a repeated request return the first answer
(``idempotency.py``); without it a booking stays one statement.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any
from uuid import UUID

from django.http import HttpRequest, JsonResponse
from ninja import Field, Header, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer
from pydantic import StrictInt, StrictStr

from meedoen.web.citypass import idempotency
from meedoen.web.citypass import redemption as r
from meedoen.web.citypass.models import LedgerEntry
from meedoen.web.citypass.throttling import TOO_MANY, count_unknown_number

MAX_ID = 2**63 - 1  # the database's bigint
KEY_PATTERN = r"^[!-~]{1,255}$"  # visible ASCII, no spaces: a UUID, a ULID, a till's own counter

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
    r.NOT_FOUND: (404, "booking_not_found"),
    r.ALREADY: (409, "already_reversed"),
    r.TOO_LATE: (409, "reversal_too_late"),
}
KEY_REUSED = (
    "Deze Idempotency-Key hebt u al gebruikt voor een ander verzoek. Gebruik voor elk nieuw verzoek "
    "een nieuwe sleutel; stuur dezelfde sleutel alleen mee als u precies hetzelfde verzoek herhaalt."
)
# What a till sent wrongly, per field: said in the message, so a developer sees it in a log line.
FIELD_HELP = {
    "pass_number": "Stuur het pasnummer als tekst: de 16 cijfers van de pas (spaties en streepjes mogen).",
    "offer_id": f"Stuur offer_id als heel getal van 1 tot en met {MAX_ID}: het nummer van een aanbod "
    "van uw organisatie.",
    "amount_cents": f"Stuur amount_cents als heel getal in centen, van 1 tot en met {r.MAX_CENTS}: 750 is "
    '7,50 euro. Geen tekst zoals "700", geen true of false en geen getal met punt of e (7.5, 1e3).',
    "Idempotency-Key": "De Idempotency-Key is 1 tot 255 tekens zonder spaties (letters, cijfers en "
    "leestekens), bijvoorbeeld een UUID.",
    "reference": "Stuur de referentie (een UUID) die u kreeg bij het afschrijven.",
}
BAD_BODY = "Stuur een JSON-object met pass_number, offer_id en amount_cents."


class TillToken(HttpBearer):
    """Hands the token to the booking, which checks it in its own statement (no query here)."""

    def authenticate(self, request: HttpRequest, token: str) -> str | None:
        return token or None


api = NinjaAPI(
    title="Meedoen stadspas kassa",
    version="1.1.0",
    description="Een bedrag afschrijven van een stadspas vanaf de kassa of scanner van een aanbieder, "
    "en een boeking terugdraaien. Alleen of de boeking gelukt is; nooit naam, inkomen, huishouden of "
    "saldo van de pashouder. Bedragen zijn hele getallen in centen. Stuur bij elk verzoek een eigen "
    "Idempotency-Key mee: herhaalt u een verzoek met dezelfde sleutel (bijvoorbeeld omdat het antwoord "
    "niet aankwam), dan krijgt u het eerste antwoord terug en wordt er niet twee keer afgeschreven. "
    "Een sleutel wordt 24 uur bewaard.",
    urls_namespace="citypass-api",
    docs_url=None,
    auth=TillToken(),
)


def problem(status: int, code: str, detail: str, field: str | None = None, **headers: str) -> JsonResponse:
    body = {"code": code, "detail": detail} | ({"field": field} if field else {})
    response = JsonResponse(body, status=status)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


@api.exception_handler(AuthenticationError)
def unauthorized(request: HttpRequest, exc: AuthenticationError) -> JsonResponse:
    status, code = REFUSALS[r.BAD_TOKEN]
    return problem(status, code, r.BAD_TOKEN)


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> JsonResponse:
    """A field of the wrong type or out of range: 400, the field named in Dutch (never pydantic's
    English and never the value itself, which may be anything)."""
    for error in exc.errors:
        field = next((str(part) for part in reversed(error.get("loc", ())) if str(part) in FIELD_HELP), None)
        if field:
            missing = error.get("type") == "missing"
            detail = f"{field} ontbreekt. {FIELD_HELP[field]}" if missing else f"{field}: {FIELD_HELP[field]}"
            return problem(400, "invalid_field", detail, field)
    return problem(400, "invalid_request", BAD_BODY)


@api.exception_handler(HttpError)
def bad_request(request: HttpRequest, exc: HttpError) -> JsonResponse:
    """Ninja's own refusals (a body that is no JSON at all) in the API's words."""
    if exc.status_code == 400:
        return problem(400, "invalid_request", f"Het verzoek is geen geldige JSON. {BAD_BODY}")
    return problem(exc.status_code, "refused", str(exc))


class BookingIn(Schema):
    pass_number: StrictStr = Field(
        min_length=1, max_length=40, pattern=r"^[0-9 -]+$", description="Pasnummer zoals gescand of getypt"
    )
    offer_id: StrictInt = Field(ge=1, le=MAX_ID, description="Een aanbod van de eigen organisatie")
    amount_cents: StrictInt = Field(
        ge=1, le=r.MAX_CENTS, description="Bedrag in hele centen (750 is 7,50 euro), niet hoger dan de prijs"
    )


class BookingOut(Schema):
    reference: UUID = Field(description="Nodig om de boeking terug te draaien")
    offer_id: int
    offer: str
    amount_cents: int
    booked_at: dt.datetime


class ReversalOut(Schema):
    reference: UUID = Field(description="De referentie van de terugboeking")
    reverses: UUID = Field(description="De referentie van de boeking die is teruggedraaid")
    offer_id: int
    amount_cents: int = Field(description="Het bedrag in centen dat weer op de pas staat")
    reversed_at: dt.datetime


class Problem(Schema):
    code: str
    detail: str
    field: str | None = Field(None, description="Het veld dat niet klopt (bij code invalid_field)")


IdempotencyKey = Annotated[
    str | None,
    Header(
        None,
        alias="Idempotency-Key",
        pattern=KEY_PATTERN,
        description="Een eigen sleutel per verzoek (bijvoorbeeld een UUID). Hetzelfde verzoek opnieuw met "
        "dezelfde sleutel geeft het eerste antwoord terug, zonder opnieuw af te schrijven of terug te "
        "draaien. Dezelfde sleutel met een ander verzoek: 422 idempotency_key_reused.",
    ),
]
REFUSED = frozenset({400, 401, 403, 404, 409, 422, 429})


def _answer(answer: idempotency.Answer) -> JsonResponse:
    response = JsonResponse(answer.body, status=answer.status)
    if answer.replayed:
        response["Idempotent-Replayed"] = "true"
    return response


def _refused(refusal: r.Refused) -> idempotency.Answer:
    if isinstance(refusal, r.UnknownPass):
        count_unknown_number(refusal.provider_id)
    status, code = REFUSALS[str(refusal)]
    return idempotency.Answer(status, {"code": code, "detail": str(refusal)})


def _with_key(token: str, key: str | None, operation: str, body: dict[str, Any], run) -> JsonResponse:
    """``run()`` once per till and key; without a key simply ``run()``."""
    if key is None:
        return _answer(run())
    try:
        till = r.till_for(token)
        answer = idempotency.once(till.pk, key, idempotency.fingerprint(operation, body), run)
    except r.Refused as refusal:  # unknown or revoked till: nothing to keep the key for
        answer = _refused(refusal)
    except idempotency.KeyReused:
        return problem(422, "idempotency_key_reused", KEY_REUSED, "Idempotency-Key")
    return _answer(answer)


@api.post(
    "/boekingen",
    response={201: BookingOut, REFUSED: Problem},
    summary="Afschrijven van een stadspas",
)
def book(request: HttpRequest, body: BookingIn, idempotency_key: IdempotencyKey = None):
    """Books the amount on the pass for one of the till's provider's offers, or refuses and books nothing."""

    def run() -> idempotency.Answer:
        try:
            entry = r.book_at_till(request.auth, body.pass_number, body.offer_id, body.amount_cents)
        except r.Refused as refusal:
            return _refused(refusal)
        # Sent as it is (the schema above documents it): validating our own five fields costs more
        # than the rest of the answer.
        booked = {
            "reference": str(entry.reference),
            "offer_id": entry.offer_id,
            "offer": entry.offer.name,
            "amount_cents": -entry.amount_cents,
            "booked_at": entry.at.isoformat(),
        }
        return idempotency.Answer(201, booked)

    return _with_key(request.auth, idempotency_key, "book", body.dict(), run)


@api.post(
    "/boekingen/{reference}/terugdraaien",
    response={201: ReversalOut, REFUSED: Problem},
    summary="Een boeking terugdraaien",
)
def reverse(request: HttpRequest, reference: UUID, idempotency_key: IdempotencyKey = None):
    """Reverses a booking of the till's provider (made at any of its tills or on its page) within
    the reversal window: the money goes back to the budget it came from, by a new ledger entry."""

    def run() -> idempotency.Answer:
        try:
            entry: LedgerEntry = r.reverse_at_till(request.auth, reference)
        except r.Refused as refusal:
            return _refused(refusal)
        reversed_ = {
            "reference": str(entry.reference),
            "reverses": str(reference),
            "offer_id": entry.offer_id,
            "amount_cents": entry.amount_cents,
            "reversed_at": entry.at.isoformat(),
        }
        return idempotency.Answer(201, reversed_)

    return _with_key(request.auth, idempotency_key, "reverse", {"reference": str(reference)}, run)
