"""Sign-up does not reveal staff user names (issue 16, item 11): one message for every name that
cannot be chosen, and a limit on sign-up attempts per client address."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from meedoen.web.accounts.forms import USERNAME_REFUSED
from meedoen.web.accounts.models import Role
from meedoen.web.citypass.models import Provider
from tests.web import factories

pytestmark = pytest.mark.django_db
URL = "/stadspas/aanbieder/aanmelden/"


def form(username: str, kvk: str = "11223344") -> dict[str, str]:
    return {
        "name": "Sportclub Test",
        "kvk_number": kvk,
        "area": "oost",
        "address": "Sportlaan 2, Nijmegen",
        "email": "info@example.org",
        "iban": "NL91ABNA0417164300",
        "username": username,
        "password": "een-lang-wachtwoord-2026",
    }


def username_error(html: str) -> str:
    """The text of the user name field's error, as a screen reader would read it."""
    match = re.search(r'id="id_username-error"[^>]*>(.*?)</', html, re.S) or re.search(
        r"(Deze gebruikersnaam[^<]*)", html
    )
    assert match, html[:3000]
    return re.sub(r"<[^>]+>|\s+", " ", match[1]).strip()


def test_a_staff_name_and_any_other_taken_name_get_the_same_message(consultant):
    factories.UserFactory(username="aanbieder-zwemclub", role=Role.PROVIDER)
    cache.clear()
    client = Client()
    messages = set()
    for name in ("karin", "KARIN", "aanbieder-zwemclub", "beheer"):
        response = client.post(URL, form(name))
        assert response.status_code == 200  # the form again, nothing stored
        html = response.content.decode()
        assert "bestaat" not in html
        messages.add(username_error(html))
    assert messages == {USERNAME_REFUSED}
    assert not Provider.objects.exists()


def test_a_free_name_signs_up():
    cache.clear()
    response = Client().post(URL, form("sportclub-test"))
    assert response.status_code == 302


@override_settings(SIGNUP_RATE="3/h")
def test_sign_up_attempts_are_rate_limited_per_client(consultant):
    cache.clear()
    client = Client(REMOTE_ADDR="192.0.2.44")
    codes = [client.post(URL, form("karin")).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    refused = client.post(URL, form("nog-een-naam", kvk="55667788"))
    assert refused.status_code == 429 and "te vaak geprobeerd" in refused.content.decode()
    assert Client(REMOTE_ADDR="192.0.2.45").get(URL).status_code == 200
    assert Client(REMOTE_ADDR="192.0.2.45").post(URL, form("karin")).status_code == 200
