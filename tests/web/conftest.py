"""Django is configured here, for the web tests only: ``pytest tests/rules`` never imports it.

DATABASE_URL picks the database (SQLite in memory by default; PostgreSQL via .ci/postgres.sh).
"""

from __future__ import annotations

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meedoen.web.settings.test")

import django

django.setup()

import pytest  # noqa: E402
from django.test import Client  # noqa: E402

from meedoen.web.accounts.models import Role  # noqa: E402
from tests.web import factories  # noqa: E402

# A single adult with a low income and a modest rent: eligible for bijstand.
ANSWERS = {
    "over-u": {"birth_date": "1984-05-12"},
    "huishouden": {"partner": "nee", "children": "0", "housemates": "0"},
    "inkomen": {"income": "450"},
    "wonen": {"kind": "rent", "rent": "650", "energy": "140"},
    "vermogen": {"assets": "1200", "low_income_since": ""},
}


def fill_check(client: Client, answers: dict[str, dict[str, str]] = ANSWERS) -> None:
    """Answer the Regelingencheck the way a browser does: one POST per step."""
    for step, data in answers.items():
        response = client.post(f"/regelingencheck/{step}/", {**data, "action": "next"})
        assert response.status_code == 302, (step, response.content.decode()[:2000])


@pytest.fixture
def team(db):
    return factories.AreaTeamFactory(name="Wijkteam Oost", postcode_prefixes="6521,6522")


@pytest.fixture
def other_team(db):
    return factories.AreaTeamFactory(name="Wijkteam West", postcode_prefixes="6541")


@pytest.fixture
def consultant(team):
    return factories.UserFactory(role=Role.CONSULTANT, team=team, username="karin")


@pytest.fixture
def other_consultant(other_team):
    return factories.UserFactory(role=Role.CONSULTANT, team=other_team, username="ahmed")


@pytest.fixture
def resident(db):
    return factories.ResidentFactory(postcode="6521 AB")


@pytest.fixture
def other_resident(db):
    return factories.ResidentFactory(postcode="6541 AB")


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "e2e: browser test in Debian's Chromium (tests/web/e2e)")


# The modules that test the queue itself (procrastinate on PostgreSQL, jobs waiting for a worker).
QUEUE_MODULES = (
    "tests.web.test_queue",
    "tests.web.test_jobs",
    "tests.web.test_followup",
    "tests.web.e2e.test_jobs_pages",
    "tests.web.e2e.test_resident_followup_walk",
)


@pytest.fixture(autouse=True)
def _jobs_run_at_once_outside_the_queue_tests(request, settings):
    """Every other test asks for a letter or report and reads it in the same request, as on SQLite:
    there the queue runs its jobs at once; the queue's own tests keep procrastinate on PostgreSQL."""
    if not request.module.__name__.startswith(QUEUE_MODULES):
        settings.MEEDOEN_QUEUE = "inline"
