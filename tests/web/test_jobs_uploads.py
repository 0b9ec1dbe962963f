"""Signals deliveries above ``SIGNALS_QUEUE_ABOVE_BYTES`` are stored and read by a job (issue 21
item 5); the status page shows progress, then the same summary as the synchronous path."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from meedoen.web.accounts.models import Role
from meedoen.web.jobs.models import SignalUpload, Status
from meedoen.web.vroegsignalering import upload_jobs
from meedoen.web.vroegsignalering.models import Ingest, Signal
from tests.signals.helpers import csv_text
from tests.web import factories
from tests.web.conftest import logged_in

pytestmark = pytest.mark.django_db
# On SQLite a job runs inside the request; on PostgreSQL a worker runs it (the other tests run it by hand).
INLINE = pytest.mark.skipif(settings.MEEDOEN_QUEUE != "inline", reason="the job runs inline on SQLite only")


@pytest.fixture(autouse=True)
def small_threshold(settings, monkeypatch):
    settings.SIGNALS_QUEUE_ABOVE_BYTES = 100  # every test file counts as large
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: dt.date(2026, 3, 10))


@pytest.fixture
def lead(db):
    return factories.UserFactory(role=Role.SIGNALS_LEAD, username="ingrid")


@pytest.fixture
def queued(monkeypatch):
    waiting: list[dict] = []
    monkeypatch.setattr("meedoen.web.queue.jobs.enqueue", lambda task, **kwargs: waiting.append(kwargs))
    return waiting


def upload(client, text: bytes):
    return client.post("/vroegsignalering/aanleveren/", {"file": SimpleUploadedFile("groot.csv", text)})


def test_a_large_delivery_is_read_by_a_job_and_the_page_shows_the_result(lead, team, queued):
    client = logged_in(lead)
    response = upload(client, csv_text({}, {"bedrag": "-1"}, {}).encode())
    row = SignalUpload.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/vroegsignalering/aanleveren/{row.pk}/"
    assert queued == [{"upload_id": row.pk}] and row.uploaded_by == lead and row.file_name == "groot.csv"
    assert not Signal.objects.exists()  # nothing read in the request
    page = client.get(response["Location"]).content.decode()
    assert "Wacht op zijn beurt" in page and "Kijk of het klaar is" in page and "Resultaat" not in page

    upload_jobs.ingest_signal_upload(upload_id=row.pk)
    upload_jobs.ingest_signal_upload(upload_id=row.pk)  # a retry after success stores nothing twice
    row.refresh_from_db()
    assert row.status == Status.DONE and bytes(row.content) == b""  # the file is erased once read
    assert (row.summary["rows"], row.summary["rejected"], row.summary["stored"]) == (3, 1, 2)
    assert Signal.objects.count() == 2 and Ingest.objects.get().by == lead
    page = client.get(response["Location"]).content.decode()
    assert "Klaar" in page and "Resultaat" in page and "Regel 3, bedrag" in page
    assert "Kijk of het klaar is" not in page


@INLINE
def test_inline_the_result_is_there_after_the_redirect(lead, team):
    client = logged_in(lead)
    response = upload(client, csv_text({}).encode())
    page = client.get(response["Location"]).content.decode()
    assert "Klaar" in page and Signal.objects.count() == 1


def test_a_small_delivery_stays_in_the_request(lead, team, settings):
    settings.SIGNALS_QUEUE_ABOVE_BYTES = 10 * 1024 * 1024
    response = upload(logged_in(lead), csv_text({}).encode())
    assert response.status_code == 200 and response.context["summary"]["stored"] == 1
    assert not SignalUpload.objects.exists()


def test_an_unreadable_large_file_fails_with_a_clear_message_and_stores_nothing(lead, team, queued):
    client = logged_in(lead)
    response = upload(client, ("naam;bedrag\n" * 20).encode("utf-16"))
    row = SignalUpload.objects.get()
    upload_jobs.ingest_signal_upload(upload_id=row.pk)  # no exception: retrying would not help
    row.refresh_from_db()
    assert row.status == Status.FAILED and "kan niet worden gelezen" in row.problem
    page = client.get(response["Location"]).content.decode()
    assert "Niet gelukt" in page and "kan niet worden gelezen" in page and "Er is niets opgeslagen" in page
    assert not Signal.objects.exists() and bytes(row.content) == b""


def test_only_the_uploading_lead_sees_the_status(lead, team, other_team, resident, queued):
    response = upload(logged_in(lead), csv_text({}).encode())
    url = response["Location"]
    other_lead = factories.UserFactory(role=Role.SIGNALS_LEAD, team=other_team, username="karin")
    assert logged_in(other_lead).get(url).status_code == 404
    for user in (
        resident,
        factories.UserFactory(role=Role.OUTREACH_WORKER, team=team, username="fatima"),
        factories.UserFactory(role=Role.CONSULTANT, team=other_team, username="anders"),
        factories.UserFactory(role=Role.CONSULTANT, team=None, username="zonderteam"),
        factories.UserFactory(role=Role.POLICY_ADVISER, username="beleid"),
        factories.UserFactory(role=Role.DEBT_PARTNER, username="sanne"),
    ):
        assert logged_in(user).get(url).status_code == 403, user.username
        assert upload(logged_in(user), csv_text({}).encode()).status_code == 403
    assert Client().get(url).status_code == 302
    assert SignalUpload.objects.count() == 1 and len(queued) == 1
    assert logged_in(lead).get("/vroegsignalering/aanleveren/999999/").status_code == 404
