"""POST /api/v1/check: the household contract in, the contract's output out; 400 with field paths."""

import json
from pathlib import Path

import pytest
from django.test import Client, override_settings

EXAMPLE = Path(__file__).resolve().parents[2] / "meedoen" / "examples" / "household_arnhem.json"

pytestmark = pytest.mark.django_db


def post(client: Client, body) -> object:
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post("/api/v1/check", data, content_type="application/json")


def test_the_example_household_gives_the_contract_output(client):
    response = post(client, EXAMPLE.read_text())
    assert response.status_code == 200
    out = response.json()
    assert out["municipality"] == "arnhem" and out["household_type"] == "couple"
    assert {"norm", "income_net_month", "income_ratio", "schemes", "indicators", "trace"} <= out.keys()
    bijstand = next(s for s in out["schemes"] if s["id"] == "bijstand")
    assert bijstand["amount"] > 0 and bijstand["reasons"] and bijstand["sources"]
    assert out["trace"] and out["parameter_version"].startswith("parameters-")


def test_every_problem_is_a_400_with_its_field_path(client):
    body = json.loads(EXAMPLE.read_text())
    body["persons"][1]["birth_date"] = "31-01-1990"
    body["assets"] = "veel"
    body["surprise"] = 1
    response = post(client, body)
    assert response.status_code == 400
    paths = {p["path"] for p in response.json()["problems"]}
    assert {"persons[1].birth_date", "assets", "surprise"} <= paths


def test_not_json_and_a_date_before_the_rules_are_400(client):
    assert post(client, "{not json").status_code == 400
    body = json.loads(EXAMPLE.read_text())
    body["date"] = "2023-12-31"
    response = post(client, body)
    assert response.status_code == 400 and response.json()["problems"][0]["path"] == "date"


def test_a_later_date_is_provisional_and_final_only_refuses_it(client):
    body = json.loads(EXAMPLE.read_text())
    body["date"] = "2040-01-01"
    response = post(client, body)
    assert response.status_code == 200
    result = response.json()
    assert result["provisional"] and {s["status"] for s in result["schemes"]} == {"provisional"}
    refused = client.post("/api/v1/check?final_only=true", json.dumps(body), content_type="application/json")
    assert refused.status_code == 400
    assert {p["path"] for p in refused.json()["problems"]} == {"date"}
    assert "bijstand: published values end on" in str(refused.json()["problems"])


def test_openapi_schema_is_served_with_the_household_contract(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["version"] == "1.0.0"
    body = schema["paths"]["/api/v1/check"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/Household"}
    assert {"Household", "Person", "Housing", "CheckResult", "Problems"} <= schema["components"][
        "schemas"
    ].keys()


@override_settings(API_RATE="3/m")
def test_the_api_is_rate_limited_per_client(client):
    from django.core.cache import cache

    cache.clear()
    codes = [post(client, EXAMPLE.read_text()).status_code for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    other = Client(REMOTE_ADDR="10.1.2.3")
    assert post(other, EXAMPLE.read_text()).status_code == 200
