"""Signals stored through the app's own ingest, and the signals team in its roles."""

from __future__ import annotations

import datetime as dt

import pytest

from meedoen.signals.parsing import Parsed
from meedoen.web.accounts.models import Role
from meedoen.web.vroegsignalering.models import Source
from meedoen.web.vroegsignalering.storage import Delivery, ingest
from tests.signals.helpers import TODAY, parse
from tests.web import factories


def store(*rows: dict[str, str], today: dt.date = TODAY, threshold: int = 5000) -> dict:
    parsed: Parsed = parse(*rows, today=today)
    return ingest(parsed, Delivery("nijmegen", today, threshold, Source.CLI, "test.csv"))


@pytest.fixture
def worker(team):
    return factories.UserFactory(role=Role.OUTREACH_WORKER, team=team, username="fatima")


@pytest.fixture
def other_worker(other_team):
    return factories.UserFactory(role=Role.OUTREACH_WORKER, team=other_team, username="joris")


@pytest.fixture
def lead(db):
    return factories.UserFactory(role=Role.SIGNALS_LEAD, username="ingrid")


@pytest.fixture
def partner(db):
    return factories.UserFactory(role=Role.DEBT_PARTNER, username="sanne")
