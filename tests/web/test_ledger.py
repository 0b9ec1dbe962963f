"""The funds' ledger: grants and payments move the balance with one append-only entry each, a payment
above what is left is refused (nothing booked), and ``ledger_check`` covers the city pass and the funds."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from meedoen.web.accounts.models import Role
from meedoen.web.citypass import issuing
from meedoen.web.components.append_only import AppendOnlyError
from meedoen.web.ledger import booking
from meedoen.web.ledger.append_only import LEDGER
from meedoen.web.ledger.consistency import problems
from meedoen.web.ledger.models import Account, Entry, Fund
from tests.web import factories
from tests.web.citypass.conftest import ADULT

pytestmark = pytest.mark.django_db


def account(cents: int = 0) -> Account:
    a = Account.objects.create(fund=Fund.TRANSITIEVOUCHER, municipality="nijmegen", label="Voucher test")
    if cents:
        booking.grant(a, cents)
    return a


def test_grant_and_payment_move_the_balance_by_their_entries():
    a = account(250_000)
    booking.pay(a, 120_050, "ROC Nijmegen", description="Cursus heftruck")
    a.refresh_from_db()
    assert a.balance_cents == 250_000 - 120_050
    assert list(a.entries.values_list("kind", "amount_cents")) == [("grant", 250_000), ("payment", -120_050)]
    assert problems() == []


def test_a_payment_above_the_remaining_budget_is_refused_and_nothing_is_booked():
    a = account(100_000)
    with pytest.raises(
        booking.Refused,
        match=r"Het bedrag van €\xa01\.000,01 is meer dan er nog in het budget zit \(€\xa01\.000,00\)",
    ):
        booking.pay(a, 100_001, "ROC")
    a.refresh_from_db()
    assert a.balance_cents == 100_000 and a.entries.count() == 1
    booking.pay(a, 100_000, "ROC")  # exactly what is left: allowed, balance 0
    a.refresh_from_db()
    assert a.balance_cents == 0


@pytest.mark.parametrize(("cents", "payee"), [(0, "ROC"), (-5, "ROC"), (100, "  ")])
def test_bad_payments_are_refused_naming_the_field(cents, payee):
    a = account(10_000)
    with pytest.raises(booking.Refused, match=r"^(Bedrag|Aan wie):"):
        booking.pay(a, cents, payee)
    assert a.entries.count() == 1


def test_a_reversal_gives_the_money_back_once():
    a = account(10_000)
    paid = booking.pay(a, 4_000, "ROC")
    booking.reverse(paid)
    a.refresh_from_db()
    assert a.balance_cents == 10_000
    with pytest.raises(booking.Refused):
        booking.reverse(paid)
    assert problems() == []


def test_entries_are_append_only_in_django_and_in_the_database():
    a = account(10_000)
    entry = a.entries.get()
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        Entry.objects.all().update(amount_cents=1)
    LEDGER.install_triggers(connection)
    from django.db import DatabaseError, transaction

    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE ledger_entry SET amount_cents = 1")


def test_ledger_check_covers_the_funds_and_the_city_pass(resident):
    issuing.issue(resident, "nijmegen", "meedoenregeling", [ADULT])
    a = account(50_000)
    out = io.StringIO()
    call_command("ledger_check", stdout=out)
    assert "OK: 1 city pass budgets, 1 fund budgets and 1 fund entries agree." in out.getvalue()
    Account.objects.filter(pk=a.pk).update(balance_cents=40_000)  # a balance changed around the ledger
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 problem"):
        call_command("ledger_check", stdout=io.StringIO(), stderr=err)
    assert f"fondsbudget {a.pk}: saldo 40000 != som grootboek 50000" in err.getvalue()


def test_the_city_pass_check_uses_the_shared_balance_check():
    import inspect

    from meedoen.web.citypass import consistency

    assert "balance_mismatches" in inspect.getsource(consistency)


def test_the_demo_funds_load_twice_and_agree_with_their_ledger(team):
    factories.UserFactory(role=Role.COACH, username="coach")
    call_command("load_demo_funds", force=True)
    call_command("load_demo_funds", force=True)  # idempotent
    assert Account.objects.count() == 2
    assert sorted(Account.objects.values_list("balance_cents", flat=True)) == [
        150_000 - 89_500,
        2_500_000 - 84_500,
    ]
    assert problems() == []


@pytest.mark.django_db(transaction=True)
def test_30_parallel_payments_never_spend_more_than_the_budget():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite allows one writer at a time, so nothing runs in parallel")
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    a = account(10_000)  # 100,00; each payment 7,00: 14 fit

    def one(i: int) -> bool:
        try:
            booking.pay(Account.objects.get(pk=a.pk), 700, f"Schuldeiser {i}")
            return True
        except booking.Refused:
            return False
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=30) as pool:
        results = list(pool.map(one, range(30)))
    a.refresh_from_db()
    assert results.count(True) == 14
    assert a.balance_cents == 10_000 - 14 * 700 == 200
    assert problems() == []
