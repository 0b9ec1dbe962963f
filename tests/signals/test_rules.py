"""Contract rules 2-5, each at its boundary: duplicates, threshold, days in arrears, repeats, cases."""

from __future__ import annotations

import datetime as dt

import pytest

from meedoen.signals.classify import CaseState, History, PriorSignal, SignalStatus, person_keys
from meedoen.signals.workdays import add_working_days, first_contact_deadline
from tests.signals.helpers import run

PICKED, ONTERECHT, HERHAALD = SignalStatus.PICKED_UP, SignalStatus.ONTERECHT, SignalStatus.HERHAALD


def statuses(result) -> list[SignalStatus]:
    return [d.status for d in sorted(result.decisions, key=lambda d: d.row.line)]


def test_duplicates_in_the_file_and_in_earlier_ingests_are_not_stored():
    result = run(
        {"signaal_id": "X"}, {"signaal_id": "X"}, {"signaal_id": "Y"}, history=History(known_ids={"Y"})
    )
    summary = result.summary()
    assert (summary["rows"], summary["duplicates"], summary["stored"]) == (3, 2, 1)


def test_a_rejected_row_does_not_make_a_later_one_a_duplicate():
    result = run({"signaal_id": "X", "bedrag": "-1"}, {"signaal_id": "X"})
    assert (result.rejected, result.duplicates, len(result.decisions)) == (1, 0, 1)


def test_rows_always_add_up():
    result = run({"signaal_id": "X"}, {"signaal_id": "X"}, {"bedrag": "x"}, {"bedrag": "10"})
    s = result.summary()
    assert s["rows"] == s["rejected"] + s["duplicates"] + s["stored"] == 4
    assert s["stored"] == s["picked_up"] + s["not_picked_up"]["onterecht"] + s["not_picked_up"]["herhaald"]


def test_threshold_one_cent_below_is_onterecht_at_the_threshold_picked_up():
    assert statuses(run({"bedrag": "49.99"}, {"bedrag": "50.00", "postcode": "6522AB"})) == [
        ONTERECHT,
        PICKED,
    ]
    assert statuses(run({"bedrag": "99.99"}, threshold=10000)) == [ONTERECHT]


def arrears(partner: str, days: int) -> SignalStatus:
    arisen = dt.date(2026, 3, 2) - dt.timedelta(days=days)
    [decision] = run({"signaalpartner_type": partner, "ontstaansdatum": arisen.isoformat()}).decisions
    return decision.status


@pytest.mark.parametrize(("days", "status"), [(29, ONTERECHT), (30, PICKED), (100, PICKED), (101, ONTERECHT)])
def test_zorg_signals_between_30_and_100_days(days, status):
    assert arrears("Zorg", days) == status


@pytest.mark.parametrize("partner", ["Energie", "Huur", "Water"])
def test_energy_rent_water_from_30_days_without_maximum(partner):
    assert (arrears(partner, 29), arrears(partner, 30), arrears(partner, 400)) == (ONTERECHT, PICKED, PICKED)


def test_other_partners_are_not_checked_on_days():
    assert arrears("DUO", 0) == PICKED


def repeat(days_between: int, second_amount: str = "450.00") -> SignalStatus:
    second = dt.date(2026, 3, 2) + dt.timedelta(days=days_between)
    result = run({}, {"signaaldatum": second.isoformat(), "bedrag": second_amount})
    return statuses(result)[1]


def test_repeat_window_is_1_to_90_days():
    assert repeat(0) == PICKED  # the same day is not "before"
    assert repeat(1) == HERHAALD
    assert repeat(8) == HERHAALD


def test_repeat_window_against_stored_signals_at_90_and_91_days():
    keys = person_keys("999990019", "Jansen", dt.date(1980, 1, 1))
    for days, status in ((90, HERHAALD), (91, PICKED)):
        prior = PriorSignal(keys, "Talis", dt.date(2026, 3, 2) - dt.timedelta(days=days), 45000)
        assert statuses(run({}, history=History(picked_up=[prior]))) == [status]


def test_a_higher_amount_after_a_repeat_is_picked_up_a_lower_or_equal_not():
    assert repeat(5, "450.01") == PICKED
    assert repeat(5, "449.00") == HERHAALD
    result = run(
        {}, {"signaaldatum": "2026-03-04", "bedrag": "500"}, {"signaaldatum": "2026-03-06", "bedrag": "480"}
    )
    assert statuses(result) == [PICKED, PICKED, HERHAALD]  # compared with the most recent: 500


def test_repeat_is_per_creditor_and_per_person():
    other_creditor = run({}, {"signaaldatum": "2026-03-04", "signaalpartner_naam": "Portaal"})
    assert statuses(other_creditor) == [PICKED, PICKED]
    by_name = run({}, {"signaaldatum": "2026-03-04", "bsn": "", "achternaam": "JANSEN"})
    assert statuses(by_name) == [PICKED, HERHAALD]  # no BSN: same surname + date of birth


def test_only_picked_up_signals_count_for_repeats():
    result = run({"bedrag": "10"}, {"signaaldatum": "2026-03-04", "bedrag": "60"})
    assert statuses(result) == [ONTERECHT, PICKED]


def test_rows_are_taken_in_signal_date_order():
    result = run({"signaaldatum": "2026-03-05"}, {"signaaldatum": "2026-03-02"})
    assert statuses(result) == [HERHAALD, PICKED]  # line 2 is three days after line 3


def test_signals_at_one_address_share_a_case_with_the_earliest_deadline():
    result = run(
        {"signaaldatum": "2026-03-04", "signaalpartner_naam": "Vattenfall", "signaalpartner_type": "Energie"},
        {"signaaldatum": "2026-03-02"},
        {"postcode": "6522 CD", "bsn": "", "achternaam": "Pietersen"},
    )
    summary = result.summary()
    assert (summary["picked_up"], summary["cases_opened"], summary["cases_with_crisis"]) == (3, 2, 0)
    case = result.cases[("6521AB", 12, "")]
    assert (case.first_signal_date, case.deadline) == (dt.date(2026, 3, 2), dt.date(2026, 3, 30))


def test_an_address_with_an_open_case_joins_it():
    open_case = CaseState(("6521AB", 12, ""), dt.date(2026, 2, 20), False, case_id=7)
    result = run({"crisissignaal": "true"}, history=History(open_cases={open_case.address: open_case}))
    assert result.summary()["cases_opened"] == 0 and result.summary()["cases_with_crisis"] == 1
    case = result.cases[open_case.address]
    assert case.case_id == 7 and case.deadline == add_working_days(dt.date(2026, 2, 20), 3)


def test_crisis_deadline_counts_three_working_days_over_a_weekend():
    friday = dt.date(2026, 3, 6)
    assert first_contact_deadline(friday, crisis=True) == dt.date(2026, 3, 11)  # Wednesday
    assert first_contact_deadline(dt.date(2026, 3, 7), crisis=True) == dt.date(2026, 3, 11)  # Saturday
    assert first_contact_deadline(dt.date(2026, 3, 2), crisis=True) == dt.date(2026, 3, 5)  # Monday
    assert first_contact_deadline(friday, crisis=False) == dt.date(2026, 4, 3)
