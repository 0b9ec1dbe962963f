"""What the municipality pays for something the resident needs (bijzondere bijstand, issue 18 item 3):
the calculation gateway, the page after the check, bad input, and who may see it.

The municipalities' draagkracht rules and amounts were not found, so the bundled data answers
"bedrag onbekend". The arithmetic is exercised with test figures (no municipality's; set below on
Nijmegen's parameters), each expected amount computed by hand from them and from the
Participatiewet figures of 1 January 2026 (norm single 1.401,50; vermogensgrens single 8.000).
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import pytest
from django.test import Client

from meedoen.web.accounts.models import Role
from meedoen.web.calculation import product_cost, products
from tests.rules.test_draagkracht import _with_test_figures
from tests.web import factories
from tests.web.conftest import ANSWERS, fill_check, logged_in

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 1, 1)
URL = "/regelingencheck/uitkomst/wat-betaalt-de-gemeente/"
# Test figures (no municipality's): income above 110 % of the reference norm counts for 35 % over
# 12 months; the list pays at most 400,00 for a wasmachine.
TEST_FIGURES = {
    "gemeenten.nijmegen.bijzondere_bijstand.draagkracht.inkomensgrens": 1.10,
    "gemeenten.nijmegen.bijzondere_bijstand.draagkracht.percentage": 0.35,
    "gemeenten.nijmegen.bijzondere_bijstand.draagkracht.periode_maanden": 12,
    "gemeenten.nijmegen.bijzondere_bijstand_producten.wasmachine.prijs": 40000,  # EUR in cents
}
# Nijmegen's list (meedoen/parameters/gemeenten/nijmegen/bijzondere_bijstand_producten.yaml).
NIJMEGEN_LIST = ["koelkast", "laptop", "meubels", "wasmachine"]


def household(income: float, assets: float = 0) -> dict:
    return {
        "municipality": "nijmegen",
        "date": DAY.isoformat(),
        "persons": [{"id": "a", "role": "applicant", "birth_date": "1984-05-12", "net_income_month": income}],
        "housing": {"kind": "rent", "rent_month": 650.0},
        "assets": assets,
    }


@pytest.fixture
def known(monkeypatch):
    """The engine with the test figures, for the gateway and the check's outcome alike."""
    params = _with_test_figures(TEST_FIGURES)
    monkeypatch.setattr("meedoen.rules.entitlements.default_parameters", lambda: params)
    return params


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: DAY)


# The gateway


def test_the_list_is_the_municipalitys_data():
    assert products("nijmegen") == NIJMEGEN_LIST
    assert products("arnhem") == [] and products("groningen") == []


def test_bundled_figures_are_unknown_never_zero():
    answer = product_cost(household(1000.00), "koelkast", 60000, "Koelkast")
    assert answer["on_list"] and answer["possible"]
    assert answer["own_share"] is None and answer["municipality_share"] is None
    assert answer["draagkracht"]["total"] is None and answer["draagkracht"]["percentage"] is None
    assert answer["text"].endswith("rekent de gemeente uit.")


def test_the_listed_laptop_goes_to_stichting_leergeld():
    answer = product_cost(household(1000.00), "laptop", 60000, "Laptop")
    assert answer["via"] == "Stichting Leergeld" and "Stichting Leergeld" in answer["text"]


def test_income_above_the_limit_is_split_by_the_draagkracht(known):
    answer = product_cost(household(1500.00), "fiets", 60000, "Fiets")
    d = answer["draagkracht"]
    # limit 1,10 x 0,95 x 1.401,50 = 1.464,5675 -> 1.464,57; (1.500,00 - 1.464,57) x 0,35 x 12 = 148,806
    assert (d["limit_month"], d["percentage"], d["period_months"]) == (1464.57, 0.35, 12)
    assert (d["total"], d["from_income"], d["from_assets"]) == (148.81, 148.81, 0.0)
    # not on the list: the whole price counts; 600,00 - 148,81 = 451,19
    assert not answer["on_list"]
    assert (answer["own_share"], answer["municipality_share"]) == (148.81, 451.19)
    assert answer["text"] == "Fiets van €\xa0600,00: u betaalt €\xa0148,81, de gemeente betaalt €\xa0451,19."


def test_the_list_maximum_caps_the_municipality(known):
    answer = product_cost(household(1500.00), "wasmachine", 60000, "Wasmachine")
    # at most 400,00 - 148,81 = 251,19; the household 600,00 - 251,19 = 348,81
    assert (answer["maximum"], answer["own_share"], answer["municipality_share"]) == (400.0, 348.81, 251.19)
    assert answer["loan"]


