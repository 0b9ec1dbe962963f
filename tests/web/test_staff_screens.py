"""Staff screens in Dutch (issue 19, item 7): the case page renders the engine's trace with its Dutch
labels and values (never the developers' English explanation, never True/False or a code), the queue
says "geen recht" / "bedrag onbekend" instead of EUR 0, a refusal without motivation shows its error at
the top, and staff pages carry the staff navigation instead of the residents' menu."""

from __future__ import annotations

import re
from html import unescape

import pytest

from meedoen.rules.engine import REGISTRY
from meedoen.rules.entitlements import HOUSEHOLD_TYPES
from meedoen.web.accounts.models import Role
from meedoen.web.applications import drafts
from meedoen.web.backoffice import trace
from meedoen.web.calculation import evaluate
from meedoen.web.decisions.models import Decision
from tests.web import factories
from tests.web.conftest import ANSWERS, logged_in

pytestmark = pytest.mark.django_db
RICH = {**ANSWERS, "inkomen": {"income": "4000"}}
FAMILY = {
    **ANSWERS,
    "huishouden": {"partner": "ja", "children": "1", "housemates": "0"},
}


@pytest.fixture
def refused(resident, team):
    """An application the engine finds no right for (income far above the norm)."""
    return drafts.submit(factories.draft_for(resident, RICH, schemes=("bijstand",)))[0]


@pytest.fixture
def granted(resident, team):
    return drafts.submit(factories.draft_for(resident, ANSWERS, schemes=("bijstand",)))[0]


def visible_text(html: str) -> str:
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", " ", body))


def test_the_case_page_shows_every_trace_step_in_dutch(consultant, refused):
    page = logged_in(consultant).get(f"/medewerkers/aanvraag/{refused.public_id}/").content.decode()
    text = visible_text(page)
    result = evaluate(refused.submission.household, trace=True)
    for step in result["trace"]:
        assert step["label"] in unescape(page)  # the engine's own Dutch label of the step
        if not step["variable"].startswith("input:"):
            assert step["step"] not in text, f"English explanation shown for {step['variable']}"
    assert not re.search(r"\b(True|False|None)\b", text)
    for code in ("applicant", "single_parent", "input:", "housing.kind", "persons.role"):
        assert code not in text, code
    assert "Opgegeven door de inwoner." in text and "Berekend uit:" in text
    assert "aanvrager (12-05-1984)" in text  # the household in Dutch, not "applicant (1984-05-12)"
    assert "wonen: huurwoning" in text


def test_values_are_dutch_for_every_unit_and_code():
    assert trace.plain(True, "bool") == "ja" and trace.plain(False, "bool") == "nee"
    assert trace.plain(1234.5, "EUR") == "€\xa01.234,50"
    assert trace.plain("1988-03-14", "date") == "14-03-1988"
    assert trace.plain(37, "years") == "37 jaar"
    assert trace.plain(0.125, "/1") == "12,5%"
    assert trace.plain(None, "EUR") == "niet opgegeven"
    assert trace.plain(2, "text", "household_type") == "paar"
    assert trace.plain("rent", "text", "input:housing.kind") == "huurwoning"
    assert trace.plain(2, "text", "norm_category").startswith("Gehuwden, beiden 21 jaar")


def test_the_code_tables_are_the_engine_s():
    """The case page reads the engine's code tuples through the calculation gateway (one definition,
    tests/web/test_layers.py keeps the formulas out of reach): each is the tuple of the formula module."""
    import sys

    def codes(variable: str, name: str) -> tuple[str, ...]:
        return getattr(sys.modules[REGISTRY[variable].formula.__module__], name)

    assert trace.INDEXED["household_type"] is HOUSEHOLD_TYPES
    assert trace.INDEXED["vrijlating_grond"] is codes("vrijlating_grond", "GRONDEN")
    assert trace.INDEXED["norm_category"] is codes("norm_category", "CATEGORIES")
    text_variables = {name for name, var in REGISTRY.items() if var.unit == "text"}
    assert text_variables <= set(trace.CHOICES), "a choice variable without Dutch names"
    for variable, names in trace.INDEXED.items():
        assert set(names) <= set(trace.CHOICES[variable]), variable


def test_persons_are_named_by_role_and_numbered():
    household = {
        "persons": [
            {"id": "a", "role": "applicant"},
            {"id": "k1", "role": "child"},
            {"id": "k2", "role": "child"},
        ]
    }
    assert trace.person_names(household) == {"a": "aanvrager", "k1": "kind 1", "k2": "kind 2"}


def test_the_queue_says_geen_recht_instead_of_zero(consultant, refused, granted):
    html = logged_in(consultant).get("/medewerkers/werkvoorraad/").content.decode()
    assert "geen recht" in html
    assert "€ 0,00" not in html and "€\xa00,00" not in html
    assert trace.expected_amount(granted).startswith("€\xa0") and "per maand" in trace.expected_amount(
        granted
    )


