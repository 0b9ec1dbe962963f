"""The monitor report as PDF on the queue (issue 21 item 5): the dashboard offers "maak de PDF", a
job builds it, then the page links to it. The same roles as the dashboard; aggregates only."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from meedoen.web.accounts.models import Role
from meedoen.web.casework import report_jobs
from meedoen.web.jobs.models import ReportPdf, Status
from tests.web import factories
from tests.web.conftest import logged_in

pytestmark = pytest.mark.django_db
# On SQLite a job runs inside the request; on PostgreSQL a worker runs it (the other tests run it by hand).
INLINE = pytest.mark.skipif(settings.MEEDOEN_QUEUE != "inline", reason="the job runs inline on SQLite only")
URL = "/medewerkers/monitor/download.pdf?bron=demo&period=2024-T2"
DASHBOARD = "/medewerkers/monitor/?bron=demo&period=2024-T2"


@pytest.fixture(autouse=True)
def fresh_dashboard_cache():
    cache.clear()


@pytest.fixture
def adviser(db):
    return factories.UserFactory(role=Role.POLICY_ADVISER, username="tom")


@pytest.fixture
def queued(monkeypatch):
    waiting: list[dict] = []
    monkeypatch.setattr("meedoen.web.queue.jobs.enqueue", lambda task, **kwargs: waiting.append(kwargs))
    return waiting


def test_the_dashboard_offers_the_pdf_a_job_makes_it_then_it_downloads(adviser, queued):
    client = logged_in(adviser)
    assert "maak de bestuursrapportage (PDF)" in client.get(DASHBOARD).content.decode()
    waiting = client.get(URL)
    assert waiting.status_code == 202 and "De PDF wordt gemaakt" in waiting.content.decode()
    row = ReportPdf.objects.get()
    assert row.status == Status.WAITING and queued == [{"report_id": row.pk}]
    assert row.query == "bron=demo&period=2024-T2&area=" and row.requested_by == adviser
    assert "bestuursrapportage (PDF, wordt gemaakt)" in client.get(DASHBOARD).content.decode()
    assert client.get(URL).status_code == 202 and len(queued) == 1  # the same choice: one job

    report_jobs.build_monitor_report(report_id=row.pk)
    report_jobs.build_monitor_report(report_id=row.pk)  # a retry after success does nothing
    row.refresh_from_db()
    assert row.status == Status.DONE and row.attempts == 1 and row.file_name == "monitor-arnhem-2024-T2.pdf"
    page = client.get(DASHBOARD).content.decode()
    assert ">bestuursrapportage (PDF)</a>" in page and "maak de" not in page
    pdf = client.get(URL)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert 'filename="monitor-arnhem-2024-T2.pdf"' in pdf["Content-Disposition"]


@INLINE
def test_inline_the_pdf_comes_at_once(adviser):
    pdf = logged_in(adviser).get(URL)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert ReportPdf.objects.get().status == Status.DONE


def test_a_choice_without_figures_starts_no_job(adviser, queued):
    response = logged_in(adviser).get("/medewerkers/monitor/download.pdf?bron=demo&period=1999-T1")
    assert (
        response.status_code == 400
        and "Kies een periode en een gebied uit de lijst" in response.content.decode()
    )
    assert not ReportPdf.objects.exists() and queued == []


def test_a_job_whose_choice_has_no_report_fails_with_the_reason_and_is_not_retried(adviser):
    row = ReportPdf.objects.create(query="bron=demo&period=1999-T1", key="x")
    report_jobs.build_monitor_report(report_id=row.pk)  # no exception: retrying would not help
    row.refresh_from_db()
    assert row.status == Status.FAILED and "Kies een periode" in row.problem


def test_only_the_figures_roles_make_or_get_the_report(team, other_team, resident, queued):
    consultant = factories.UserFactory(role=Role.CONSULTANT, team=other_team, username="anders")
    teamless = factories.UserFactory(role=Role.CONSULTANT, team=None, username="zonderteam")
    for user in (
        resident,
        consultant,
        teamless,
        factories.UserFactory(role=Role.JURIST, username="jurist"),
        factories.UserFactory(role=Role.OUTREACH_WORKER, team=team, username="fatima"),
        factories.UserFactory(role=Role.PROVIDER, username="aanbieder"),
    ):
        assert logged_in(user).get(URL).status_code == 403, user.username
    anonymous = Client().get(URL)
    assert anonymous.status_code == 302 and "/inloggen/" in anonymous["Location"]
    assert not ReportPdf.objects.exists() and queued == []
    # a team lead without a team: the monitor is aggregates of every area, not team-bound
    lead = factories.UserFactory(role=Role.TEAM_LEAD, team=None, username="leidzonder")
    assert logged_in(lead).get(URL).status_code == 202


def test_admins_see_the_jobs_results_and_no_one_else_does(adviser, resident):
    ReportPdf.objects.create(
        query="bron=demo&period=2024-T2", key="k", file_name="monitor-arnhem-2024-T2.pdf"
    )
    admin = factories.UserFactory(role=Role.ADMIN, username="beheer", is_staff=True, is_superuser=True)
    for path in ("reportpdf", "letterpdf", "signalupload", "simulationrun"):
        page = logged_in(admin).get(f"/beheer/jobs/{path}/")
        assert page.status_code == 200, path
    assert "monitor-arnhem-2024-T2.pdf" in logged_in(admin).get("/beheer/jobs/reportpdf/").content.decode()
    for user in (adviser, resident):
        assert logged_in(user).get("/beheer/jobs/reportpdf/").status_code == 302
