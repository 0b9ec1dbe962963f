"""City pass fixtures: a household with passes and budgets made by the real issuing code."""

from __future__ import annotations

import datetime as dt

import pytest

from meedoen.web.accounts.models import Role
from meedoen.web.citypass import issuing
from meedoen.web.citypass.budgets import Category
from meedoen.web.citypass.models import Area, Offer, Pass, Provider
from tests.web import factories

ADULT = {"id": "aanvrager", "role": "applicant", "birth_date": "1984-05-12"}
PARTNER = {"id": "partner", "role": "partner", "birth_date": "1986-03-01"}
CHILD = {"id": "kind-1", "role": "child", "birth_date": "2016-09-20"}


@pytest.fixture
def card(resident) -> Pass:
    """The resident's own pass with the Meedoen-regeling budget (EUR 150 this year)."""
    [card] = issuing.issue(resident, "nijmegen", "meedoenregeling", [ADULT])
    return card


def make_provider(name: str, kvk: str, status=Provider.Status.APPROVED, area=Area.OOST) -> Provider:
    user = factories.UserFactory(username=f"aanbieder-{kvk}", role=Role.PROVIDER)
    provider = Provider.objects.create(
        name=name,
        kvk_number=kvk,
        area=area,
        address="Sportlaan 1, Nijmegen",
        email="info@example.org",
        iban="NL91ABNA0417164300",
        municipality="nijmegen",
        status=status,
    )
    provider.users.add(user)
    return provider


@pytest.fixture
def provider(db) -> Provider:
    provider = make_provider("Zwemclub De Dolfijn", "12345678")
    Offer.objects.create(
        provider=provider, name="Zwemles volwassenen", category=Category.SPORT, price_cents=9500, min_age=18
    )
    Offer.objects.create(provider=provider, name="Jaarabonnement", category=Category.SPORT, price_cents=20000)
    Offer.objects.create(
        provider=provider, name="Schoolzwemmen", category=Category.SCHOOL, price_cents=2500, max_age=12
    )
    return provider


@pytest.fixture
def other_provider(db) -> Provider:
    provider = make_provider("Muziekschool Noord", "87654321", area=Area.NOORD)
    Offer.objects.create(provider=provider, name="Gitaarles", category=Category.CULTURE, price_cents=5000)
    return provider


def offer(provider: Provider, name: str) -> Offer:
    return provider.offers.get(name=name)


def today() -> dt.date:
    from django.utils import timezone

    return timezone.localdate()
