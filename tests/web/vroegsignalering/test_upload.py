"""The team lead's upload page: the same ingest as the command, with the summary on the page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from meedoen.web.vroegsignalering.models import Ingest, Signal
from tests.signals.helpers import csv_text
from tests.web.conftest import logged_in

pytestmark = pytest.mark.django_db


def upload(client, text: bytes, **data):
    return client.post("/vroegsignalering/aanleveren/", {"file": SimpleUploadedFile("s.csv", text), **data})


def test_the_lead_uploads_a_file(lead, team, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: dt.date(2026, 3, 10))
    client = logged_in(lead)
    assert client.get("/vroegsignalering/aanleveren/").status_code == 200
    response = upload(client, csv_text({}, {"bedrag": "-1"}).encode())
    assert response.status_code == 200
    assert response.context["summary"]["stored"] == 1 and "Regel 3, bedrag" in response.content.decode()
    assert Ingest.objects.get().by == lead


def test_an_unreadable_file_is_refused_with_a_clear_message(lead, team):
    response = upload(logged_in(lead), "naam;bedrag\n".encode("utf-16"))
    assert response.status_code == 400 and "kan niet worden gelezen" in response.content.decode()
    assert Signal.objects.count() == 0


def test_workers_cannot_upload(worker):
    assert logged_in(worker).get("/vroegsignalering/aanleveren/").status_code == 403


def test_bad_bytes_reject_their_rows_and_the_rest_is_stored(lead, team, monkeypatch):
    """Issue 16: a NUL or a latin-1 byte was a 500 or a refused file; now only that row is refused."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: dt.date(2026, 3, 10))
    text = csv_text({}, {"achternaam": "O\x00Brien"}, {"achternaam": "XXX"}, {"signaalpartner_naam": "Eneco"})
    response = upload(logged_in(lead), text.encode().replace(b"XXX", b"J\xe9ssen"))
    assert response.status_code == 200
    summary = response.context["summary"]
    assert (summary["rows"], summary["rejected"], summary["stored"]) == (4, 2, 2)
    page = response.content.decode()
    assert "Regel 3, achternaam" in page and "Regel 4, achternaam" in page
    assert set(Signal.objects.values_list("signal_id", flat=True)) == {"S1", "S4"}