def test_assets_above_the_vermogensgrens_count_fully(known):
    answer = product_cost(household(1000.00, assets=9000), "fiets", 60000, "Fiets")
    # 9.000 - 8.000 = 1.000,00 of assets; 1.000,00 of income is below the limit: nothing from income
    assert (answer["draagkracht"]["from_assets"], answer["draagkracht"]["from_income"]) == (1000.0, 0.0)
    assert (answer["own_share"], answer["municipality_share"]) == (600.0, 0.0)


# The page


def answered(client: Client, income: str = ANSWERS["inkomen"]["income"], assets: str = "1200") -> Client:
    fill_check(client, {**ANSWERS, "inkomen": {"income": income}, "vermogen": {"assets": assets}})
    return client


def test_the_result_links_to_the_question(client, today):
    answered(client)
    assert URL in client.get("/regelingencheck/uitkomst/").content.decode()
    page = client.get(URL).content.decode()
    for value in [*NIJMEGEN_LIST, "anders"]:  # the list as radio buttons, and "Iets anders"
        label = "Iets anders" if value == "anders" else value.capitalize()
        assert f'value="{value}"' in page and f"> {label}</label>" in page
    assert "Wat kost het?" in page and "Wilt u weten wat de gemeente betaalt" in page


def test_unknown_rules_say_bedrag_onbekend_and_how_to_apply(client, today):
    answered(client)
    response = client.post(URL, {"product": "koelkast", "price": "600"})
    assert response.status_code == 200
    page = response.content.decode()
    answer = page.split("data-product-cost", 1)[1]
    assert "Bedrag onbekend" in answer and "De gemeente rekent dit voor u uit" in answer
    assert "Koelkast van €\xa0600,00" in answer and "€\xa00,00" not in answer
    assert (
        "Hoe vraagt u het aan?" in page
        and "Vraag bijzondere bijstand aan via nijmegen.nl, vóórdat u de kosten maakt." in page
    )


def test_known_rules_give_the_full_answer_with_why(client, today, known):
    answered(client, income="1500")
    page = client.post(URL, {"product": "wasmachine", "price": "600,00"}).content.decode()
    assert "Wasmachine van €\xa0600,00: u betaalt €\xa0348,81, de gemeente betaalt €\xa0251,19." in page
    assert "meestal als lening" in page
    # why: 1.500,00 - 1.464,57 = 35,43 above the limit, 35 % over 12 months = 148,81; the list's maximum
    assert "Dat is €\xa035,43 meer dan de grens van de gemeente (€\xa01.464,57)" in page
    assert "telt 35% mee, 12 maanden lang. Dat is €\xa0148,81." in page
    assert "hoogstens €\xa0400,00" in page


def test_something_not_on_the_list_says_so(client, today, known):
    answered(client, income="1000", assets="9000")
    page = client.post(
        URL, {"product": "anders", "description": "fiets", "price": "1.250,50"}
    ).content.decode()
    assert "Fiets staat niet op de lijst van de gemeente" in page
    # 9.000 - 8.000 = 1.000,00 of assets: the municipality pays 1.250,50 - 1.000,00 = 250,50
    assert "u betaalt €\xa01.000,00, de gemeente betaalt €\xa0250,50" in page
    assert "U hebt €\xa01.000,00 meer spaargeld of vermogen dan de grens." in page


def test_the_laptop_is_sent_to_stichting_leergeld(client, today):
    answered(client)
    page = client.post(URL, {"product": "laptop", "price": "600"}).content.decode()
    assert "dit vraagt u aan bij Stichting Leergeld" in page
    assert "Vraag dit aan bij Stichting Leergeld." in page and "Vraag bijzondere bijstand aan via" not in page


def test_above_the_income_screen_the_resident_pays_it(client, today):
    # 1.700,00 > 1,20 x 0,95 x 1.401,50 = 1.597,71, the limit up to which the check shows it possible
    answered(client, income="1700")
    page = client.post(URL, {"product": "koelkast", "price": "600"}).content.decode()
    assert "u betaalt dit zelf. Bijzondere bijstand is voor u niet mogelijk." in page
    assert "Hoe vraagt u het aan?" not in page and "Bedrag onbekend" not in page


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"product": "koelkast", "price": ""}, "Wat kost het?", "Vul de prijs in euro in, bijvoorbeeld 600."),
        ({"product": "koelkast", "price": "-5"}, "Wat kost het?", "Het bedrag kan niet lager zijn dan 0."),
        ({"product": "koelkast", "price": "0"}, "Wat kost het?", "Vul een prijs in die hoger is dan € 0."),
        ({"product": "koelkast", "price": "2500000"}, "Wat kost het?", "Dit bedrag is te hoog."),
        ({"product": "koelkast", "price": "veel"}, "Wat kost het?", "Vul een bedrag in euro in"),
        ({"product": "tv", "price": "600"}, "Wat hebt u nodig?", "Kies iets van de lijst of 'Iets anders'."),
        ({"price": "600"}, "Wat hebt u nodig?", "Kies wat u nodig hebt."),
        (
            {"product": "anders", "price": "600"},
            "Wat is het?",
            "U kiest 'Iets anders'. Schrijf op wat u nodig hebt.",
        ),
    ],
)
def test_bad_input_names_the_field_and_keeps_what_was_typed(client, today, data, field, message):
    answered(client)
    response = client.post(URL, data)
    assert response.status_code == 400
    page = response.content.decode().replace("&#x27;", "'")
    summary = page.split("data-error-summary", 1)[1].split("</div>", 1)[0]
    assert f"{field}: {message}" in summary
    if data.get("price"):
        assert f'value="{data["price"]}"' in page
    assert "data-product-cost" not in page


