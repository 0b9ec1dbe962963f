"""The monitor dashboard's bestuursrapportage as PDF, made by a job (issue 21 item 5).

WeasyPrint takes seconds for the report, so the download no longer renders it: the first request for
a choice (bron, period, area) on the current data puts a job on the queue and shows "de PDF wordt
gemaakt"; when the job is done the same address gives the PDF. Aggregates only, and the same roles
as the dashboard (``figures_required``). On SQLite the job runs inline, so the PDF is there at once.
"""

from __future__ import annotations

import hashlib

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from procrastinate.contrib.django import app

from meedoen.web.jobs.models import ReportPdf, Status
from meedoen.web.jobs.running import RETRY, JobProblem, closing, restart, run_job


def _build(row: ReportPdf) -> None:
    from meedoen.web.casework import dashboard

    context = dashboard.context(QueryDict(row.query))
    if context.get("report") is None:
        raise JobProblem(context.get("problem") or "Voor deze keuze is geen overzicht te maken.")
    row.file_name, row.pdf, _ = dashboard.download(context["report"], "pdf")


@app.task(queue="reports", retry=RETRY, name="build_monitor_report")
@closing
def build_monitor_report(report_id: int) -> None:
    run_job(ReportPdf, report_id, _build)


def choice(context: dict) -> tuple[str, str]:
    """(query, key) of the dashboard's current choice: the same choice on the same data is one job."""
    from meedoen.monitor.report import file_stem

    report, source = context["report"], context["source"]
    query = QueryDict(mutable=True)
    query.update({"bron": source.name, "period": report.period.label, "area": context.get("area") or ""})
    stem = f"{file_stem(report)}|{query.urlencode()}|{source.fingerprint}"
    return query.urlencode(), hashlib.sha256(stem.encode()).hexdigest()


def existing(context: dict) -> ReportPdf | None:
    """The job for the dashboard's choice, if one was asked for (the page links to it when ready)."""
    if context.get("report") is None:
        return None
    return ReportPdf.objects.filter(key=choice(context)[1]).first()


def report_response(request: HttpRequest, context: dict) -> HttpResponse:
    """The PDF when it is ready; otherwise ask a job for it and say it is being made."""
    from meedoen.web.queue.jobs import enqueue

    query, key = choice(context)
    row, created = ReportPdf.objects.get_or_create(
        key=key, defaults={"query": query, "requested_by": request.user}
    )
    if created or row.status == Status.FAILED:
        restart(row)
        enqueue(build_monitor_report, report_id=row.pk)
        row.refresh_from_db()
    if row.ready:
        response = HttpResponse(bytes(row.pdf), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{row.file_name}"'
        return response
    return render(
        request,
        "jobs/report_pending.html",
        {"job": row, "dashboard_query": query},
        status=202,
    )
