"""The Regelingencheck tells one story (issue 19, item 1): the amounts on the page are the engine's,
the total adds exactly those up, "u krijgt dit al" replaces an offer of what a household already has,
questions are asked only when the engine says they can change an outcome, names come from the
catalogue, and residents never read internal wording."""

from __future__ import annotations

import datetime as dt
import html as htmllib
import re

import pytest
from django.test import Client

from meedoen.catalogue import catalogue
from meedoen.rules.money import cents_of, euro_text
from meedoen.web.calculation import evaluate
from meedoen.web.portal.outcome import Outcome, monthly_total, presented
from meedoen.web.portal.questionnaire import Questionnaire
from tests.web.conftest import fill_check

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 6, 1)  # published amounts: no provisional notice in the way


@pytest.fixture(autouse=True)
def published_date(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: DAY)


def answers(**steps: dict) -> dict[str, dict]:
    base = {
        "over-u": {"birth_date": "1985-05-01"},
        "huishouden": {"partner": "nee", "children": "0", "housemates": "0"},
        "inkomen": {"income": "1100"},
        "wonen": {"kind": "rent", "rent": "650", "energy": "120"},
        "vermogen": {"assets": "500"},
    }
    return {**base, **steps}


SINGLE_PARENT = answers(
    **{
        "over-u": {"birth_date": "1990-05-01"},
        "huishouden": {"partner": "nee", "children": "1", "housemates": "0"},
        "leeftijden": {"child_1_birth_date": "2016-03-01", "child_1_school": "po"},
        "inkomen": {"income": "1450"},
        "wonen": {"kind": "rent", "rent": "720", "energy": "150"},
    }
)
COUPLE_THREE_ADULTS = answers(
    **{
        "huishouden": {"partner": "ja", "children": "1", "housemates": "0"},
        "leeftijden": {
            "partner_birth_date": "1986-01-01",
            "child_1_birth_date": "2006-01-01",  # 20: an adult child, a Meedoen-regeling participant
            "child_1_school": "none",
        },
        "inkomen": {"income": "1200", "partner_income": "300"},
    }
)
RICH_COUPLE = answers(
    **{
        "huishouden": {"partner": "ja", "children": "0", "housemates": "0"},
        "leeftijden": {"partner_birth_date": "1986-01-01"},
        "inkomen": {"income": "4500", "partner_income": "2200"},
    }
)


def text(html: str) -> str:
    main = html.split('id="inhoud"', 1)[1].split("</main>", 1)[0]
    return htmllib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))).replace("\xa0", " ")


def checked(a: dict) -> tuple[Client, str]:
    client = Client()
    fill_check(client, a)
    response = client.get("/regelingencheck/uitkomst/")
    assert response.status_code == 200
    return client, response.content.decode()


def card(html: str, scheme_id: str) -> str:
    return html.split(f'id="regeling-{scheme_id}"', 1)[1].split("</section>", 1)[0]


def card_text(html: str, scheme_id: str) -> str:
    return text('id="inhoud">' + card(html, scheme_id) + "</main>")


def engine(a: dict) -> dict:
    household, _ = Questionnaire(a).household("nijmegen", DAY)
    return evaluate(household)


# --- questions only when they can change an outcome -----------------------------------------------


def test_a_high_income_is_not_asked_since_when_it_is_low():
    client = Client()
    fill_check(client, {k: v for k, v in RICH_COUPLE.items() if k != "vermogen"})
    page = client.get("/regelingencheck/vermogen/").content.decode()
    assert "Sinds wanneer hebt u een laag inkomen?" not in page
    assert "Hoeveel spaargeld" in page


def test_a_low_income_is_asked_since_when_and_the_answer_reaches_the_engine():
    a = answers()
    client = Client()
    fill_check(client, {k: v for k, v in a.items() if k != "vermogen"})
    assert (
        "Sinds wanneer hebt u een laag inkomen?" in client.get("/regelingencheck/vermogen/").content.decode()
    )
    fill_check(client, {"vermogen": {"assets": "500", "low_income_since": "01-01-2019"}})
    q = Questionnaire.from_session(client.session)
    household, _ = q.household("nijmegen", DAY)
    assert household["low_income_since"] == "2019-01-01"


def test_the_question_is_asked_exactly_when_the_engine_answers_differently():
    """The skipping rule itself, checked against the engine for a range of incomes."""
    for income in ("0", "900", "1400", "1500", "2500", "6700"):
        a = answers(inkomen={"income": income})
        q = Questionnaire(a)
        asked = "low_income_since" in q.form(q.steps()[-1]).fields
        base = {**a, "vermogen": {"assets": "0"}}
        without = engine(base)
        long_ago = engine({**a, "vermogen": {"assets": "0", "low_income_since": "2000-01-01"}})
        differs = [(s["eligible"], s["amount"]) for s in without["schemes"]] != [
            (s["eligible"], s["amount"]) for s in long_ago["schemes"]
        ]
        assert asked == differs, income
    assert (
        "low_income_since"
        not in Questionnaire(RICH_COUPLE).form(Questionnaire(RICH_COUPLE).steps()[-1]).fields
    )


