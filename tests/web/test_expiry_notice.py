"""The admin sees which published amounts run out within 60 days; nobody else does."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from meedoen.rules import expiry
from meedoen.web.accounts.models import Role
from tests.test_expiry import _param
from tests.web import factories
from tests.web.conftest import logged_in

pytestmark = pytest.mark.django_db
FIGURES = "/medewerkers/cijfers/"
NOTICE = "Deze bedragen lopen af"


@pytest.fixture
def tree(monkeypatch):
    """A small parameter tree in place of the bundled one, so the dates do not drift with the data."""
    from meedoen.rules.parameters import ParameterSet

    params = {
        "nl.participatiewet.normen.alleenstaande": _param(
            "nl.participatiewet.normen.alleenstaande", (20260101, 20260701), 20261231
        ),
        "nl.toeslagen.zorgtoeslag.standaardpremie": _param(
            "nl.toeslagen.zorgtoeslag.standaardpremie", (20260101,), 20261231, "derived"
        ),
        "gemeenten.nijmegen.oud.bedrag": _param("gemeenten.nijmegen.oud.bedrag", (20240101,), 20261130),
        "nl.aow.leeftijd.jaren": _param("nl.aow.leeftijd.jaren", (20280101,), 20281231),
    }
    monkeypatch.setattr(expiry, "default_parameters", lambda: ParameterSet(params))


def today(monkeypatch, date: dt.date) -> None:
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: date)


def test_the_admin_sees_what_ends_within_60_days(tree, monkeypatch):
    today(monkeypatch, dt.date(2026, 12, 1))
    admin = factories.UserFactory(role=Role.ADMIN, username="beheer")
    response = logged_in(admin).get(FIGURES)
    html = response.content.decode()
    assert response.status_code == 200
    assert NOTICE in html and "binnen 60 dagen" in html
    # per file, with the date the published values end; the one that ended already says so
    assert "nl/participatiewet/normen/alleenstaande.yaml" in html and "31 december 2026" in html
    assert "gemeenten/nijmegen/oud/bedrag.yaml" in html and "30 november 2026" in html
    assert html.count('badge--danger">al afgelopen') == 1
    assert (
        "nl.toeslagen.zorgtoeslag.standaardpremie" in html and "afgeleid uit gecontroleerde bedragen" in html
    )
    assert "laatste waarde vanaf 1-7-2026" in html
    assert "nl.aow.leeftijd.jaren" not in html  # ends in 2028: not yet


def test_nothing_due_no_notice(tree, monkeypatch):
    today(monkeypatch, dt.date(2026, 6, 1))
    admin = factories.UserFactory(role=Role.ADMIN, username="beheer")
    html = logged_in(admin).get(FIGURES).content.decode()
    assert NOTICE not in html


def test_nobody_but_the_admin_sees_it(tree, monkeypatch, resident, other_consultant, team):
    today(monkeypatch, dt.date(2026, 12, 1))
    assert logged_in(resident).get(FIGURES).status_code == 403
    assert logged_in(other_consultant).get(FIGURES).status_code == 403
    anonymous = Client().get(FIGURES)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("accounts:login"))
    teamless = factories.UserFactory(role=Role.POLICY_ADVISER, team=None)
    lead = factories.UserFactory(role=Role.TEAM_LEAD, team=team)
    for user in (teamless, lead):
        response = logged_in(user).get(FIGURES)
        assert response.status_code == 200 and NOTICE not in response.content.decode(), user.role
    for user in (resident, other_consultant):
        for page in ("/medewerkers/", "/regelingencheck/", "/"):
            response = logged_in(user).get(page, follow=True)
            assert NOTICE not in response.content.decode(), (user.role, page)