# Who may see it: the answer is computed from the check answered in the same browser session only.


def test_without_a_check_there_is_nothing_to_compute(client):
    assert client.get(URL).url == "/regelingencheck/"
    assert client.post(URL, {"product": "koelkast", "price": "600"}).url == "/regelingencheck/"


@pytest.mark.parametrize(
    "other",
    ["anonymous", "another resident", "staff without a team", "consultant of another team", "wrong role"],
)
def test_nobody_else_sees_a_residents_answer(today, known, other, resident, other_team):
    mine = answered(logged_in(resident), income="1500")
    assert "€\xa0251,19" in mine.post(URL, {"product": "wasmachine", "price": "600"}).content.decode()
    users = {
        "another resident": lambda: factories.ResidentFactory(postcode="6541 AB"),
        "staff without a team": lambda: factories.UserFactory(role=Role.CONSULTANT, team=None),
        "consultant of another team": lambda: factories.UserFactory(role=Role.CONSULTANT, team=other_team),
        "wrong role": lambda: factories.UserFactory(role=Role.PROVIDER),
    }
    theirs = Client() if other == "anonymous" else logged_in(users[other]())
    assert theirs.get(URL).url == "/regelingencheck/"
    response = theirs.post(URL, {"product": "wasmachine", "price": "600"})
    assert response.status_code == 302 and response.url == "/regelingencheck/"


# The calculation API: the same answer for a household in contract form (docs/contract-extensions.md)

API = "/api/v1/check/bijzondere-bijstand"


def api_post(client: Client, body: dict, **query: str):
    return client.post(f"{API}?{urlencode(query)}", body, content_type="application/json")


def test_the_api_gives_the_same_split(client, known):
    response = api_post(client, household(1500.00), product="wasmachine", price="600.00")
    assert response.status_code == 200
    out = response.json()
    assert (out["own_share"], out["municipality_share"], out["maximum"]) == (348.81, 251.19, 400.0)
    assert out["draagkracht"]["total"] == 148.81 and out["products"] == NIJMEGEN_LIST
    assert out["parameter_version"].startswith("parameters-")


def test_the_api_says_unknown_as_null(client):
    out = api_post(client, household(1000.00), product="koelkast", price="600").json()
    assert out["own_share"] is None and out["municipality_share"] is None


@pytest.mark.parametrize(
    ("query", "path"),
    [
        ({"product": "koelkast", "price": "-5"}, "price"),
        ({"product": "koelkast", "price": "0"}, "price"),
        ({"product": "koelkast", "price": "600,00"}, "price"),
        ({"product": "koelkast", "price": "600.001"}, "price"),
        ({"product": "koelkast", "price": "1e400"}, "price"),
        ({"product": "koelkast", "price": "2500000"}, "price"),
        ({"product": "koelkast"}, "price"),
        ({"product": " ", "price": "600"}, "product"),
        ({"price": "600"}, "product"),
    ],
)
def test_the_api_names_a_bad_query(client, query, path):
    response = api_post(client, household(1000.00), **query)
    assert response.status_code == 400
    assert [p["path"] for p in response.json()["problems"]] == [path]


def test_the_api_names_a_bad_household_and_the_price_together(client):
    body = household(1000.00)
    body["persons"][0]["birth_date"] = "12-05-1984"
    response = api_post(client, body, product="koelkast", price="nul")
    assert response.status_code == 400
    assert {p["path"] for p in response.json()["problems"]} == {"price", "persons[0].birth_date"}
    unknown = api_post(client, {**household(1000.00), "municipality": "atlantis"}, product="x", price="1")
    assert unknown.status_code == 400 and unknown.json()["problems"][0]["path"] == "municipality"
