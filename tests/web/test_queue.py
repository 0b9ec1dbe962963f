"""The PostgreSQL-backed queue (issue 19 item 3, issue 21 item 5): a job whose worker is killed mid-job
runs again, once, and admins see the jobs. PostgreSQL only (procrastinate); on SQLite jobs run in the
request's process (tests/web/test_followup.py covers that path)."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.db import connection

from meedoen.web.accounts.models import Role
from tests.web import factories
from tests.web.conftest import logged_in

pytestmark = [
    pytest.mark.skipif(settings.MEEDOEN_QUEUE != "procrastinate", reason="procrastinate needs PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]
REPO = Path(__file__).resolve().parents[2]


def _database_url() -> str:
    d = connection.settings_dict
    auth = d["USER"] + (f":{d['PASSWORD']}" if d.get("PASSWORD") else "")
    return f"postgres://{auth}@{d['HOST']}:{d['PORT']}/{d['NAME']}"


def _worker(*extra: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DJANGO_SETTINGS_MODULE": "meedoen.web.settings.test",
    }
    command = [
        sys.executable,
        "-m",
        "meedoen.web.manage",
        "queue_worker",
        "--queue",
        "probe",
        "--heartbeat",
        "0.5",
    ]
    return subprocess.Popen([*command, *extra], cwd=REPO, env=env)


def _in_thread(coroutine_function, *args):
    """Run an async procrastinate call from this (sync) test, as the periodic task would, on a worker
    connector of its own that is closed afterwards (so the test database can be dropped)."""
    from procrastinate.contrib.django import app

    out: list = []

    async def call():
        async with app.open_async():
            return await coroutine_function(*args)

    def run() -> None:
        with app.replace_connector(app.connector.get_worker_connector()):
            out.append(asyncio.run(call()))

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(60)
    return out[0]


def _wait_for(predicate, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def test_a_job_of_a_killed_worker_runs_again_once(tmp_path):
    from procrastinate.contrib.django import app

    from meedoen.web.queue.tasks import probe, retry_stalled

    marker = tmp_path / "probe.txt"
    job_id = probe.defer(marker=str(marker))
    first = _worker()
    try:
        _wait_for(lambda: marker.exists() and marker.read_text() == "start\n")
        first.send_signal(signal.SIGKILL)  # a crash: no clean shutdown, the job stays "doing"
        first.wait(30)
    finally:
        if first.poll() is None:
            first.kill()
    [job] = app.job_manager.list_jobs(id=job_id)
    assert job.status == "doing"
    time.sleep(2)  # the dead worker's heartbeat grows old
    assert _in_thread(retry_stalled, 1.5) == [job_id]
    assert _in_thread(retry_stalled, 1.5) == []  # put back once, not twice

    (tmp_path / "probe.go").touch()
    second = _worker("--once")
    assert second.wait(120) == 0
    assert marker.read_text() == "start\nstart\ndone\n"  # started twice, finished once
    [job] = app.job_manager.list_jobs(id=job_id)
    assert job.status == "succeeded"
    third = _worker("--once")  # nothing left: it never runs a third time
    assert third.wait(120) == 0
    assert marker.read_text() == "start\nstart\ndone\n"


def test_admins_see_the_jobs_and_others_do_not(resident):
    from meedoen.web.followup.tasks import send_result_mail

    send_result_mail.defer(mail_id=0)
    admin = factories.UserFactory(role=Role.ADMIN, username="beheer", is_staff=True, is_superuser=True)
    page = logged_in(admin).get("/beheer/procrastinate/procrastinatejob/")
    assert page.status_code == 200 and "send_result_mail" in page.content.decode()
    assert logged_in(resident).get("/beheer/procrastinate/procrastinatejob/").status_code == 302


def test_mail_tasks_retry_with_backoff():
    from meedoen.web.followup.tasks import MAIL_RETRY, send_result_mail

    assert send_result_mail.retry_strategy is MAIL_RETRY

    def wait(attempts: int):
        decision = MAIL_RETRY.get_retry_decision(exception=OSError(), job=SimpleNamespace(attempts=attempts))
        return decision and decision.retry_at

    now = dt.datetime.now(dt.UTC)
    waits = [round((wait(n) - now).total_seconds()) for n in range(4)]
    assert waits == [5, 25, 125, 625]
    assert wait(5) is None  # five attempts in all