def test_an_unknown_amount_is_never_zero(refused):
    submission = refused.submission
    submission.check_result = {
        "schemes": [{"id": "bijstand", "eligible": None, "amount": None, "status": "unknown"}]
    }
    submission.save()
    refused.expected_amount_cents = 0
    assert trace.expected_amount(refused) == "bedrag onbekend"
    submission.check_result = {}
    submission.save()
    assert trace.expected_amount(refused) == "bedrag onbekend"


def test_a_rejection_without_motivation_shows_the_error_at_the_top(consultant, refused):
    client = logged_in(consultant)
    response = client.post(f"/medewerkers/aanvraag/{refused.public_id}/besluit/", {"outcome": "rejected"})
    html = response.content.decode()
    assert response.status_code == 400
    summary = html.index('class="utrecht-alert utrecht-alert--error meedoen-error-summary"')
    assert summary < html.index("<h1")  # above the heading, where the page opens
    assert "autofocus" in html[summary - 200 : summary + 300]
    assert 'href="#id_motivation"' in html and "Leg de inwoner uit waarom u afwijst." in html
    assert not Decision.objects.filter(application=refused).exists()


def test_staff_pages_have_the_staff_navigation(consultant, refused):
    html = logged_in(consultant).get(f"/medewerkers/aanvraag/{refused.public_id}/").content.decode()
    assert 'aria-label="Medewerkers"' in html and "Werkvoorraad Wijkteam Oost" in html
    header = html[html.index("<header") : html.index("</header>")]
    assert 'aria-label="Hoofdmenu"' not in header and "Mijn aanvragen" not in header
    assert "Klanten" in html and "Tweede blik" in html


@pytest.mark.parametrize(
    ("role", "present", "absent"),
    [
        (Role.PROVIDER, ["Pas gebruiken", "Kassa's"], ["Werkvoorraad", "Aanbieders"]),
        (Role.PASS_OFFICER, ["Pas zoeken", "Betaaloverzichten"], ["Werkvoorraad", "Kassa's"]),
        (Role.POLICY_ADVISER, ["Cijfers", "Monitor"], ["Werkvoorraad", "Pas zoeken"]),
        (Role.JURIST, ["Bezwaren"], ["Werkvoorraad", "Cijfers"]),
    ],
)
def test_each_role_sees_its_own_sections(role, present, absent):
    user = factories.UserFactory(role=role)
    html = logged_in(user).get("/contact/").content.decode()
    nav = html[
        html.index('aria-label="Medewerkers"') : html.index("</nav>", html.index('aria-label="Medewerkers"'))
    ]
    for label in present:
        assert label in unescape(nav), (role, label)
    for label in absent:
        assert label not in unescape(nav), (role, label)


def test_staff_without_a_team_get_no_team_bound_link():
    lost = factories.UserFactory(role=Role.CONSULTANT, team=None)
    html = logged_in(lost).get("/contact/").content.decode()
    assert "Werkvoorraad" not in html and "Klanten" not in html


def test_residents_and_visitors_keep_the_residents_menu(resident):
    for client in (logged_in(resident), logged_in(resident).__class__()):
        html = client.get("/contact/").content.decode()
        assert 'aria-label="Hoofdmenu"' in html and 'aria-label="Medewerkers"' not in html


@pytest.mark.parametrize("who", ["other_consultant", "resident", "teamless", "anonymous"])
def test_the_case_page_is_closed_to_others(who, refused, other_consultant, resident):
    from django.test import Client

    users = {
        "other_consultant": other_consultant,
        "resident": resident,
        "teamless": factories.UserFactory(role=Role.CONSULTANT, team=None),
    }
    client = logged_in(users[who]) if who in users else Client()
    client.raise_request_exception = False
    response = client.get(f"/medewerkers/aanvraag/{refused.public_id}/")
    assert response.status_code in (302, 403, 404)
    assert refused.submission.resident.last_name not in response.content.decode()


def test_the_client_page_summarises_a_form_error_at_the_top(consultant, team):
    client_ = factories.casework_client(team, consultant)
    url = f"/medewerkers/klanten/{client_.pk}/instrument/"
    data = {"instrument-kind": "", "instrument-start_date": "2024-05-01"}
    response = logged_in(consultant).post(url, data)
    html = response.content.decode()
    assert response.status_code == 400
    summary = html.index("meedoen-error-summary")
    assert summary < html.index("<h1")
    assert 'href="#id_instrument-kind"' in html and "Instrument: Kies welk instrument u inzet." in html
    assert (
        "meedoen-error-summary"
        not in logged_in(consultant).get(f"/medewerkers/klanten/{client_.pk}/").content.decode()
    )
