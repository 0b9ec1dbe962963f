"""After the first contact: debt help and monitor rows, creditor feedback, the offer, retention, figures."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from meedoen.web.casework.monitor_export import monitor_rows
from meedoen.web.components.pseudonym import person_key
from meedoen.web.vroegsignalering.feedback import creditor_status
from meedoen.web.vroegsignalering.models import DebtHelp, Signal, SignalCase
from meedoen.web.vroegsignalering.monitor import monthly_report
from meedoen.web.vroegsignalering.retention import months_before, purge
from tests.web.conftest import logged_in
from tests.web.vroegsignalering.conftest import store

pytestmark = pytest.mark.django_db


def test_debt_help_has_the_8_week_term_and_feeds_the_monitor(worker, team):
    store({})
    case = SignalCase.objects.get()
    response = logged_in(worker).post(
        f"/vroegsignalering/zaak/{case.pk}/schuldhulp/", {"first_conversation_on": "2026-03-09"}
    )
    assert response.status_code == 302
    trajectory = DebtHelp.objects.get()
    assert trajectory.decision_due == dt.date(2026, 5, 4)
    assert trajectory.decision_overdue(dt.date(2026, 5, 5)) and not trajectory.decision_overdue(
        dt.date(2026, 5, 4)
    )
    case.refresh_from_db()
    assert (case.status, case.result, case.first_contact_on) == (
        "closed",
        "vervolg_financieel",
        dt.date(2026, 3, 9),
    )
    exported = monitor_rows()
    assert exported["debt_help"] == [
        {
            "person_id": person_key("999990019"),
            "start_date": "2026-03-09",
            "end_date": "",
            "route": "vroegsignalering",
        }
    ]
    assert [p["area"] for p in exported["persons"]] == [team.name]
    assert "999990019" not in str(exported)


def test_the_debt_help_decision_and_end_are_recorded_in_order(worker, team):
    store({})
    case = SignalCase.objects.get()
    client = logged_in(worker)
    client.post(f"/vroegsignalering/zaak/{case.pk}/schuldhulp/", {"first_conversation_on": "2026-03-09"})
    url = f"/vroegsignalering/zaak/{case.pk}/schuldhulp/voortgang/"
    client.post(url, {"decision_on": "2026-03-08", "end_date": ""})  # before the first conversation
    assert DebtHelp.objects.get().decision_on is None
    assert client.post(url, {"decision_on": "morgen", "end_date": ""}).status_code == 400
    client.post(url, {"decision_on": "2026-04-20", "end_date": ""})
    client.post(url, {"decision_on": "", "end_date": "2026-09-30"})
    trajectory = DebtHelp.objects.get()
    assert (trajectory.decision_on, trajectory.end_date) == (dt.date(2026, 4, 20), dt.date(2026, 9, 30))
    assert monitor_rows()["debt_help"][0]["end_date"] == "2026-09-30"


def test_creditors_hear_picked_up_or_not_and_only_the_allowed_results(team):
    store(
        {"signaal_id": "A"},
        {"signaal_id": "B", "bedrag": "10"},
        {"signaal_id": "C", "signaaldatum": "2026-03-05"},
    )
    status = {s.signal_id: s for s in Signal.objects.select_related("case")}
    assert creditor_status(status["B"]) == "Niet opgepakt: onterecht signaal"
    assert creditor_status(status["C"]) == "Niet opgepakt: herhaalde melding"
    assert creditor_status(status["A"]) == "Opgepakt"
    for result, told in (
        ("andere_reden", "Niet opgepakt"),
        ("overleden", "Inwoner is overleden"),
        ("geen_hulp", "Opgepakt"),
    ):
        SignalCase.objects.update(result=result, status="closed")
        assert creditor_status(Signal.objects.select_related("case").get(signal_id="A")) == told


def test_the_offer_at_the_door_lists_schemes_from_the_engine(worker, team):
    store({})
    case = SignalCase.objects.get()
    response = logged_in(worker).get(f"/vroegsignalering/zaak/{case.pk}/aanbod/", {
        "birth_date": "1980-01-01", "income": "900", "rent": "650", "energy": "140", "assets": "0",
    })  # fmt: skip
    assert response.status_code == 200
    eligible = [s["id"] for s in response.context["outcome"].eligible]
    assert "bijstand" in eligible
    assert response.context["form"].initial["birth_date"] == dt.date(1980, 1, 1)  # from the signal


def test_retention_deletes_closed_cases_without_follow_up_after_the_term(team, caplog):
    store(
        {"signaal_id": "A", "huisnummer": "1"},
        {"signaal_id": "B", "huisnummer": "2"},
        {"signaal_id": "C", "bedrag": "1"},
    )
    old, kept = SignalCase.objects.order_by("house_number")
    SignalCase.objects.filter(pk=old.pk).update(
        status="closed", result="geen_hulp", closed_on=dt.date(2026, 3, 10)
    )
    assert purge("nijmegen", dt.date(2027, 3, 10)).cases == []  # exactly 12 months: kept
    with caplog.at_level("WARNING", logger="meedoen.vroegsignalering.retention"):
        call_command("purge_signals", "--today", "2027-03-11", "--municipality", "nijmegen")
    assert list(SignalCase.objects.values_list("pk", flat=True)) == [kept.pk]
    assert list(Signal.objects.values_list("signal_id", flat=True)) == ["B"]
    assert f"ids [{old.pk}]" in caplog.text


def test_retention_keeps_cases_with_debt_help(team):
    store({})
    case = SignalCase.objects.get()
    SignalCase.objects.update(status="closed", result="vervolg_financieel", closed_on=dt.date(2025, 1, 1))
    DebtHelp.objects.create(case=case, bsn="999990019", first_conversation_on=dt.date(2025, 1, 1))
    assert purge("nijmegen", dt.date(2027, 1, 1)).cases == []
    assert months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)


def test_the_monthly_report(worker, team):
    store(
        {},
        {"signaal_id": "X", "bedrag": "1", "huisnummer": "3"},
        {"signaal_id": "Y", "huisnummer": "4", "signaalpartner_type": "Zorg"},
    )
    case = SignalCase.objects.get(house_number=12)
    logged_in(worker).post(
        f"/vroegsignalering/zaak/{case.pk}/contactpoging/",
        {"kind": "telefoon", "date": "2026-03-04", "daypart": "ochtend", "reached": "ja"},
    )
    report = monthly_report("nijmegen", dt.date(2026, 3, 1))
    assert (report["signals_received"], report["picked_up"], report["cases_opened"], report["reached"]) == (
        3,
        2,
        2,
        1,
    )
    assert report["by_partner_type"]["Huur"] == {"received": 2, "picked_up": 1}
    assert (report["first_contact_days_median"], report["first_contact_within_term_share"]) == (2, 1.0)
