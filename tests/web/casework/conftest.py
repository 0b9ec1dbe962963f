"""Case-work fixtures: staff in both teams and a client of the first team with a running benefit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache

from meedoen.web.accounts.models import Role
from tests.web import factories


@pytest.fixture
def team_lead(team):
    return factories.UserFactory(role=Role.TEAM_LEAD, team=team, username="petra")


@pytest.fixture
def other_team_lead(other_team):
    return factories.UserFactory(role=Role.TEAM_LEAD, team=other_team, username="joost")


@pytest.fixture
def adviser(db):
    return factories.UserFactory(role=Role.POLICY_ADVISER, username="tom")


@pytest.fixture
def client_(team, consultant):
    return factories.casework_client(
        team, consultant, spell_start=dt.date(2024, 2, 1), startkwalificatie=False
    )


@pytest.fixture(autouse=True)
def fresh_dashboard_cache():
    """The dashboard reuses a report for 10 minutes; every test starts without one."""
    cache.clear()
