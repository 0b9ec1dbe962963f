"""Letters as PDF on the queue (issue 21 item 5): the download asks a job for the PDF, shows "de brief
wordt gemaakt" until it is stored, then serves the stored letter; only to those who may read it."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from meedoen.web.accounts.models import Role
from meedoen.web.audit.models import AuditEntry
from meedoen.web.jobs.models import LetterKind, LetterPdf, Status
from meedoen.web.jobs.running import TRY_AGAIN
from meedoen.web.letters import tasks
from tests.web import factories
from tests.web.conftest import logged_in
from tests.web.test_letters import application, decided, pdf_text  # noqa: F401 (fixture)
from tests.web.test_objections import filed, rejected  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db
# On SQLite a job runs inside the request; on PostgreSQL a worker runs it (the other tests run it by hand).
INLINE = pytest.mark.skipif(settings.MEEDOEN_QUEUE != "inline", reason="the job runs inline on SQLite only")


@pytest.fixture
def queued(monkeypatch):
    """As on PostgreSQL: the job waits for a worker (here: the test) instead of running inline."""
    waiting: list[dict] = []
    monkeypatch.setattr("meedoen.web.queue.jobs.enqueue", lambda task, **kwargs: waiting.append(kwargs))
    return waiting


def test_the_letter_is_made_by_a_job_and_then_served_as_stored(application, resident, consultant, queued):  # noqa: F811
    decision = decided(application, by=consultant)
    url = f"/besluiten/{decision.public_id}/brief.pdf"
    waiting = logged_in(resident).get(url)
    assert waiting.status_code == 202 and "De brief wordt gemaakt" in waiting.content.decode()
    assert "Kijk of de brief klaar is" in waiting.content.decode()
    row = LetterPdf.objects.get()
    assert (row.kind, row.object_id, row.status) == (LetterKind.DECISION, decision.pk, Status.WAITING)
    assert queued == [{"letter_id": row.pk}]
    assert logged_in(resident).get(url).status_code == 202 and len(queued) == 1  # asked once, not twice

    tasks.render_letter_pdf(letter_id=row.pk)
    tasks.render_letter_pdf(letter_id=row.pk)  # a second run (a retry) changes nothing
    row.refresh_from_db()
    assert row.status == Status.DONE and row.attempts == 1 and bytes(row.pdf).startswith(b"%PDF")
    response = logged_in(resident).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "Fatima el Amrani" in pdf_text(response.content)
    assert row.site_url == "http://testserver/"  # the letter's links use the site's address
    assert logged_in(consultant).get(url).content == response.content  # the same stored letter
    assert LetterPdf.objects.count() == 1
    assert AuditEntry.objects.filter(what=f"besluit {decision.public_id}").count() == 4


@INLINE
def test_inline_the_letter_is_there_at_once(application, resident, consultant):  # noqa: F811
    decision = decided(application, by=consultant)
    response = logged_in(resident).get(f"/besluiten/{decision.public_id}/brief.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert LetterPdf.objects.get().status == Status.DONE


def test_a_failed_job_says_so_and_the_next_visit_asks_again(
    application,  # noqa: F811
    resident,
    consultant,
    queued,
    monkeypatch,
):
    decision = decided(application, by=consultant)
    url = f"/besluiten/{decision.public_id}/brief.pdf"
    logged_in(resident).get(url)
    row = LetterPdf.objects.get()

    def broken(row):
        raise OSError("Pango is weg")

    monkeypatch.setattr(tasks, "_render", broken)
    with pytest.raises(OSError):  # raised again, so the queue retries it with backoff
        tasks.render_letter_pdf(letter_id=row.pk)
    row.refresh_from_db()
    assert row.status == Status.FAILED and row.problem == TRY_AGAIN
    again = logged_in(resident).get(url)
    assert again.status_code == 202 and "De brief wordt gemaakt" in again.content.decode()
    assert len(queued) == 2


def test_the_letter_job_is_retried_with_backoff():
    from meedoen.web.jobs.running import RETRY

    assert tasks.render_letter_pdf.retry_strategy is RETRY
    assert (RETRY.max_attempts, RETRY.exponential_wait) == (5, 5)


def test_no_one_else_gets_the_letter_or_its_status_page(
    application,  # noqa: F811
    resident,
    other_resident,
    consultant,
    other_consultant,
    queued,
):
    decision = decided(application, by=consultant)
    url = f"/besluiten/{decision.public_id}/brief.pdf"
    teamless = factories.UserFactory(role=Role.CONSULTANT, team=None, username="zonderteam")
    teamless_lead = factories.UserFactory(role=Role.TEAM_LEAD, team=None, username="leidzonder")
    jurist = factories.UserFactory(role=Role.JURIST, username="jurist")
    adviser = factories.UserFactory(role=Role.POLICY_ADVISER, username="beleid")
    for user in (other_resident, other_consultant, teamless, teamless_lead, jurist, adviser):
        assert logged_in(user).get(url).status_code == 404, user.username
    assert Client().get(url).status_code == 302
    assert not LetterPdf.objects.exists() and queued == []  # nobody else starts a job


def test_the_objection_letter_is_made_by_a_job_too(rejected, resident, other_resident, queued):  # noqa: F811
    from meedoen.web.objections import procedure

    jurist = factories.UserFactory(role=Role.JURIST, username="jurist")
    objection = filed(rejected)
    procedure.waive_hearing(objection, "a", jurist)
    procedure.decide(objection, "ongegrond", "Het besluit klopt.", jurist)
    url = f"/bezwaar/{objection.public_id}/besluit-op-bezwaar.pdf"
    assert logged_in(other_resident).get(url).status_code == 404
    assert not LetterPdf.objects.exists()
    waiting = logged_in(resident).get(url)
    assert waiting.status_code == 202 and "De brief wordt gemaakt" in waiting.content.decode()
    row = LetterPdf.objects.get()
    assert (row.kind, row.object_id) == (LetterKind.OBJECTION, objection.pk)
    tasks.render_letter_pdf(letter_id=row.pk)
    for user in (resident, jurist):
        response = logged_in(user).get(url)
        assert response.status_code == 200 and "ongegrond" in pdf_text(response.content)
