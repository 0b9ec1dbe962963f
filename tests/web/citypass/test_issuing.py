"""Passes and budgets from a grant: amounts from the parameters, per person, per period, topped up."""

from __future__ import annotations

import datetime as dt

import pytest

from meedoen.rules.parameters import Parameter, ParameterSet, default_parameters
from meedoen.web.citypass import issuing
from meedoen.web.citypass.models import Budget, LedgerEntry, Pass
from meedoen.web.citypass.periods import Period
from tests.web import factories
from tests.web.citypass.conftest import ADULT, CHILD, PARTNER
from tests.web.conftest import ANSWERS

pytestmark = pytest.mark.django_db


def test_periods_end_on_the_last_day_of_the_calendar_or_school_year():
    assert Period.CALENDAR_YEAR.around(dt.date(2026, 3, 5)) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert Period.SCHOOL_YEAR.around(dt.date(2026, 3, 5)) == (dt.date(2025, 8, 1), dt.date(2026, 7, 31))
    assert Period.SCHOOL_YEAR.around(dt.date(2026, 8, 1)) == (dt.date(2026, 8, 1), dt.date(2027, 7, 31))


def test_the_meedoenregeling_gives_each_adult_the_amount_from_the_parameters(resident):
    cards = issuing.issue(resident, "nijmegen", "meedoenregeling", [ADULT, PARTNER, CHILD])
    amount = default_parameters()["gemeenten.nijmegen.meedoenregeling.bedrag_per_persoon"].at(
        dt.date(2026, 1, 1)
    )
    assert amount == 15000
    assert sorted(c.person_key for c in cards) == ["aanvrager", "partner"]  # the child is not 18
    for card in cards:
        [budget] = card.budgets.all()
        assert budget.balance_cents == amount
        assert budget.period_end == dt.date(budget.period_start.year, 12, 31)


def test_a_second_grant_in_the_same_period_tops_up_and_never_doubles(resident):
    issuing.issue(resident, "nijmegen", "meedoenregeling", [ADULT])
    issuing.issue(resident, "nijmegen", "meedoenregeling", [ADULT])
    budget = Budget.objects.get()
    assert budget.balance_cents == 15000
    assert LedgerEntry.objects.filter(kind="grant").count() == 1


def test_the_pass_scheme_gives_everyone_in_the_household_a_pass_without_money(resident):
    cards = issuing.issue(resident, "nijmegen", "meedoenpas", [ADULT, PARTNER, CHILD])
    assert len(cards) == 3
    assert Budget.objects.count() == 0
    child = Pass.objects.get(person_key="kind-1")
    assert child.person_label == "Kind (geboren 20-09-2016)"


def with_child_amount(cents: int) -> ParameterSet:
    """The bundled parameters plus a child budget amount (Nijmegen has none published yet)."""
    base = default_parameters()
    params = {path: base[path] for path in base.paths()}
    path = "gemeenten.nijmegen.kindregeling.bedrag_per_kind"
    params[path] = Parameter(
        path, "Kindbudget per kind per schooljaar", "EUR", (), (20240101,), (cents,), 20261231, "test"
    )
    return ParameterSet(params)


def test_a_childs_budget_is_on_the_childs_own_pass_for_the_school_year(resident):
    day = dt.date(2026, 9, 1)
    cards = issuing.issue(
        resident, "nijmegen", "kindregeling", [ADULT, CHILD], day=day, parameters=with_child_amount(12500)
    )
    [child] = cards
    assert child.person_key == "kind-1"
    [budget] = child.budgets.all()
    assert (budget.balance_cents, budget.period_start, budget.period_end) == (
        12500,
        dt.date(2026, 8, 1),
        dt.date(2027, 7, 31),
    )
    assert not Pass.objects.filter(person_key="aanvrager").exists()


def test_without_an_amount_parameter_a_budget_scheme_gives_no_budget(resident):
    assert issuing.issue(resident, "nijmegen", "kindregeling", [ADULT, CHILD]) == []


def test_a_grant_of_the_meedoenregeling_puts_the_budget_on_the_pass(resident):
    from meedoen.web.applications import drafts
    from meedoen.web.decisions.defaults import install_defaults
    from meedoen.web.decisions.models import Outcome, Provider, SchemePolicy
    from meedoen.web.decisions.recording import record_decision

    install_defaults(Provider, SchemePolicy)
    applications = drafts.submit(factories.draft_for(resident, ANSWERS, ("meedoenregeling", "meedoenpas")))
    consultant = factories.UserFactory(role="consultant")  # declared facts: a consultant decides
    for application in applications:
        record_decision(application, Outcome.GRANTED, by=consultant)
    [card] = Pass.objects.filter(resident=resident)
    [budget] = card.budgets.all()
    assert budget.balance_cents == 15000
    grant = budget.entries.get()
    assert grant.decision_id == applications[0].decision.pk
