"""REST for signal platforms: post signals (the contract's columns as JSON), ask a signal's status.

Authenticated with a bearer token per platform (:class:`SignalPlatform`, hashed at rest); the
platform's municipality is the one the signals go to. A platform is its own sender: it reads the
status of its own signals only, and its ids never collide with another's. Every status read is in
the audit log. The OpenAPI schema is at ``/vroegsignalering/api/openapi.json``.

The documented maximum of 10,000 signals per request needs more than the site-wide request limit
(``DATA_UPLOAD_MAX_MEMORY_SIZE``, 2 MiB): :func:`body_limit` reads this endpoint's body itself, up
to :data:`MAX_BODY_BYTES`, and answers a larger one with the API's JSON error (413).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from ninja import NinjaAPI, Schema, Status
from ninja.decorators import decorate_view
from ninja.parser import Parser
from ninja.security import HttpBearer

from meedoen.signals.parsing import COLUMNS, FileProblem, parse_records
from meedoen.signals.thresholds import threshold_cents
from meedoen.web.accounts.models import User
from meedoen.web.api.tokens import token_hash
from meedoen.web.audit.log import record
from meedoen.web.audit.models import Action
from meedoen.web.vroegsignalering.feedback import creditor_status
from meedoen.web.vroegsignalering.models import Signal, SignalPlatform, Source
from meedoen.web.vroegsignalering.storage import Delivery, ingest

MAX_SIGNALS = 10_000
# Every field of a signal at the contract's maximum length, with its JSON key: under 4 KiB.
MAX_BODY_BYTES = MAX_SIGNALS * 4096
MAX_SIGNAL_ID = 100  # the contract's (and the column's) maximum length of a signaal_id
PURPOSE = "vroegsignalering: terugmelding aan de schuldeiser"


def _too_large(limit: int) -> HttpResponse:
    return JsonResponse(
        {"detail": f"request body larger than {limit} bytes: send at most {MAX_SIGNALS} signals per request"},
        status=413,
    )


def body_limit(
    limit: int, allowed: Callable[[HttpRequest], bool]
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Read the request body up to ``limit`` bytes before Django's site-wide limit is applied (it
    is checked only when ``request.body`` is first read); a larger body gets a JSON 413 unread. Only
    for an ``allowed`` request (a valid token): anyone else is refused before a byte is read."""

    def decorate(run: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(run)
        def view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not allowed(request):
                return run(request, *args, **kwargs)  # ninja answers 401 without reading the body
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > limit:
                return _too_large(limit)
            if not hasattr(request, "_body") and not request._read_started:  # type: ignore[attr-defined]
                data = request.read(limit + 1)
                if len(data) > limit:
                    return _too_large(limit)
                request._body = data  # type: ignore[attr-defined]
            return run(request, *args, **kwargs)

        return view

    return decorate


class TooManySignals(Exception):
    """More objects in the body than a batch of :data:`MAX_SIGNALS` can hold."""


class SignalsParser(Parser):
    """JSON, giving up on a body with more objects than the maximum batch before they are all built
    (a 40 MB body of ``{}`` would be millions): the view then refuses it as too many signals."""

    def parse_body(self, request: HttpRequest) -> Any:
        objects = 0

        def counted(obj: dict[str, Any]) -> dict[str, Any]:
            nonlocal objects
            objects += 1
            if objects > MAX_SIGNALS + 1:  # the signals and the body object around them
                raise TooManySignals
            return obj

        try:
            return json.loads(request.body, object_hook=counted)
        except TooManySignals:
            request.too_many_signals = True  # type: ignore[attr-defined]
            return {"signals": []}


class PlatformToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> SignalPlatform | None:
        return SignalPlatform.objects.filter(token_hash=token_hash(token), active=True).first()


api = NinjaAPI(
    title="Meedoen vroegsignalering",
    version="1.0.0",
    description="Signalen van betalingsachterstanden aanleveren (shared/contracts/signals.md) en de "
    "status per signaal opvragen (alleen opgepakt / niet opgepakt en de toegestane eindresultaten).",
    urls_namespace="vroegsignalering-api",
    docs_url=None,
    auth=PlatformToken(),
    parser=SignalsParser(),
)


@dataclass(frozen=True)
class PlatformActor:
    """The platform as the audit log's actor (an API request has no logged-in user)."""

    platform: SignalPlatform
    pk: None = None
    is_authenticated: bool = True
    role: str = "signaalplatform"

    def get_username(self) -> str:
        return f"signaalplatform:{self.platform.name}"[:150]


class SignalIn(Schema):
    """One signal with the contract's CSV columns; every value is checked by the contract's rules."""

    signaal_id: str = ""
    signaalpartner_type: str = ""
    signaalpartner_naam: str = ""
    signaaldatum: str = ""
    ontstaansdatum: str = ""
    bedrag: str = ""
    crisissignaal: str = ""
    warme_overdracht: str = ""
    bsn: str = ""
    voorletters: str = ""
    voorvoegsel: str = ""
    achternaam: str = ""
    geboortedatum: str = ""
    straatnaam: str = ""
    postcode: str = ""
    huisnummer: str = ""
    huisnummertoevoeging: str = ""
    plaatsnaam: str = ""


class SignalBatch(Schema):
    signals: list[SignalIn]


class RowErrorOut(Schema):
    line: int
    field: str
    message: str


class NotPickedUp(Schema):
    onterecht: int
    herhaald: int


class Summary(Schema):
    rows: int
    rejected: int
    duplicates: int
    stored: int
    not_picked_up: NotPickedUp
    picked_up: int
    cases_opened: int
    cases_with_crisis: int
    errors: list[RowErrorOut]


class StatusOut(Schema):
    signaal_id: str
    status: str


class Detail(Schema):
    detail: str


@api.post("/signalen", response={200: Summary, 400: Detail, 413: Detail}, summary="Signalen aanleveren")
@decorate_view(body_limit(MAX_BODY_BYTES, lambda request: PlatformToken()(request) is not None))
def post_signals(request: HttpRequest, body: SignalBatch):
    """Signals as rows of the contract, at most 10,000 per request; ``line`` in an error is the
    signal's position + 1. A bad signal is rejected on its own, the others are stored."""
    if len(body.signals) > MAX_SIGNALS or getattr(request, "too_many_signals", False):
        return Status(400, {"detail": f"at most {MAX_SIGNALS} signals per request"})
    platform: SignalPlatform = request.auth
    today = timezone.localdate()
    records = [list(COLUMNS)] + [[str(getattr(s, c)) for c in COLUMNS] for s in body.signals]
    try:
        parsed = parse_records(records, today)
    except FileProblem as exc:  # pragma: no cover - the header is ours
        return Status(400, {"detail": str(exc)})
    delivery = Delivery(
        platform.municipality,
        today,
        threshold_cents(platform.municipality, today),
        Source.API,
        f"api:{platform.name}",
        platform=platform,
    )
    return ingest(parsed, delivery)


@api.get(
    "/signalen/{signaal_id}/status", response={200: StatusOut, 404: Detail}, summary="Status van een signaal"
)
def signal_status(request: HttpRequest, signaal_id: str):
    """What the creditor may know of its own signal: picked up or not, and the allowed end results,
    never the reason. Another platform's signal is unknown (404), as is an id no signal can have."""
    platform: SignalPlatform = request.auth
    signal = None
    if len(signaal_id) <= MAX_SIGNAL_ID and "\x00" not in signaal_id:  # PostgreSQL takes no NUL
        signal = Signal.objects.filter(platform=platform, signal_id=signaal_id).select_related("case").first()
    if signal is None:
        return Status(404, {"detail": "unknown signal"})
    resident = (
        User.objects.filter(bsn=signal.bsn).values_list("id", flat=True).first() if signal.bsn else None
    )
    request.user = PlatformActor(platform)  # type: ignore[assignment]
    record(
        request,
        Action.VIEW,
        obj=signal,
        subject_id=resident,
        what=f"status van signaal {signal.pk} (signaal_id {signal.signal_id[:60]}) door {platform.name}",
        why=PURPOSE,
    )
    return {"signaal_id": signal.signal_id, "status": creditor_status(signal)}
