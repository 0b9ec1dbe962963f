"""Money typed strictly (issue 16, item 6): one parser for what a provider types, a table of cases,
and the provider's pages refusing every doubtful amount with a Dutch message and booking nothing."""

from __future__ import annotations

import pytest

from meedoen.web.citypass import money
from meedoen.web.citypass.models import Budget, LedgerEntry
from meedoen.web.citypass.money import MoneyError, parse_euro
from tests.web.citypass.conftest import offer
from tests.web.conftest import logged_in

MAX = 1_000_000  # EUR 10.000,00, the pages' maximum

ACCEPTED = [
    ("7", 700),
    ("7,5", 750),
    ("7,50", 750),
    ("0,05", 5),
    ("7,-", 700),
    ("€ 12,50", 1250),
    ("€12,50", 1250),
    (" 95,00 ", 9500),
    ("1250", 125000),
    ("1.250,00", 125000),
    ("1.250,5", 125050),
    ("1.250,-", 125000),
    ("1 250,00", 125000),
    ("10.000,00", 1_000_000),
    ("7\u00a0,50", 750),  # a no-break space, as pasted from a document
]
REFUSED = [
    ("1.250", money.AMBIGUOUS),  # thousands without cents: 1250 or 1,25? (module docstring)
    ("12.500", money.AMBIGUOUS),
    ("7.50", money.DECIMAL_POINT),
    ("0.5", money.DECIMAL_POINT),
    ("0.005", money.DECIMAL_POINT),
    ("1,250.00", money.ENGLISH),
    ("1,250", money.TOO_PRECISE),
    ("7,505", money.TOO_PRECISE),
    ("0,005", money.TOO_PRECISE),
    ("\u0667,\u0665\u0660", money.OTHER_DIGITS),  # Arabic-Indic ٧,٥٠
    ("\u06f7", money.OTHER_DIGITS),  # Extended Arabic-Indic ۷
    ("\uff17,\uff15\uff10", money.OTHER_DIGITS),  # full-width ７,５０
    ("\u096d", money.OTHER_DIGITS),  # Devanagari ७
    ("-7,50", money.NEGATIVE),
    ("0", money.ZERO),
    ("0,00", money.ZERO),
    ("0,-", money.ZERO),
    ("", money.INVALID),
    ("€", money.INVALID),
    ("zeven", money.INVALID),
    ("7e2", money.INVALID),
    ("1.25,00", money.INVALID),
    ("12.34.56", money.INVALID),
    ("7,50\x00", money.INVALID),
    ("1" * 30, money.INVALID),
    ("+7", money.INVALID),
    ("Infinity", money.INVALID),
    ("NaN", money.INVALID),
    ("10.000,01", "Dit bedrag is te hoog. Het hoogste bedrag is 10.000,00 euro."),
    ("99999999999999999", "Dit bedrag is te hoog. Het hoogste bedrag is 10.000,00 euro."),
]


@pytest.mark.parametrize(("text", "cents"), ACCEPTED)
def test_dutch_amounts_are_read_as_cents(text, cents):
    assert parse_euro(text, maximum_cents=MAX) == cents


@pytest.mark.parametrize(("text", "message"), REFUSED)
def test_doubtful_amounts_are_refused_with_their_own_message(text, message):
    with pytest.raises(MoneyError) as refused:
        parse_euro(text, maximum_cents=MAX)
    assert str(refused.value) == message


def test_every_message_is_dutch_and_shows_an_example():
    for message in (
        money.AMBIGUOUS,
        money.DECIMAL_POINT,
        money.ENGLISH,
        money.TOO_PRECISE,
        money.OTHER_DIGITS,
    ):
        assert "bijvoorbeeld" in message or "Schrijf" in message


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("0.005", money.DECIMAL_POINT),
        ("1.250", money.AMBIGUOUS),
        ("1,250.00", money.ENGLISH),
        ("\u0669\u0665", money.OTHER_DIGITS),
        ("-10", money.NEGATIVE),
        ("0", money.ZERO),
    ],
)
def test_the_provider_page_refuses_a_doubtful_amount_names_the_field_and_books_nothing(
    card, provider, typed, message
):
    client = logged_in(provider.users.get())
    lessons = offer(provider, "Zwemles volwassenen")
    response = client.post(
        "/stadspas/aanbieder/afschrijven/", {"number": card.number, "offer": lessons.pk, "amount": typed}
    )
    html = response.content.decode()  # the till keeps the pass and the amount (issue 19)
    assert response.status_code == 400 and card.grouped_number in html
    assert f"Bedrag: {message} Er is niets afgeschreven." in html.replace("&#x27;", "'")
    assert not LedgerEntry.objects.filter(kind="redemption").exists()
    assert Budget.objects.get().balance_cents == 15000


def test_the_provider_page_books_a_dutch_amount(card, provider):
    client = logged_in(provider.users.get())
    lessons = offer(provider, "Zwemles volwassenen")
    client.post(
        "/stadspas/aanbieder/afschrijven/", {"number": card.number, "offer": lessons.pk, "amount": "7,5"}
    )
    assert LedgerEntry.objects.get(kind="redemption").amount_cents == -750


def test_the_offer_form_reads_and_shows_prices_in_dutch(provider):
    client = logged_in(provider.users.get())
    html = client.post(
        "/stadspas/aanbieder/aanbod/nieuw/",
        {"name": "Les", "category": "sport", "price": "12.50", "min_age": "0", "max_age": "120"},
    ).content.decode()
    assert money.DECIMAL_POINT in html and not provider.offers.filter(name="Les").exists()
    client.post(
        "/stadspas/aanbieder/aanbod/nieuw/",
        {"name": "Les", "category": "sport", "price": "1.250,00", "min_age": "0", "max_age": "120"},
    )
    les = provider.offers.get(name="Les")
    assert les.price_cents == 125000
    assert 'value="1250,00"' in client.get(f"/stadspas/aanbieder/aanbod/{les.pk}/").content.decode()


def test_an_offer_id_out_of_range_on_the_page_is_refused_without_an_error(card, provider):
    client = logged_in(provider.users.get())
    response = client.post(
        "/stadspas/aanbieder/afschrijven/", {"number": card.number, "offer": str(2**64), "amount": "7,50"}
    )
    assert response.status_code == 400 and not LedgerEntry.objects.filter(kind="redemption").exists()


@pytest.mark.parametrize("path", ["2026-13.csv", "2026-00.pdf", "9999-01.csv", "2026-01.xls"])
def test_an_impossible_month_in_a_statement_url_is_not_found(provider, path):
    client = logged_in(provider.users.get())
    client.raise_request_exception = False
    assert client.get(f"/stadspas/aanbieder/overzichten/{path}").status_code == 404
