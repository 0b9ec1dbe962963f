"""Putting work on the queue, and (for tests and the SQLite demo) running what is waiting."""

from __future__ import annotations

import logging
import threading
from typing import Any

from django.conf import settings

log = logging.getLogger(__name__)

PROCRASTINATE = "procrastinate"
INLINE = "inline"


def backend() -> str:
    """``procrastinate`` (PostgreSQL) or ``inline`` (SQLite: run in the request's process)."""
    return settings.MEEDOEN_QUEUE


def enqueue(task: Any, **kwargs: Any) -> None:
    """Defer ``task`` with ``kwargs``. On PostgreSQL the job row is written in the caller's transaction,
    so a job never refers to data that was rolled back. Inline, a failure is logged and never breaks
    the page that asked for the work (the resident's data is already stored)."""
    if backend() == PROCRASTINATE:
        task.defer(**kwargs)
        return
    try:
        task(**kwargs)
    except Exception:
        log.exception("background task %s failed (inline, not retried)", getattr(task, "name", task))


def run_pending(queues: list[str] | None = None) -> None:
    """Run every job waiting now, then return (tests; a worker does this in production). In a thread
    of its own, because procrastinate's worker starts an event loop and a caller (Playwright) may
    already run one."""
    if backend() != PROCRASTINATE:
        return
    from procrastinate.contrib.django import app

    failure: list[BaseException] = []

    def work() -> None:
        try:
            with app.replace_connector(app.connector.get_worker_connector()):
                app.run_worker(
                    queues=queues,
                    wait=False,
                    install_signal_handlers=False,
                    listen_notify=False,
                    concurrency=1,
                )
        except BaseException as exc:  # re-raised in the caller's thread
            failure.append(exc)

    thread = threading.Thread(target=work, name="meedoen-run-pending")
    thread.start()
    thread.join(timeout=120)
    if failure:
        raise failure[0]
