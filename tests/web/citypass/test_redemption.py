"""Redeeming: a provider books within the budget of a valid pass for its own offers, or is refused
with a clear message and nothing is booked; reversals within 14 days; the ledger is append-only."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.utils import timezone

from meedoen.web.citypass import issuing, redemption
from meedoen.web.citypass.consistency import problems
from meedoen.web.citypass.models import AppendOnlyError, Budget, LedgerEntry, Provider, TillToken
from meedoen.web.citypass.numbers import is_well_formed, luhn_digit, new_pass_number
from meedoen.web.citypass.redemption import Refused
from tests.web.citypass.conftest import ADULT, CHILD, make_provider, offer

pytestmark = pytest.mark.django_db


def balance(card) -> int:
    return sum(b.balance_cents for b in Budget.objects.filter(pass_card=card))


def refused(message: str, call, *args) -> None:
    entries = LedgerEntry.objects.count()
    with pytest.raises(Refused) as caught:
        call(*args)
    assert str(caught.value) == message
    assert LedgerEntry.objects.count() == entries  # nothing booked


def test_pass_numbers_are_random_with_a_check_digit():
    numbers = {new_pass_number() for _ in range(1000)}
    assert len(numbers) == 1000
    assert all(is_well_formed(n) and len(n) == 16 for n in numbers)
    assert luhn_digit("7992739871") == "3"  # the textbook Luhn example
    n = numbers.pop()
    typo = n[:5] + str((int(n[5]) + 1) % 10) + n[6:]
    assert not is_well_formed(typo)


def test_the_check_shows_only_validity_and_the_offers_that_fit(card, provider):
    result = redemption.check(provider, card.grouped_number)  # typed with spaces
    assert [o.name for o in result.offers] == ["Zwemles volwassenen"]  # 200 > 150; school is for kids


def test_booking_takes_the_amount_from_the_budget_and_reversal_puts_it_back(card, provider):
    lessons = offer(provider, "Zwemles volwassenen")
    entry = redemption.book(provider, card.number, lessons.pk, 9500)
    assert entry.amount_cents == -9500 and balance(card) == 5500
    refused(redemption.TOO_LITTLE, redemption.book, provider, card.number, lessons.pk, 9500)
    redemption.reverse(provider, entry.reference)
    assert balance(card) == 15000
    refused(redemption.ALREADY, redemption.reverse, provider, entry.reference)
    assert problems() == []
    assert [e.kind for e in LedgerEntry.objects.order_by("id")] == ["grant", "redemption", "reversal"]


def test_every_kind_of_bad_input_is_refused_and_books_nothing(card, provider, other_provider, resident):
    lessons = offer(provider, "Zwemles volwassenen")
    refused(redemption.UNKNOWN, redemption.book, provider, new_pass_number(), lessons.pk, 100)
    refused(redemption.UNKNOWN, redemption.book, provider, "1234", lessons.pk, 100)
    refused(
        redemption.NOT_OURS,
        redemption.book,
        provider,
        card.number,
        offer(other_provider, "Gitaarles").pk,
        100,
    )
    refused(redemption.BAD_AMOUNT, redemption.book, provider, card.number, lessons.pk, 0)
    refused(redemption.BAD_AMOUNT, redemption.book, provider, card.number, lessons.pk, 9501)
    refused(
        redemption.WRONG_AGE, redemption.book, provider, card.number, offer(provider, "Schoolzwemmen").pk, 100
    )
    pending = make_provider("Nieuw Sportcentrum", "11112222", status=Provider.Status.PENDING)
    refused(redemption.NOT_APPROVED, redemption.check, pending, card.number)
    new = issuing.replace(card, by=None)
    refused(redemption.BLOCKED, redemption.book, provider, card.number, lessons.pk, 100)
    assert balance(new) == 15000  # the money moved to the new pass
    redemption.book(provider, new.number, lessons.pk, 100)
    assert balance(new) == 14900


def test_an_expired_budget_cannot_be_spent(card, provider):
    last_year = timezone.localdate().replace(month=1, day=1) - dt.timedelta(days=1)
    Budget.objects.filter(pass_card=card).update(
        period_start=last_year.replace(month=1, day=1), period_end=last_year
    )
    refused(
        redemption.EXPIRED,
        redemption.book,
        provider,
        card.number,
        offer(provider, "Zwemles volwassenen").pk,
        100,
    )


def test_a_pass_without_a_suitable_budget_is_refused(resident, provider):
    [bare] = issuing.issue(resident, "nijmegen", "meedoenpas", [ADULT])
    refused(
        redemption.NO_BUDGET,
        redemption.book,
        provider,
        bare.number,
        offer(provider, "Jaarabonnement").pk,
        100,
    )


def test_a_childs_budget_cannot_be_spent_with_a_parents_pass(resident, provider):
    from tests.web.citypass.test_issuing import with_child_amount

    cards = issuing.issue(
        resident, "nijmegen", "kindregeling", [ADULT, CHILD], parameters=with_child_amount(5000)
    )
    parent = issuing.issue(resident, "nijmegen", "meedoenpas", [ADULT])[0]
    school = offer(provider, "Schoolzwemmen")
    refused(redemption.WRONG_AGE, redemption.book, provider, parent.number, school.pk, 2500)
    redemption.book(provider, cards[0].number, school.pk, 2500)
    assert balance(cards[0]) == 2500 and balance(parent) == 0


def test_a_reversal_after_14_days_is_refused(card, provider):
    entry = redemption.book(provider, card.number, offer(provider, "Zwemles volwassenen").pk, 1000)
    later = timezone.now() + dt.timedelta(days=14, minutes=1)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(timezone, "now", lambda: later)
        refused(redemption.TOO_LATE, redemption.reverse, provider, entry.reference)


def test_another_provider_cannot_reverse_a_booking(card, provider, other_provider):
    entry = redemption.book(provider, card.number, offer(provider, "Zwemles volwassenen").pk, 1000)
    refused(redemption.NOT_FOUND, redemption.reverse, other_provider, entry.reference)


def test_the_ledger_is_append_only(card):
    entry = LedgerEntry.objects.get()
    for change in (entry.save, entry.delete, LedgerEntry.objects.all().delete):
        with pytest.raises(AppendOnlyError):
            change()
    with pytest.raises(AppendOnlyError):
        LedgerEntry.objects.update(amount_cents=1)


def test_the_consistency_check_finds_a_balance_changed_behind_the_ledgers_back(card, provider):
    from django.core.management import CommandError, call_command

    call_command("citypass_check")
    Budget.objects.filter(pass_card=card).update(balance_cents=99999)
    assert problems() == [f"budget {card.budgets.get().pk}: saldo 99999 != som grootboek 15000"]
    with pytest.raises(CommandError):
        call_command("citypass_check")


@pytest.mark.django_db(transaction=True)
def test_50_parallel_redemptions_never_exceed_the_budget(resident, provider):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite allows one writer at a time, so nothing runs in parallel")
    [card] = issuing.issue(resident, "nijmegen", "meedoenregeling", [ADULT])
    lessons = offer(provider, "Jaarabonnement")  # 200,00; each booking is 7,00: 21 fit in 150,00
    tokens = [TillToken.issue(provider, f"Kassa {i}")[1] for i in range(5)]

    def one(i: int) -> bool:
        try:
            if i % 2:  # half at the tills, half on the provider's page: one booking function
                redemption.book_at_till(tokens[i % 5], card.number, lessons.pk, 700)
            else:
                redemption.book(provider, card.number, lessons.pk, 700)
            return True
        except Refused:
            return False
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=50) as pool:
        results = list(pool.map(one, range(50)))
    assert results.count(True) == 21
    assert balance(card) == 15000 - 21 * 700 == 300
    assert LedgerEntry.objects.filter(kind="redemption").count() == 21
    assert problems() == []


def test_the_database_refuses_changes_to_the_ledger_around_the_model(card):
    from django.db import DatabaseError, transaction

    from meedoen.web.citypass.append_only import install_triggers

    install_triggers(connection)  # inside this test's transaction; rolled back afterwards
    with connection.cursor() as cursor:
        for sql in ("UPDATE citypass_ledgerentry SET amount_cents = 1", "DELETE FROM citypass_ledgerentry"):
            with pytest.raises(DatabaseError), transaction.atomic():
                cursor.execute(sql)
    assert LedgerEntry.objects.get().amount_cents == 15000


def test_postgresql_writes_the_statement_exactly_as_python_does(card, provider):
    from meedoen.web.citypass import statements

    if connection.vendor != "postgresql":
        pytest.skip("COPY is PostgreSQL's; SQLite always uses the Python rows")
    lessons = offer(provider, "Zwemles volwassenen")
    redemption.book(provider, card.number, lessons.pk, 9500)
    entry = redemption.book(provider, card.number, lessons.pk, 1205)
    redemption.reverse(provider, entry.reference)
    month = timezone.localdate()
    python = "".join(statements.python_rows(provider, month))
    assert "".join(statements.csv_rows(provider, month)) == python
    assert python.count("\n") == 4 and "-12,05" in python
