"""Large signals deliveries on the queue (issue 21 item 5).

A file above ``SIGNALS_QUEUE_ABOVE_BYTES`` is stored (``jobs.SignalUpload``) and read by a job, so
the request ends at once; the status page shows the upload's progress and, when done, the same
summary the synchronous path shows (counts and the refused rows with their line numbers). The file
itself is erased once it is handled; the summary stays. On SQLite the job runs inline.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from procrastinate.contrib.django import app

from meedoen.web.accounts.models import User
from meedoen.web.jobs.models import SignalUpload
from meedoen.web.jobs.running import RETRY, JobProblem, closing, run_job
from meedoen.web.vroegsignalering.access import lead_required


def _handle(row: SignalUpload) -> None:
    from meedoen.signals.parsing import FileProblem, parse_bytes
    from meedoen.web.vroegsignalering.models import Source
    from meedoen.web.vroegsignalering.storage import Delivery, ingest

    try:
        parsed = parse_bytes(bytes(row.content), row.delivered_on)
    except FileProblem as exc:
        row.content = b""
        SignalUpload.objects.filter(pk=row.pk).update(content=b"")
        raise JobProblem(f"Dit bestand kan niet worden gelezen: {exc}") from exc
    delivery = Delivery(
        row.municipality, row.delivered_on, row.threshold_cents, Source.UPLOAD, row.file_name, row.uploaded_by
    )
    summary = ingest(parsed, delivery)  # one transaction: all or nothing, and duplicates are skipped
    row.summary = {k: v for k, v in summary.items() if k != "errors"} | {"errors": summary["errors"][:1000]}
    row.content = b""


@app.task(queue="uploads", retry=RETRY, name="ingest_signal_upload")
@closing
def ingest_signal_upload(upload_id: int) -> None:
    run_job(SignalUpload, upload_id, _handle)


def queue_upload(
    upload: UploadedFile, *, municipality: str, today: dt.date, threshold_cents: int, by: User
) -> SignalUpload:
    """Store the delivery and put the job that reads it on the queue."""
    from meedoen.web.queue.jobs import enqueue

    content = upload.read()
    row = SignalUpload.objects.create(
        file_name=(upload.name or "")[:255],
        content=content,
        size=len(content),
        delivered_on=today,
        threshold_cents=threshold_cents,
        municipality=municipality,
        uploaded_by=by,
    )
    enqueue(ingest_signal_upload, upload_id=row.pk)
    row.refresh_from_db()
    return row


@lead_required
def upload_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The status of one's own large delivery; another's is a 404."""
    row = get_object_or_404(SignalUpload.objects.defer("content"), pk=pk)
    if row.uploaded_by_id != request.user.pk:
        raise Http404
    return render(
        request,
        "vroegsignalering/upload_status.html",
        {"upload": row, "summary": row.summary},
    )
