"""Uploads within bounds (issue 16, item 10): a request with files over its page's limit is refused on
its Content-Length before anything reads the body (413, plain Dutch, nothing stored), and one
application holds at most UPLOAD_MAX_DOCUMENTS documents (a specific Dutch message, nothing stored)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.test.client import MULTIPART_CONTENT, encode_multipart

from meedoen.web.applications.models import Document
from meedoen.web.components.upload_limits import body_limit, request_body_limit
from tests.web import factories
from tests.web.conftest import ANSWERS, logged_in

MB = 1024 * 1024
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 100


class UnreadableBody(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def read(self, *args, **kwargs):
        raise AssertionError("the body was read")

    readline = readinto = read


@pytest.fixture
def draft(resident):
    return factories.draft_for(resident, ANSWERS)


def documents_url(submission) -> str:
    return f"/aanvragen/concept/{submission.public_id}/documenten/"


def upload(client, url: str, content: bytes = PNG, name: str = "paspoort.png", prefix: str = ""):
    p = f"{prefix}-" if prefix else ""
    return client.post(
        url, {f"{p}kind": "identity", f"{p}file": SimpleUploadedFile(name, content), "action": "upload"}
    )


def test_a_declared_body_over_the_limit_is_refused_without_reading_it(resident, draft):
    """Before: the multipart parser streamed the whole body to a temporary file first (here: it read the
    body and failed); now the page answers 413 from the Content-Length alone."""
    response = logged_in(resident).post(
        documents_url(draft),
        content_type=MULTIPART_CONTENT,
        CONTENT_LENGTH=str(2 * 1024 * MB),
        **{"wsgi.input": UnreadableBody()},
    )
    assert response.status_code == 413
    text = response.content.decode()
    assert "Uw bestand is te groot" in text
    assert "U probeerde 2048 MB te versturen." in text and "Een bestand mag maximaal 10 MB zijn." in text
    assert f'href="{documents_url(draft)}"' in text  # back to the form
    assert not Document.objects.exists()


@override_settings(UPLOAD_MAX_BYTES=MB, UPLOAD_FORM_MARGIN_BYTES=64 * 1024)
def test_a_real_upload_over_the_limit_gets_the_413_page_and_stores_nothing(resident, draft):
    client = logged_in(resident)
    response = upload(client, documents_url(draft), PNG + b"0" * (2 * MB))
    assert response.status_code == 413
    assert "Een bestand mag maximaal 1 MB zijn." in response.content.decode()
    assert not Document.objects.exists()
    assert upload(client, documents_url(draft)).status_code == 302  # a file within the limit still goes
    assert draft.documents.count() == 1


def test_the_sent_applications_page_and_the_objection_form_have_their_limits(resident, draft):
    """A sent application's page takes one more file; the objection form up to five at once."""
    from meedoen.web.objections.forms import MAX_FILES

    one, objection = body_limit("applications:detail"), body_limit("objections:file")
    assert one.max_bytes < 11 * MB and objection.max_bytes >= MAX_FILES * 10 * MB
    assert objection.rule == (
        "U kunt hoogstens 5 bestanden meesturen, samen maximaal 50 MB en elk maximaal 10 MB."
    )
    assert body_limit("vroegsignalering:upload").rule == "Een bestand met signalen mag maximaal 50 MB zijn."


@pytest.mark.parametrize(
    ("path", "length", "passes"),
    [
        ("/bezwaar/besluit/00000000-0000-0000-0000-000000000000/", 30 * MB, True),  # five files allowed
        ("/bezwaar/besluit/00000000-0000-0000-0000-000000000000/", 60 * MB, False),
        ("/vroegsignalering/aanleveren/", 40 * MB, True),
        ("/vroegsignalering/aanleveren/", 60 * MB, False),
        ("/aanvragen/00000000-0000-0000-0000-000000000000/", 11 * MB, False),
        ("/pagina/die/niet/bestaat/", 11 * MB, False),  # any other path: one file's limit
    ],
)
def test_the_middleware_lets_through_what_the_page_takes_and_no_more(db, path, length, passes):
    reached = []
    middleware = request_body_limit(lambda request: reached.append(request) or HttpResponse("ok"))
    request = RequestFactory().post(
        path, b"x", content_type="multipart/form-data; boundary=x", CONTENT_LENGTH=str(length)
    )
    request.META["wsgi.input"] = UnreadableBody()
    response = middleware(request)
    assert (response.status_code == 200) == passes and bool(reached) == passes
    if not passes:
        assert response.status_code == 413


@pytest.mark.parametrize("content_type", ["application/x-www-form-urlencoded", "application/json"])
def test_requests_without_files_are_left_to_django(db, content_type):
    """Django refuses those on Content-Length itself (DATA_UPLOAD_MAX_MEMORY_SIZE) before reading."""
    middleware = request_body_limit(lambda request: HttpResponse("ok"))
    request = RequestFactory().post("/aanvragen/", b"x", content_type=content_type, CONTENT_LENGTH="99999999")
    assert middleware(request).status_code == 200


def test_a_get_or_a_small_multipart_body_is_untouched(resident, draft):
    client = logged_in(resident)
    assert client.get(documents_url(draft)).status_code == 200
    body = encode_multipart("BoUnDaRy", {"action": "next"})
    response = client.post(documents_url(draft), body, content_type="multipart/form-data; boundary=BoUnDaRy")
    assert response.status_code == 302


@override_settings(UPLOAD_MAX_DOCUMENTS=3)
def test_a_draft_holds_at_most_the_set_number_of_documents(resident, draft):
    """Before: any number of documents, each up to 10 MB, could be stored on one draft."""
    client = logged_in(resident)
    for _ in range(3):
        assert upload(client, documents_url(draft)).status_code == 302
    refused = upload(client, documents_url(draft))
    assert refused.status_code == 400
    assert (
        "U heeft al 3 documenten toegevoegd. Meer kan niet bij één aanvraag. "
        "Verwijder eerst een document dat u niet nodig hebt." in refused.content.decode()
    )
    assert draft.documents.count() == 3
    first = draft.documents.first()
    delete = f"/aanvragen/concept/{draft.public_id}/documenten/{first.public_id}/verwijderen/"
    assert client.post(delete).status_code == 302
    assert upload(client, documents_url(draft)).status_code == 302  # room again
    assert draft.documents.count() == 3


@override_settings(UPLOAD_MAX_DOCUMENTS=2)
def test_a_sent_application_takes_no_more_documents_than_the_limit(resident, draft):
    from meedoen.web.applications import drafts

    factories.add_pdf(draft, "identity")
    drafts.submit(draft)
    application = draft.applications.first()
    client = logged_in(resident)
    url = f"/aanvragen/{application.public_id}/"
    assert upload(client, url, prefix="document").status_code == 302
    refused = upload(client, url, prefix="document")
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "U heeft al 2 documenten gestuurd. Meer kan niet bij één aanvraag." in text
    assert "Moet u toch nog iets sturen? Bel 14 024." in text  # Nijmegen's number, from its letterhead
    assert draft.documents.count() == 2
    assert application.messages.filter(from_resident=True).count() == 1  # no "Document toegevoegd" twice


@override_settings(UPLOAD_MAX_DOCUMENTS=1)
def test_the_limit_holds_for_the_function_every_upload_goes_through(resident, draft):
    from meedoen.web.components.upload_limits import TooManyDocuments

    factories.add_pdf(draft, "identity")
    with pytest.raises(TooManyDocuments):
        factories.add_pdf(draft, "income")
    assert draft.documents.count() == 1
