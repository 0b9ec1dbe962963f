"""Letters as PDF on the queue (issue 21 item 5): WeasyPrint takes a second or more per letter, so a
download no longer renders it. The first download asks a job to render the letter and store the
bytes (``jobs.LetterPdf``); until they are there the page says "de brief wordt gemaakt", afterwards
every download serves the stored letter, the letter as it was sent. On SQLite the job runs inline,
so the PDF is there at once.
"""

from __future__ import annotations

from urllib.parse import urljoin

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from procrastinate.contrib.django import app

from meedoen.web.components.pdf import pdf_response
from meedoen.web.jobs.models import LetterKind, LetterPdf, Status
from meedoen.web.jobs.running import RETRY, closing, restart, run_job


class _Site:
    """What ``online_objection_url`` needs of a request, in a job that has none: the site's address."""

    def __init__(self, base: str) -> None:
        self.base = base

    def build_absolute_uri(self, path: str) -> str:
        return urljoin(self.base, path)


def _render(row: LetterPdf) -> None:
    if row.kind == LetterKind.DECISION:
        from meedoen.web.decisions.models import Decision
        from meedoen.web.letters.decision import decision_letter

        decision = Decision.objects.get(pk=row.object_id)
        site = _Site(row.site_url) if row.site_url else None
        row.pdf = decision_letter(decision, request=site).pdf  # type: ignore[arg-type]
    else:
        from meedoen.web.objections.models import Objection
        from meedoen.web.objections.views import letter_for

        objection = Objection.objects.select_related("application__submission__resident").get(
            pk=row.object_id
        )
        row.pdf = letter_for(objection).pdf


@app.task(queue="pdf", retry=RETRY, name="render_letter_pdf")
@closing
def render_letter_pdf(letter_id: int) -> None:
    run_job(LetterPdf, letter_id, _render)


def letter_pdf(kind: LetterKind, object_id: int, request: HttpRequest) -> LetterPdf:
    """The stored letter, asked of a job when there is none yet or the last attempt failed."""
    from meedoen.web.queue.jobs import enqueue

    row, created = LetterPdf.objects.get_or_create(
        kind=kind, object_id=object_id, defaults={"site_url": request.build_absolute_uri("/")}
    )
    if created or row.status == Status.FAILED:
        restart(row)
        enqueue(render_letter_pdf, letter_id=row.pk)
        row.refresh_from_db()
    return row


def letter_response(kind: LetterKind, object_id: int, request: HttpRequest, filename: str) -> HttpResponse:
    """The PDF when it is ready; otherwise a page that says it is being made and looks again."""
    row = letter_pdf(kind, object_id, request)
    if row.ready:
        return pdf_response(bytes(row.pdf), filename)
    return render(
        request,
        "jobs/letter_pending.html",
        {"letter": row},
        status=202,
    )
