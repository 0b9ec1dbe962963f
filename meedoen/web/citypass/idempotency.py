"""``Idempotency-Key`` for the tills' API: a request repeated with the same key gets the first answer.

A till that sent a booking and lost the answer (a dropped connection, a time-out) cannot know whether
the money was taken; sending the same request again with the same key is then safe: the first answer
comes back, with the same status code and body, and nothing is booked twice. The same key with a
different request is refused (``KeyReused``), so a till that reuses keys by mistake finds out.

How (the IETF draft "The Idempotency-Key HTTP Header Field", as Stripe and Adyen do it): the key row
(``TillRequest``, unique per till) is inserted first, in the same transaction as the booking and its
answer. A second copy sent at the same moment waits on PostgreSQL's unique index until the first
commits, then reads the stored answer; if the first failed and rolled back, the second books. Answers
that say "try again later" (429) are not kept. Keys are kept for ``RETENTION``; after it, the same key
is a new request.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from meedoen.web.citypass.models import TillRequest

RETENTION = dt.timedelta(hours=getattr(settings, "CITYPASS_IDEMPOTENCY_HOURS", 24))
NOT_KEPT = frozenset({429})  # "try again later" is no answer to replay


@dataclass(frozen=True)
class Answer:
    status: int
    body: dict[str, Any]
    replayed: bool = False


class KeyReused(Exception):
    """This till used the key before for a different request."""


def fingerprint(operation: str, body: dict[str, Any]) -> str:
    text = json.dumps({"operation": operation, "body": body}, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def once(till_id: int, key: str, print_: str, run: Callable[[], Answer]) -> Answer:
    """``run()``'s answer, or the answer it gave before for this till and key (``KeyReused`` when the
    key was used for another request)."""
    with transaction.atomic():
        row = _claim(till_id, key, print_)
        if row.status_code is not None:
            return Answer(row.status_code, row.response, replayed=True)
        answer = run()
        if answer.status in NOT_KEPT:
            transaction.set_rollback(True)  # nothing was booked; the key stays free
            return answer
        row.status_code, row.response = answer.status, answer.body
        row.save(update_fields=["status_code", "response", "fingerprint", "created_at"])
        return answer


def _claim(till_id: int, key: str, print_: str) -> TillRequest:
    """The key's row, locked: new (no answer yet) or the earlier request's (with its answer)."""
    now = timezone.now()
    for _ in range(3):  # a row purged between our insert and our read is simply claimed again
        try:
            with transaction.atomic():
                return TillRequest.objects.create(
                    till_id=till_id, key=key, fingerprint=print_, created_at=now
                )
        except IntegrityError:  # on PostgreSQL after the other transaction with this key committed
            row = TillRequest.objects.select_for_update().filter(till_id=till_id, key=key).first()
        if row is None:
            continue
        if row.created_at < now - RETENTION:  # forgotten: this is a new request
            row.fingerprint, row.created_at, row.status_code, row.response = print_, now, None, None
            return row
        if row.fingerprint != print_:
            raise KeyReused(key)
        return row
    raise RuntimeError("could not claim an idempotency key")  # pragma: no cover


def purge(now: dt.datetime | None = None) -> int:
    """Forget keys older than ``RETENTION``; returns how many."""
    cutoff = (now or timezone.now()) - RETENTION
    return TillRequest.objects.filter(created_at__lt=cutoff).delete()[0]
