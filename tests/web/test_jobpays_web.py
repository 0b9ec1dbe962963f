"""Does this job pay? in the web app (issue 19 item 6): the analysis library's comparison, month by
month, for a resident from their check and for a consultant on a client of their team."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client

from meedoen.analysis.job_offer import Offer, compare
from meedoen.rules.household import parse_household
from meedoen.rules.money import cents_of, euro_text
from meedoen.web.accounts.models import Role
from meedoen.web.applications import drafts
from meedoen.web.audit.models import AuditEntry
from meedoen.web.portal.outcome import outcome_of
from meedoen.web.portal.questionnaire import Questionnaire
from tests.web import factories
from tests.web.conftest import ANSWERS, fill_check, logged_in

pytestmark = pytest.mark.django_db


def expected(gross: str):
    household = outcome_of(Questionnaire(ANSWERS), with_changes=False).household
    return compare(parse_household(household), Offer(gross_month=Decimal(gross)), months=12)


def test_a_resident_asks_from_the_check_result(client):
    fill_check(client)
    assert (
        "/regelingencheck/uitkomst/loont-werk/" in client.get("/regelingencheck/uitkomst/").content.decode()
    )
    response = client.post("/regelingencheck/uitkomst/loont-werk/", {"gross_month": "1000"})
    assert response.status_code == 200
    page = response.content.decode()
    comparison = expected("1000")
    # the page shows the library's figures: the first month's money now and with the job
    first = comparison.months[0]
    assert euro_text(cents_of(first.now["disposable_income_month"])) in page
    assert euro_text(cents_of(first.with_job["disposable_income_month"])) in page
    assert page.count('scope="row"') == 12  # month by month
    # on bijstand a part of the wage does not count at first (the earnings disregard)
    assert "met vrijlating" in page and "telt niet mee" in page


def test_a_job_that_ends_bijstand_names_it(client):
    fill_check(client)
    page = client.post("/regelingencheck/uitkomst/loont-werk/", {"gross_month": "3500"}).content.decode()
    comparison = expected("3500")
    assert "bijstand" in comparison.stops
    assert "Dit stopt met de baan" in page and "Bijstand" in page.split("Dit stopt met de baan")[1][:300]


def test_hours_and_hourly_wage_also_work_and_bad_input_is_named(client):
    fill_check(client)
    ok = client.post("/regelingencheck/uitkomst/loont-werk/", {"hours_week": "24", "hourly_wage": "14,40"})
    assert ok.status_code == 200 and "per gewerkt uur" in ok.content.decode()
    missing = client.post("/regelingencheck/uitkomst/loont-werk/", {"hours_week": "24"})
    assert missing.status_code == 400 and "Vul ook het brutoloon per uur in." in missing.content.decode()
    wrong = client.post("/regelingencheck/uitkomst/loont-werk/", {"gross_month": "veel"})
    assert wrong.status_code == 400 and "Vul een bedrag in euro in" in wrong.content.decode()
    nothing = client.post("/regelingencheck/uitkomst/loont-werk/", {})
    assert "Vul het brutoloon per maand in, of de uren en het uurloon." in nothing.content.decode()


def test_without_a_check_the_resident_starts_the_check(client):
    assert client.get("/regelingencheck/uitkomst/loont-werk/").url == "/regelingencheck/"


@pytest.fixture
def casework_with_application(team, consultant):
    client = factories.casework_client(team, consultant, spell_start=dt.date(2025, 1, 1))
    drafts.submit(factories.draft_for(client.resident, ANSWERS, ("bijstand",)))
    return client


def test_a_consultant_asks_for_a_client_of_the_team(casework_with_application, consultant):
    found = casework_with_application
    browser = logged_in(consultant)
    case_page = browser.get(f"/medewerkers/klanten/{found.pk}/").content.decode()
    assert f"/medewerkers/klanten/{found.pk}/baan/" in case_page
    page = browser.post(f"/medewerkers/klanten/{found.pk}/baan/", {"gross_month": "1000"}).content.decode()
    first = expected("1000").months[0]
    assert euro_text(cents_of(first.with_job["disposable_income_month"])) in page
    entry = AuditEntry.objects.filter(actor_id=consultant.pk).latest("id")
    assert (entry.object_type, entry.object_id, entry.subject_id) == (
        "client",
        str(found.pk),
        found.resident_id,
    )


def test_a_client_without_an_application_is_told_so(team, consultant):
    found = factories.casework_client(team, consultant)
    page = logged_in(consultant).get(f"/medewerkers/klanten/{found.pk}/baan/").content.decode()
    assert "nog geen verstuurde aanvraag" in page


def test_only_the_team_asks_for_its_client(casework_with_application, other_consultant, resident):
    url = f"/medewerkers/klanten/{casework_with_application.pk}/baan/"
    assert logged_in(other_consultant).get(url).status_code == 404
    assert logged_in(casework_with_application.resident).get(url).status_code == 403
    assert logged_in(resident).get(url).status_code == 403
    teamless = factories.UserFactory(role=Role.POLICY_ADVISER, team=None)
    assert logged_in(teamless).get(url).status_code == 403
    teamless_consultant = factories.UserFactory(role=Role.CONSULTANT, team=None)
    assert logged_in(teamless_consultant).get(url).status_code in (403, 404)
    assert Client().get(url).status_code == 302
