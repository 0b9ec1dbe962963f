"""The provider's till page (issue 19, item 7): the balance after a booking (from the ledger), a
reversal in two steps, input kept on an error, the QR scanner (camera allowed on this page only), and
who may use it."""

from __future__ import annotations

import pytest
from django.test import Client

from meedoen.web.accounts.models import Role
from meedoen.web.citypass import issuing, redemption
from meedoen.web.citypass.models import Budget, LedgerEntry
from meedoen.web.citypass.views.provider import ledger_balance
from tests.web import factories
from tests.web.citypass.conftest import ADULT, make_provider
from tests.web.conftest import logged_in

pytestmark = pytest.mark.django_db
TILL = "/stadspas/aanbieder/"
BOOK = "/stadspas/aanbieder/afschrijven/"


@pytest.fixture
def card(resident):
    """The resident's pass with the Meedoen-regeling budget (EUR 150)."""
    [card] = issuing.issue(resident, "nijmegen", "meedoenregeling", [ADULT])
    return card


@pytest.fixture
def provider(db):
    return make_provider("Zwembad De Dolfijn", "40000001")


@pytest.fixture
def swim(provider):
    return provider.offers.create(name="Zwemles", category="sport", price_cents=9500)


def reverse_url(entry: LedgerEntry) -> str:
    return f"/stadspas/aanbieder/terugdraaien/{entry.reference}/"


def test_after_a_booking_the_till_shows_what_is_left_from_the_ledger(card, provider, swim):
    client = logged_in(provider.users.get())
    response = client.post(BOOK, {"number": card.number, "offer": swim.pk, "amount": "40,50"}, follow=True)
    html = response.content.decode()
    # EUR 150 granted (Meedoen-regeling), 40,50 booked: 109,50 left, the sum of the ledger entries
    assert "Afgeschreven: Zwemles, 40,50 euro." in html
    assert "Er staat nog €\xa0109,50 op de pas (Meedoen-regeling)." in html
    budget = Budget.objects.get()
    assert ledger_balance(budget.pk) == 15000 - 4050 == budget.balance_cents


def test_an_amount_error_keeps_the_pass_number_and_the_amount(card, provider, swim):
    client = logged_in(provider.users.get())
    response = client.post(BOOK, {"number": card.number, "offer": swim.pk, "amount": "1,250.00"})
    html = response.content.decode()
    assert response.status_code == 400
    assert f'value="{card.number}"' in html  # the pass number field, filled
    assert 'value="1,250.00"' in html  # the amount as typed, next to its error
    assert "Bedrag: Gebruik een punt voor duizendtallen" in html and "Er is niets afgeschreven." in html
    assert html.index("meedoen-error-summary") < html.index("Pas controleren")  # at the top
    assert "De pas is geldig" in html  # still checked: the provider can correct and book
    assert not LedgerEntry.objects.filter(kind="redemption").exists()


def test_too_little_money_keeps_the_pass_and_says_why(card, provider):
    big = provider.offers.create(name="Jaarabonnement", category="sport", price_cents=90000)
    client = logged_in(provider.users.get())
    response = client.post(BOOK, {"number": card.number, "offer": big.pk, "amount": "900"})
    html = response.content.decode()
    assert response.status_code == 400 and redemption.TOO_LITTLE in html
    assert f'value="{card.number}"' in html
    assert Budget.objects.get().balance_cents == 15000


def test_a_reversal_asks_for_confirmation_first(card, provider, swim):
    client = logged_in(provider.users.get())
    client.post(BOOK, {"number": card.number, "offer": swim.pk, "amount": "95"})
    entry = LedgerEntry.objects.get(kind="redemption")
    till = client.get(TILL).content.decode()
    assert f'href="{reverse_url(entry)}"' in till  # a link to the question, not a button that reverses
    question = client.get(reverse_url(entry))
    assert question.status_code == 200
    html = question.content.decode()
    assert "Boeking terugdraaien?" in html and "Zwemles" in html and "Ja, terugdraaien" in html
    assert LedgerEntry.objects.filter(kind="reversal").count() == 0
    client.post(reverse_url(entry))  # without the confirmation: nothing happens
    assert LedgerEntry.objects.filter(kind="reversal").count() == 0
    assert Budget.objects.get().balance_cents == 5500
    done = client.post(reverse_url(entry), {"bevestigen": "ja"}, follow=True)
    assert "De boeking is teruggedraaid." in done.content.decode()
    assert "er staat nu €\xa0150,00 op (Meedoen-regeling)" in done.content.decode()
    assert Budget.objects.get().balance_cents == 15000
    again = client.get(reverse_url(entry)).content.decode()
    assert "Deze boeking is al teruggedraaid." in again and "Ja, terugdraaien" not in again
    client.post(reverse_url(entry), {"bevestigen": "ja"})
    assert LedgerEntry.objects.filter(kind="reversal").count() == 1


def test_the_till_may_use_the_camera_and_loads_the_scanner(provider):
    client = logged_in(provider.users.get())
    response = client.get(TILL)
    assert response["Permissions-Policy"].startswith("camera=(self)")
    html = response.content.decode()
    assert "nlds/zxing-browser.min.js" in html and "meedoen/scanner.js" in html
    assert "data-scanner hidden" in html  # shown by the script only when a camera can be used
    other = client.get("/stadspas/aanbieder/aanbod/")
    assert other["Permissions-Policy"].startswith("camera=()")


@pytest.mark.parametrize(
    "who", ["other_provider", "resident", "consultant", "teamless", "anonymous", "officer"]
)
def test_only_the_provider_itself_may_see_or_reverse_its_booking(who, card, provider, swim, team):
    logged_in(provider.users.get()).post(BOOK, {"number": card.number, "offer": swim.pk, "amount": "95"})
    entry = LedgerEntry.objects.get(kind="redemption")
    users = {
        "other_provider": make_provider("Muziekschool", "40000002").users.get(),
        "resident": card.resident,
        "consultant": factories.UserFactory(role=Role.CONSULTANT, team=team),
        "teamless": factories.UserFactory(role=Role.CONSULTANT, team=None),
        "officer": factories.UserFactory(role=Role.PASS_OFFICER),
    }
    client = logged_in(users[who]) if who in users else Client()
    client.raise_request_exception = False
    assert client.get(reverse_url(entry)).status_code in (302, 403, 404)
    assert client.post(reverse_url(entry), {"bevestigen": "ja"}).status_code in (302, 403, 404)
    # another provider's till refuses an offer that is not its own (400); the rest never reach the till
    booking = client.post(BOOK, {"number": card.number, "offer": swim.pk, "amount": "10"})
    assert booking.status_code in ((400,) if who == "other_provider" else (302, 403, 404))
    assert LedgerEntry.objects.filter(kind="redemption").count() == 1
    assert LedgerEntry.objects.filter(kind="reversal").count() == 0
    assert Budget.objects.get().balance_cents == 5500


def test_the_pass_shows_a_full_qr_code_the_scanner_can_read():
    """For 16 digits segno picks a Micro QR code by default, which @zxing/browser (and most phone
    scanners) cannot read: the pass shows a full QR code, version 1 (21 modules) plus a 4-module quiet
    zone, 6 pixels a module."""
    from urllib.parse import unquote

    from meedoen.web.citypass.views.resident import qr_data_uri

    svg = unquote(qr_data_uri("0104332937792226"))
    assert "width='174'" in svg  # (21 + 2 * 4) * 6; a Micro QR code would be (11 + 2 * 4) * 6 = 114
