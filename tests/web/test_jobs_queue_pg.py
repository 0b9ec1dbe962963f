"""A monitor report job whose worker is killed mid-run runs again, once (issue 21 item 5), as the
probe does in tests/web/test_queue.py, but for a real job: the PDF is built, stored and served.
PostgreSQL only (procrastinate).

The worker subprocess is this module run as a script: it makes the report's PDF step write ``start``
to a marker file and wait for ``<marker>.go`` before building, then runs ``manage.py queue_worker``."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

REPO = Path(__file__).resolve().parents[2]
URL = "/medewerkers/monitor/download.pdf?bron=demo&period=2024-T2"

pytestmark = [
    pytest.mark.skipif(settings.MEEDOEN_QUEUE != "procrastinate", reason="procrastinate needs PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


def _paused_worker(marker: Path, *extra: str) -> subprocess.Popen:
    from tests.web.test_queue import _database_url

    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DJANGO_SETTINGS_MODULE": "meedoen.web.settings.test",
        "PYTHONPATH": str(REPO),
    }
    command = [sys.executable, "-m", "tests.web.test_jobs_queue_pg", str(marker), "queue_worker"]
    command += ["--queue", "reports", "--heartbeat", "0.5", *extra]
    return subprocess.Popen(command, cwd=REPO, env=env)


def test_a_report_job_of_a_killed_worker_runs_again_once(tmp_path):
    from procrastinate.contrib.django import app

    from meedoen.web.accounts.models import Role
    from meedoen.web.jobs.models import ReportPdf, Status
    from meedoen.web.queue.tasks import retry_stalled
    from tests.web import factories
    from tests.web.conftest import logged_in
    from tests.web.test_queue import _in_thread, _wait_for

    adviser = factories.UserFactory(role=Role.POLICY_ADVISER, username="tom")
    client = logged_in(adviser)
    assert client.get(URL).status_code == 202  # the job waits for a worker
    row = ReportPdf.objects.get()
    [job] = app.job_manager.list_jobs(queue="reports")
    marker = tmp_path / "report.txt"
    first = _paused_worker(marker)
    try:
        _wait_for(lambda: marker.exists() and marker.read_text() == "start\n")
        first.send_signal(signal.SIGKILL)  # a crash mid-job
        first.wait(30)
    finally:
        if first.poll() is None:
            first.kill()
    row.refresh_from_db()
    assert row.status == Status.RUNNING and app.job_manager.list_jobs(id=job.id)[0].status == "doing"
    assert client.get(URL).status_code == 202  # still being made: not a second job
    assert len(app.job_manager.list_jobs(queue="reports")) == 1
    time.sleep(2)
    assert _in_thread(retry_stalled, 1.5) == [job.id]
    assert _in_thread(retry_stalled, 1.5) == []  # put back once

    (tmp_path / "report.go").touch()
    second = _paused_worker(marker, "--once")
    assert second.wait(180) == 0
    assert marker.read_text() == "start\nstart\ndone\n"  # started twice, finished once
    row.refresh_from_db()
    assert row.status == Status.DONE and row.attempts == 2
    assert app.job_manager.list_jobs(id=job.id)[0].status == "succeeded"
    pdf = client.get(URL)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    third = _paused_worker(marker, "--once")
    assert third.wait(120) == 0 and marker.read_text() == "start\nstart\ndone\n"  # never a third time


def test_admins_see_the_new_jobs_in_the_queue(resident):
    from meedoen.web.accounts.models import Role
    from meedoen.web.casework.report_jobs import build_monitor_report
    from meedoen.web.jobs.simulation import run_simulation
    from meedoen.web.letters.tasks import render_letter_pdf
    from meedoen.web.vroegsignalering.upload_jobs import ingest_signal_upload
    from tests.web import factories
    from tests.web.conftest import logged_in

    for task, argument in (
        (render_letter_pdf, "letter_id"),
        (build_monitor_report, "report_id"),
        (ingest_signal_upload, "upload_id"),
        (run_simulation, "run_id"),
    ):
        task.defer(**{argument: 0})
    admin = factories.UserFactory(role=Role.ADMIN, username="beheer", is_staff=True, is_superuser=True)
    page = logged_in(admin).get("/beheer/procrastinate/procrastinatejob/").content.decode()
    for name in ("render_letter_pdf", "build_monitor_report", "ingest_signal_upload", "run_simulation"):
        assert name in page
    assert logged_in(resident).get("/beheer/procrastinate/procrastinatejob/").status_code == 302


def _pause_the_pdf_step(marker: Path) -> None:
    from meedoen.web.casework import dashboard

    build = dashboard.download

    def paused(report, kind):
        with marker.open("a") as out:
            out.write("start\n")
        deadline = time.monotonic() + 60
        while not marker.with_suffix(".go").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        result = build(report, kind)
        with marker.open("a") as out:
            out.write("done\n")
        return result

    dashboard.download = paused


if __name__ == "__main__":
    import django

    django.setup()
    _pause_the_pdf_step(Path(sys.argv[1]))
    from django.core.management import execute_from_command_line

    execute_from_command_line(["manage.py", *sys.argv[2:]])
