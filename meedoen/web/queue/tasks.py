"""The queue's own tasks: putting back the jobs of a worker that died, and a probe for the crash test."""

from __future__ import annotations

import time
from pathlib import Path

from procrastinate.contrib.django import app

# A worker that sent no heartbeat for this long is taken for dead; its running jobs are retried.
STALLED_AFTER_SECONDS = 30


async def retry_stalled(seconds_since_heartbeat: float = STALLED_AFTER_SECONDS) -> list[int]:
    """Put every job of a dead worker back in the queue (it runs again, once: the job row is moved
    from ``doing`` to ``todo`` in one statement, so two sweeps cannot both retry it)."""
    stalled = await app.job_manager.get_stalled_jobs(seconds_since_heartbeat=seconds_since_heartbeat)
    for job in stalled:
        await app.job_manager.retry_job(job)
    return [job.id for job in stalled if job.id is not None]


@app.periodic(cron="* * * * *")
@app.task(queue="maintenance", queueing_lock="retry_stalled_jobs")
async def retry_stalled_jobs(timestamp: int) -> None:
    """Every minute: a job is never lost when its worker crashes."""
    await retry_stalled()


@app.task(queue="probe", retry=False)
def probe(marker: str) -> None:
    """Writes ``start`` to ``marker``, waits until ``marker.go`` exists (at most a minute), then writes
    ``done``: the crash test kills the worker while it waits and counts the lines."""
    path = Path(marker)
    with path.open("a") as out:
        out.write("start\n")
    go = path.with_suffix(".go")
    deadline = time.monotonic() + 60
    while not go.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    with path.open("a") as out:
        out.write("done\n")
