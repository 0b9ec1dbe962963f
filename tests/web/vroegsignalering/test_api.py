"""The REST endpoint for signal platforms: a token per platform, the contract's rows and summary."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from meedoen.web.accounts.models import Role
from meedoen.web.api.tokens import token_hash
from meedoen.web.audit.models import AuditEntry
from meedoen.web.vroegsignalering.api import MAX_BODY_BYTES
from meedoen.web.vroegsignalering.models import Signal, SignalCase, SignalPlatform
from tests.signals.helpers import BASE
from tests.web import factories
from tests.web.vroegsignalering.conftest import store

pytestmark = pytest.mark.django_db
URL = "/vroegsignalering/api/signalen"


@pytest.fixture
def token(team) -> str:
    return SignalPlatform.register("Inforing", "nijmegen")[1]


def post(token: str, signals: list[dict]) -> object:
    return Client().post(
        URL,
        {"signals": signals},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )


def test_without_a_valid_token_nothing_is_accepted(token):
    assert Client().post(URL, {"signals": [BASE]}, content_type="application/json").status_code == 401
    assert post("fout", [BASE]).status_code == 401
    assert Signal.objects.count() == 0


def test_a_platform_posts_signals_and_reads_their_status(token):
    response = post(token, [{**BASE, "signaal_id": "P1"}, {**BASE, "signaal_id": "P2", "bsn": "1"}])
    assert response.status_code == 200
    body = response.json()
    assert (body["rows"], body["stored"], body["rejected"], body["cases_opened"]) == (2, 1, 1, 1)
    assert body["errors"][0]["field"] == "bsn" and body["errors"][0]["line"] == 3
    assert SignalCase.objects.get().municipality == "nijmegen"
    status = Client().get(f"{URL}/P1/status", headers={"Authorization": f"Bearer {token}"})
    assert status.json() == {"signaal_id": "P1", "status": "Opgepakt"}
    assert post(token, [{**BASE, "signaal_id": "P1"}]).json()["duplicates"] == 1


def test_the_openapi_schema_describes_the_endpoints(token):
    schema = Client().get("/vroegsignalering/api/openapi.json").json()
    assert {"/vroegsignalering/api/signalen", "/vroegsignalering/api/signalen/{signaal_id}/status"} <= set(
        schema["paths"]
    )
    assert "bearer" in str(schema["components"]["securitySchemes"]).lower()


def test_the_command_registers_a_platform_whose_token_posts_signals(team):
    out = StringIO()
    call_command("add_signal_platform", "Inforing", "--municipality", "nijmegen", stdout=out)
    token = out.getvalue().rsplit(": ", 1)[1].strip()
    assert SignalPlatform.objects.get().token_hash == token_hash(token)  # only the hash is kept
    assert post(token, [{**BASE, "signaal_id": "C1"}]).json()["stored"] == 1
    with pytest.raises(CommandError, match="al een signaalplatform"):
        call_command("add_signal_platform", "Inforing", stdout=StringIO())


# Issue 16: a bad row never costs the delivery; platforms are isolated; 10,000 signals per request.


def status_of(token: str, signal_id: str):
    return Client().get(f"{URL}/{signal_id}/status", headers={"Authorization": f"Bearer {token}"})


def test_a_nul_or_a_lone_surrogate_rejects_that_signal_and_the_others_are_stored(token):
    signals = [
        {**BASE, "signaal_id": "G1"},
        {**BASE, "signaal_id": "N1", "achternaam": "O\x00Brien"},
        {**BASE, "signaal_id": "U1", "plaatsnaam": "Nijm\ud800gen"},  # JSON allows it, UTF-8 does not
        {**BASE, "signaal_id": "G2"},
    ]
    response = post(token, signals)
    assert response.status_code == 200
    body = response.json()
    assert (body["rows"], body["rejected"], body["stored"]) == (4, 2, 2)
    assert [(e["line"], e["field"]) for e in body["errors"]] == [(3, "achternaam"), (4, "plaatsnaam")]
    assert set(Signal.objects.values_list("signal_id", flat=True)) == {"G1", "G2"}


def test_a_status_for_an_id_no_signal_can_have_is_a_404(token):
    assert status_of(token, "S%001").status_code == 404  # a NUL: PostgreSQL refuses it in a query
    assert status_of(token, "x" * 101).status_code == 404


def test_a_platform_reads_only_its_own_signals(token):
    other = SignalPlatform.register("Andere", "nijmegen")[1]
    assert post(token, [{**BASE, "signaal_id": "P1"}]).json()["stored"] == 1
    assert status_of(other, "P1").status_code == 404
    assert status_of(token, "P1").json()["status"] == "Opgepakt"


def test_the_same_id_from_two_platforms_or_a_file_is_three_signals(token, tmp_path):
    other = SignalPlatform.register("Andere", "nijmegen")[1]
    assert post(token, [{**BASE, "signaal_id": "X1"}]).json()["stored"] == 1
    assert post(other, [{**BASE, "signaal_id": "X1", "signaalpartner_naam": "Vitens"}]).json()["stored"] == 1
    assert (
        store({"signaal_id": "X1", "signaalpartner_naam": "Eneco"})["stored"] == 1
    )  # the municipality's file
    assert post(other, [{**BASE, "signaal_id": "X1"}]).json()["duplicates"] == 1  # still one per sender
    assert Signal.objects.filter(signal_id="X1").count() == 3
    assert status_of(other, "X1").status_code == 200


def test_ten_thousand_signals_in_one_request_are_accepted(token):
    signals = [{**BASE, "signaal_id": f"T{i:05d}", "straatnaam": "Lange Hezelstraat",
                "plaatsnaam": "Nijmegen", "voorletters": "J.P."} for i in range(10_000)]  # fmt: skip
    body = json.dumps({"signals": signals})
    assert len(body) > 2 * 1024 * 1024  # over the site-wide request limit
    response = Client().post(
        URL, body, content_type="application/json", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200, response.content[:300]
    assert response.json()["rows"] == 10_000 and Signal.objects.count() == 10_000


def test_a_body_over_the_limit_gets_the_apis_json_error(token):
    body = b'{"signals": []' + b" " * MAX_BODY_BYTES + b"}"
    response = Client().post(
        URL, body, content_type="application/json", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 413 and response["Content-Type"] == "application/json"
    assert "10000 signals" in response.json()["detail"]
    many = json.dumps({"signals": [{}] * 10_001})  # small, but more than a batch may hold
    response = Client().post(
        URL, many, content_type="application/json", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 400 and "at most 10000" in response.json()["detail"]
    assert Signal.objects.count() == 0


def test_a_large_body_without_a_valid_token_is_refused_unread(token):
    body = b'{"signals": []' + b" " * (3 * 1024 * 1024) + b"}"
    response = Client().post(
        URL, body, content_type="application/json", headers={"Authorization": "Bearer x"}
    )
    assert response.status_code == 401


def test_every_status_read_by_a_platform_is_audited(token):
    resident = factories.UserFactory(role=Role.RESIDENT, bsn=BASE["bsn"], username="jansen")
    post(token, [{**BASE, "signaal_id": "A1"}])
    assert status_of(token, "A1").status_code == 200
    entry = AuditEntry.objects.get()
    assert (entry.actor_name, entry.actor_role, entry.action) == (
        "signaalplatform:Inforing",
        "signaalplatform",
        "view",
    )
    assert entry.subject_id == resident.pk and "A1" in entry.what
    status_of(token, "onbekend")
    assert AuditEntry.objects.count() == 1  # nothing was read
