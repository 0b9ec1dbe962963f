"""The Regelingencheck: steps, plain Dutch errors next to the field, answers kept, the outcome."""

import pytest
from django.test import Client

from tests.web.conftest import ANSWERS, fill_check

pytestmark = pytest.mark.django_db


def test_home_and_first_step_render_with_nl_design_system_classes(client: Client):
    home = client.get("/")
    assert home.status_code == 200
    assert b"utrecht-page" in home.content and b"Start de Regelingencheck" in home.content
    step = client.get("/regelingencheck/", follow=True)
    assert b"stap 1 van 6" in step.content
    assert b'class="utrecht-form-field' in step.content and b"utrecht-textbox" in step.content


def test_an_error_says_what_is_wrong_in_dutch_next_to_the_field():
    client = Client()
    response = client.post("/regelingencheck/over-u/", {"birth_date": "31-02-1990", "action": "next"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Vul een datum in zoals 31-01-1990." in html
    assert 'id="id_birth_date_error"' in html and 'aria-invalid="true"' in html
    assert 'value="31-02-1990"' in html  # what was typed is kept


def test_money_in_dutch_notation_and_a_wrong_amount():
    client = Client()
    fill_check(client, {k: ANSWERS[k] for k in ("over-u", "huishouden")})
    bad = client.post("/regelingencheck/inkomen/", {"income": "veel", "action": "next"})
    assert "Vul een bedrag in euro in, bijvoorbeeld 1250 of 1250,50." in bad.content.decode()
    good = client.post("/regelingencheck/inkomen/", {"income": "1.250,50", "action": "next"})
    assert good.status_code == 302


def test_back_keeps_answers_even_invalid_ones():
    client = Client()
    fill_check(client, {k: ANSWERS[k] for k in ("over-u", "huishouden")})
    back = client.post("/regelingencheck/inkomen/", {"income": "12,3,4", "action": "back"})
    assert back.status_code == 302 and back["Location"].endswith("/huishouden/")
    again = client.get("/regelingencheck/inkomen/")
    assert 'value="12,3,4"' in again.content.decode()
    first = client.get("/regelingencheck/over-u/")
    assert 'value="1984-05-12"' in first.content.decode()


def test_rent_is_required_only_for_renters():
    client = Client()
    fill_check(client, {k: ANSWERS[k] for k in ("over-u", "huishouden", "inkomen")})
    response = client.post("/regelingencheck/wonen/", {"kind": "rent", "rent": "", "action": "next"})
    assert "Vul in hoeveel huur u per maand betaalt." in response.content.decode()
    owner = client.post("/regelingencheck/wonen/", {"kind": "own", "rent": "", "action": "next"})
    assert owner.status_code == 302


def test_household_with_others_asks_their_ages_and_checks_a_child_is_younger():
    client = Client()
    fill_check(client, {"over-u": ANSWERS["over-u"]})
    client.post(
        "/regelingencheck/huishouden/",
        {"partner": "ja", "children": "1", "housemates": "1", "action": "next"},
    )
    page = client.get("/regelingencheck/leeftijden/").content.decode()
    assert "Geboortedatum van uw partner" in page and "kind 1" in page and "medebewoner 1" in page
    response = client.post(
        "/regelingencheck/leeftijden/",
        {
            "partner_birth_date": "1985-01-01",
            "child_1_birth_date": "1970-01-01",
            "child_1_school": "po",
            "housemate_1_birth_date": "1960-01-01",
            "housemate_1_student_finance": "nee",
            "housemate_1_commercial_tenant": "nee",
            "action": "next",
        },
    )
    assert "Een kind is jonger dan u of uw partner." in response.content.decode()


def test_outcome_lists_every_scheme_with_amount_reasons_and_what_would_change():
    client = Client()
    fill_check(client)
    response = client.get("/regelingencheck/uitkomst/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bijstandsuitkering" in html and "per maand" in html and "Waarom?" in html
    assert "Als uw inkomen € 100 per maand hoger wordt" in html
    assert "Participatiewet, artikel 21" in html


def test_outcome_before_all_answers_goes_to_the_missing_step():
    client = Client()
    fill_check(client, {"over-u": ANSWERS["over-u"]})
    response = client.get("/regelingencheck/uitkomst/")
    assert response.status_code == 302 and response["Location"].endswith("/huishouden/")


def test_printable_pdf_summary():
    client = Client()
    fill_check(client)
    response = client.get("/regelingencheck/uitkomst.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_start_again_forgets_the_answers():
    client = Client()
    fill_check(client)
    client.post("/regelingencheck/opnieuw/")
    assert client.get("/regelingencheck/uitkomst/").status_code == 302
