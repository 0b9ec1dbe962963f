"""The REST endpoint for signal platforms: a token per platform, the contract's rows and summary."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from meedoen.web.api.tokens import token_hash
from meedoen.web.vroegsignalering.models import Signal, SignalCase, SignalPlatform
from tests.signals.helpers import BASE

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
