"""The resident's plan (issue 19 item 5): goals in their words and the next steps in their own
environment; they agree or comment there, and the consultant sees it on the case page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from meedoen.web.accounts.models import Role
from meedoen.web.audit.models import AuditEntry
from meedoen.web.casework.models import Plan, PlanStep
from meedoen.web.followup.models import PlanResponse
from tests.web import factories
from tests.web.conftest import logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(team, consultant):
    client = factories.casework_client(team, consultant, spell_start=dt.date(2025, 1, 1))
    plan = Plan.objects.create(
        client=client,
        goals="Ik wil weer aan het werk in de zorg, eerst een paar uur per week.",
        made_on=dt.date(2026, 11, 1),
        review_on=dt.date(2027, 2, 1),
        made_by=consultant,
    )
    PlanStep.objects.create(
        plan=plan, what="Proefplaatsing bij het verpleeghuis", who="Inwoner", due_on=dt.date(2027, 1, 15)
    )
    return plan


def test_the_resident_reads_the_plan_and_agrees(plan, consultant):
    resident = plan.client.resident
    browser = logged_in(resident)
    page = browser.get("/mijn/plan/").content.decode()
    assert "eerst een paar uur per week" in page and "Proefplaatsing bij het verpleeghuis" in page
    assert "1 februari 2027" in page
    entry = AuditEntry.objects.filter(actor_id=resident.pk).latest("id")
    assert (entry.object_type, entry.subject_id) == ("client", resident.pk)
    response = browser.post("/mijn/plan/", {"agreed": "ja", "comment": ""})
    assert response.status_code == 302
    answer = PlanResponse.objects.get()
    assert answer.agreed and answer.plan == plan and answer.by == resident
    case_page = logged_in(consultant).get(f"/medewerkers/klanten/{plan.client.pk}/").content.decode()
    assert "Eens met het plan" in case_page


def test_a_comment_reaches_the_consultant(plan, consultant):
    browser = logged_in(plan.client.resident)
    browser.post("/mijn/plan/", {"agreed": "nee", "comment": "Liever niet op zaterdag."})
    case_page = logged_in(consultant).get(f"/medewerkers/klanten/{plan.client.pk}/").content.decode()
    assert "Wil iets veranderen" in case_page and "Liever niet op zaterdag." in case_page


def test_disagreeing_without_a_word_is_refused_and_stores_nothing(plan):
    browser = logged_in(plan.client.resident)
    response = browser.post("/mijn/plan/", {"agreed": "nee", "comment": "  "})
    assert response.status_code == 400
    assert "Schrijf op wat u anders wilt" in response.content.decode()
    empty = browser.post("/mijn/plan/", {})
    assert "Kies of u het eens bent met het plan." in empty.content.decode()
    assert not PlanResponse.objects.exists()


def test_a_resident_without_a_plan_is_told_so(resident):
    response = logged_in(resident).get("/mijn/plan/")
    assert response.status_code == 200 and "nog geen plan" in response.content.decode()
    assert logged_in(resident).post("/mijn/plan/", {"agreed": "ja"}).status_code == 200
    assert not PlanResponse.objects.exists()


def test_only_the_resident_sees_their_plan(plan, other_resident, consultant, other_consultant):
    page = logged_in(other_resident).get("/mijn/plan/").content.decode()
    assert "eerst een paar uur per week" not in page  # another resident sees only their own (none)
    logged_in(other_resident).post("/mijn/plan/", {"agreed": "ja"})
    assert not PlanResponse.objects.exists()
    teamless = factories.UserFactory(role=Role.POLICY_ADVISER, team=None)
    for staff in (consultant, other_consultant, teamless):
        assert logged_in(staff).get("/mijn/plan/").status_code == 403
        assert logged_in(staff).post("/mijn/plan/", {"agreed": "ja"}).status_code == 403
    assert Client().get("/mijn/plan/").status_code == 302
    # the consultant of another team does not see the case page with the answer either
    assert logged_in(other_consultant).get(f"/medewerkers/klanten/{plan.client.pk}/").status_code == 404
