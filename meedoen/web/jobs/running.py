"""Running a job against its row: status, attempts and a Dutch problem text, the same for every job.

A job that meets a problem retrying cannot solve (a file that cannot be read, a date without figures)
raises :class:`JobProblem`: the row says so and the job is not retried. Any other exception is raised
again, so the queue retries it with backoff (``RETRY``); the row says it will be tried again.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import procrastinate
from django import db
from django.conf import settings
from django.db.models import F, Model
from django.utils import timezone

from meedoen.web.jobs.models import Job, Status

# Five attempts, waiting 5 s, 25 s, 125 s and 625 s in between (as the mail jobs do).
RETRY = procrastinate.RetryStrategy(max_attempts=5, exponential_wait=5)
TRY_AGAIN = "Het is niet gelukt. Het wordt vanzelf nog eens geprobeerd."
P = ParamSpec("P")
J = TypeVar("J", bound=Job)


class JobProblem(Exception):
    """A problem in the job's input, in Dutch for the page; retrying would not help."""


def closing(task: Callable[P, None]) -> Callable[P, None]:
    """A worker runs sync tasks in threads of its own: each closes its database connection when done."""

    @functools.wraps(task)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            task(*args, **kwargs)
        finally:
            # Not inside a transaction: that is a caller's (a test's), whose connection must stay.
            if settings.MEEDOEN_QUEUE == "procrastinate" and not db.connection.in_atomic_block:
                db.connection.close()

    return run


def run_job(model: type[J], pk: int, work: Callable[[J], None]) -> None:
    """Run ``work`` on the row ``pk`` of ``model``; ``work`` fills the row's result fields."""
    rows = model.objects.filter(pk=pk)
    job = rows.first()
    if job is None or job.status == Status.DONE:
        return  # gone, or done by an earlier attempt: a job runs to completion once
    rows.update(status=Status.RUNNING, attempts=F("attempts") + 1)
    try:
        work(job)
    except JobProblem as exc:
        rows.update(status=Status.FAILED, problem=str(exc), finished_at=timezone.now())
        return
    except Exception:
        rows.update(status=Status.FAILED, problem=TRY_AGAIN)
        raise
    job.status, job.problem, job.finished_at = Status.DONE, "", timezone.now()
    job.attempts = model.objects.filter(pk=pk).values_list("attempts", flat=True).first() or 1
    job.save()


def restart(job: Model) -> None:
    """Put a failed row back to waiting, before it is queued again by hand."""
    type(job).objects.filter(pk=job.pk).update(status=Status.WAITING, problem="")
    job.status, job.problem = Status.WAITING, ""
