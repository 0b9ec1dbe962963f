"""REST for signal platforms: post signals (the contract's columns as JSON), ask a signal's status.

Authenticated with a bearer token per platform (:class:`SignalPlatform`, hashed at rest); the
platform's municipality is the one the signals go to. The OpenAPI schema is at
``/vroegsignalering/api/openapi.json``.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from ninja import NinjaAPI, Schema, Status
from ninja.security import HttpBearer

from meedoen.signals.parsing import COLUMNS, FileProblem, parse_records
from meedoen.signals.thresholds import threshold_cents
from meedoen.web.api.tokens import token_hash
from meedoen.web.vroegsignalering.feedback import creditor_status
from meedoen.web.vroegsignalering.models import Signal, SignalPlatform, Source
from meedoen.web.vroegsignalering.storage import Delivery, ingest

MAX_SIGNALS = 10_000


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
)


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


@api.post("/signalen", response={200: Summary, 400: Detail}, summary="Signalen aanleveren")
def post_signals(request: HttpRequest, body: SignalBatch):
    """Signals as rows of the contract; ``line`` in an error is the signal's position + 1."""
    if len(body.signals) > MAX_SIGNALS:
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
    )
    return ingest(parsed, delivery)


@api.get(
    "/signalen/{signaal_id}/status", response={200: StatusOut, 404: Detail}, summary="Status van een signaal"
)
def signal_status(request: HttpRequest, signaal_id: str):
    """What the creditor may know: picked up or not, and the allowed end results, never the reason."""
    platform: SignalPlatform = request.auth
    signal = (
        Signal.objects.filter(municipality=platform.municipality, signal_id=signaal_id)
        .select_related("case")
        .first()
    )
    if signal is None:
        return Status(404, {"detail": "unknown signal"})
    return {"signaal_id": signal.signal_id, "status": creditor_status(signal)}