def test_krijgt_u_al_offers_the_catalogues_names_and_child_schemes_only_with_children():
    client = Client()
    fill_check(client, {k: answers()[k] for k in ("over-u", "huishouden")})
    page = client.get("/regelingencheck/inkomen/").content.decode()
    titles = catalogue("nijmegen")
    assert "Wat krijgt u nu al?" in page and 'type="checkbox"' in page
    assert titles["bijstand"].title in page and titles["meedoenpas"].title in page
    assert "Kinderbijslag" not in page
    client = Client()
    fill_check(client, {k: SINGLE_PARENT[k] for k in ("over-u", "huishouden", "leeftijden")})
    assert "Kinderbijslag" in client.get("/regelingencheck/inkomen/").content.decode()


def test_an_error_keeps_every_checked_box_and_names_the_field():
    client = Client()
    fill_check(client, {k: answers()[k] for k in ("over-u", "huishouden")})
    response = client.post(
        "/regelingencheck/inkomen/",
        {"income": "veel", "receives": ["bijstand", "zorgtoeslag"], "action": "next"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Hoeveel geld krijgt u per maand?: Vul een bedrag in euro in" in page  # named in the summary
    assert re.search(r'value="bijstand"[^>]*checked', page) and re.search(
        r'value="zorgtoeslag"[^>]*checked', page
    )
    assert 'value="veel"' in page
    again = client.get("/regelingencheck/inkomen/").content.decode()  # and kept in the session
    assert re.search(r'value="bijstand"[^>]*checked', again)


# --- the amounts are the engine's ------------------------------------------------------------------


@pytest.mark.parametrize(
    "a", [answers(), SINGLE_PARENT, COUPLE_THREE_ADULTS], ids=["single", "parent", "three"]
)
def test_every_amount_on_the_page_is_the_engines_amount_for_the_household(a):
    _, html = checked(a)
    result = engine(a)
    for scheme in result["schemes"]:
        shown = re.findall(r'data-amount="([\d.]+)"', card(html, scheme["id"]))
        if scheme["eligible"] and scheme["amount"]:
            assert shown == [str(scheme["amount"])], scheme["id"]
            assert euro_text(cents_of(scheme["amount"])).replace("\xa0", " ") in card_text(html, scheme["id"])
        else:
            assert shown == [], scheme["id"]


def test_the_meedoenregeling_text_and_amount_agree_for_a_household_of_three_adults():
    _, html = checked(COUPLE_THREE_ADULTS)
    scheme = next(s for s in engine(COUPLE_THREE_ADULTS)["schemes"] if s["id"] == "meedoenregeling")
    assert scheme["eligible"] and scheme["amount"]
    amount = euro_text(cents_of(scheme["amount"])).replace("\xa0", " ")
    body = card_text(html, "meedoenregeling")
    said = re.search(
        r"€ ([\d.,]+) per persoon per jaar voor (\d+) perso(?:on|nen): samen € ([\d.,]+) per jaar", body
    )
    assert said, body
    per_person, people = cents_of(said[1].replace(".", "").replace(",", ".")), int(said[2])
    assert f"€ {said[3]}" == amount and per_person * people == cents_of(scheme["amount"])
    assert f"{amount} per jaar, voor uw hele huishouden" in body


def test_the_monthly_total_adds_up_exactly_the_amounts_shown():
    _, html = checked(SINGLE_PARENT)
    result = engine(SINGLE_PARENT)
    per_year = {"month": 12, "quarter": 4, "year": 1}
    year_cents = sum(
        cents_of(s["amount"]) * per_year[s["period"]]
        for s in result["schemes"]
        if s["eligible"] and s["amount"] and s["period"] in per_year
    )
    expected = (year_cents + 6) // 12  # rounded half up once, after adding up
    assert f'data-total-cents="{expected}"' in html
    page = text(html)
    assert f"Samen ongeveer {euro_text(expected)} per maand".replace("\xa0", " ") in page
    assert "Bedragen per jaar of per kwartaal hebben wij omgerekend naar een bedrag per maand." in page
    assert "Niet in dit totaal, want u krijgt geen vast bedrag" in page  # the passes, the insurance


def test_already_received_says_so_is_left_out_of_the_total_and_never_offered_again():
    a = answers(inkomen={"income": "1100", "receives": ["bijstand", "zorgtoeslag"]})
    _, html = checked(a)
    page = text(html)
    for scheme_id in ("bijstand", "zorgtoeslag"):
        body = card_text(html, scheme_id)
        assert (
            "U krijgt dit al" in body
            and "Waarschijnlijk wel" not in body
            and "€" not in body.split("Meer over")[0]
        )
    assert "Niet in dit totaal, want u krijgt het al: Bijstandsuitkering en Zorgtoeslag." in page
    offered = page.split("Hier hebt u waarschijnlijk recht op", 1)[1].split("Dit krijgt u al", 1)[0]
    assert "Bijstandsuitkering" not in offered
    result = engine(a)
    huur = next(s for s in result["schemes"] if s["id"] == "huurtoeslag")
    meedoen = next(s for s in result["schemes"] if s["id"] == "meedoenregeling")
    expected = (cents_of(huur["amount"]) * 12 + cents_of(meedoen["amount"]) + 6) // 12
    assert f'data-total-cents="{expected}"' in html


def test_an_unknown_amount_is_bedrag_onbekend_never_nil_nor_internal_wording():
    a = answers(vermogen={"assets": "0", "low_income_since": "2015-01-01"})
    result = engine(a)
    iit = next(s for s in result["schemes"] if s["id"] == "individuele_inkomenstoeslag")
    assert iit["eligible"] and not iit["amount"]  # Nijmegen's amount is not in the parameters
    _, html = checked(a)
    body = card_text(html, "individuele_inkomenstoeslag")
    assert "Bedrag onbekend" in body and "€ 0,00" not in body
    assert "bij Meedoen" not in text(html) and "Meedoen nog niet" not in text(html)
    unknown = text(html).split("Niet in dit totaal, want het bedrag is onbekend:", 1)[1].split(".", 1)[0]
    assert "Individuele inkomenstoeslag" in unknown


def test_a_scheme_the_engine_cannot_compute_never_reads_internal_wording():
    scheme = {"id": "huurtoeslag", "name": "Huurtoeslag", "eligible": None, "amount": None, "period": "month",
              "reasons": [{"code": "no_figures_for_date", "text": "niet bekend bij Meedoen"}],
              "status": "unknown"}  # fmt: skip
    shown = presented(scheme, catalogue("nijmegen"), frozenset())
    assert "Meedoen" not in shown["reasons"][0]["text"] and shown["amount_unknown"]
    total = monthly_total([{**shown, "eligible": True}])
    assert total.cents == 0 and total.unknown == ["Huurtoeslag"] and total.counted == []


# --- one name, the catalogue's texts, explained figures ---------------------------------------------


def test_names_come_from_the_catalogue_with_its_texts_and_links():
    _, html = checked(answers())
    titles = catalogue("nijmegen")
    assert f">{titles['collectieve_zorgverzekering'].title}</h3>" in html  # "(CAZ)": the catalogue's name
    zorg = card(html, "zorgtoeslag")
    assert "<details" in zorg and titles["zorgtoeslag"].description.split(".")[0] in zorg
    assert "Naar de website van de Dienst Toeslagen" in zorg
    assert "Hoe vraagt u het aan?" in zorg and "Wat hebt u nodig?" in zorg


def test_every_derived_figure_is_explained_in_one_line_with_the_engines_value():
    _, html = checked(answers())
    result = engine(answers())
    page = text(html)
    norm = result["norm"]
    line = (
        "De bijstandsnorm voor uw huishouden, met vakantiegeld: "
        f"{euro_text(cents_of(norm['monthly_incl_vakantietoeslag']))} per maand."
    ).replace("\xa0", " ")
    assert line in page
    assert (
        f"Uw inkomen per maand: {euro_text(cents_of(result['income_net_month']))}.".replace("\xa0", " ")
        in page
    )
    assert "Uw inkomen over een jaar voor de toeslagen:" in page and "bruto" in page
    assert (
        f"Uw inkomen is {round(result['income_ratio'] * 100)}% van de bijstandsnorm zonder vakantiegeld"
        in page
    )


def test_the_outcome_object_keeps_the_engines_amounts():
    result = engine(SINGLE_PARENT)
    outcome = Outcome({}, result, DAY, {}, frozenset({"kinderbijslag"}), "nijmegen")
    for shown, raw in zip(outcome.schemes, result["schemes"], strict=True):
        assert (shown["id"], shown["eligible"], shown["amount"]) == (
            raw["id"],
            raw["eligible"],
            raw["amount"],
        )
    assert [s["id"] for s in outcome.received] == ["kinderbijslag"]
    assert "Kinderbijslag" not in outcome.total.counted
