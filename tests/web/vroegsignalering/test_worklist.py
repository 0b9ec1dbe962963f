"""The worklist and case pages: who sees what, the order, overdue flags, attempts, results, audit."""

from __future__ import annotations

import datetime as dt

import pytest

from meedoen.web.accounts.models import Role
from meedoen.web.audit.models import AuditEntry
from meedoen.web.vroegsignalering.models import SignalCase
from tests.web import factories
from tests.web.conftest import logged_in
from tests.web.vroegsignalering.conftest import store

pytestmark = pytest.mark.django_db


def case_at(postcode: str, number: int = 12) -> SignalCase:
    return SignalCase.objects.get(postcode=postcode, house_number=number)


@pytest.fixture
def cases(team, other_team):
    store(
        {"huisnummer": "1"},  # deadline 30 March
        {"huisnummer": "2", "crisissignaal": "true"},  # deadline 5 March: overdue on 10 March
        {"huisnummer": "3", "signaaldatum": "2026-03-02", "bedrag": "900"},
        {"huisnummer": "3", "signaalpartner_naam": "Vattenfall", "signaalpartner_type": "Energie"},
        {"huisnummer": "4", "bedrag": "2000"},
        {"postcode": "6541AB"},
    )
    return SignalCase.objects.all()


def test_the_worklist_shows_the_team_s_cases_by_deadline_and_urgency(worker, cases, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: dt.date(2026, 3, 10))
    response = logged_in(worker).get("/vroegsignalering/")
    assert response.status_code == 200
    rows = [case.house_number for case, _ in response.context["rows"]]
    assert rows == [2, 3, 4, 1]  # crisis first (earlier deadline), then 2 creditors, then the higher arrears
    assert [overdue for _, overdue in response.context["rows"]] == [True, False, False, False]
    assert "Termijn verlopen" in response.content.decode()
    assert AuditEntry.objects.filter(what__contains="in werkvoorraad").count() == 4


def test_filters_overdue_and_partner_type(worker, cases, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: dt.date(2026, 3, 10))
    client = logged_in(worker)
    overdue = client.get("/vroegsignalering/", {"status": "overdue"}).context["rows"]
    assert [c.house_number for c, _ in overdue] == [2]
    energy = client.get("/vroegsignalering/", {"status": "open", "partner": "Energie"}).context["rows"]
    assert [c.house_number for c, _ in energy] == [3]


def test_another_area_s_case_is_not_found(worker, other_worker, cases):
    case = case_at("6541AB")
    assert logged_in(worker).get(f"/vroegsignalering/zaak/{case.pk}/").status_code == 404
    assert logged_in(other_worker).get(f"/vroegsignalering/zaak/{case.pk}/").status_code == 200


def test_other_roles_are_refused(consultant, resident, cases):
    assert logged_in(consultant).get("/vroegsignalering/").status_code == 403
    assert logged_in(resident).get("/vroegsignalering/").status_code == 403
    assert logged_in(consultant).get("/vroegsignalering/aanleveren/").status_code == 403


def test_a_partner_sees_only_cases_handed_to_it(worker, partner, cases):
    case = case_at("6521AB", 1)
    client = logged_in(partner)
    assert client.get(f"/vroegsignalering/zaak/{case.pk}/").status_code == 404
    response = logged_in(worker).post(
        f"/vroegsignalering/zaak/{case.pk}/overdragen/", {"partner": partner.pk}
    )
    assert response.status_code == 302
    assert client.get(f"/vroegsignalering/zaak/{case.pk}/").status_code == 200
    assert [c.pk for c, _ in client.get("/vroegsignalering/").context["rows"]] == [case.pk]
    assert (
        client.post(f"/vroegsignalering/zaak/{case.pk}/overdragen/", {"partner": partner.pk}).status_code
        == 403
    )


def test_every_case_view_is_audited(worker, cases):
    case = case_at("6521AB", 1)
    logged_in(worker).get(f"/vroegsignalering/zaak/{case.pk}/")
    entry = AuditEntry.objects.filter(what=f"vroegsignaalzaak {case.pk}: zaak bekeken").get()
    assert (entry.actor_name, entry.why) == ("fatima", "vroegsignalering schulden")


def test_a_reached_attempt_sets_the_first_contact_and_a_result_closes_the_case(worker, cases):
    case = case_at("6521AB", 2)
    client = logged_in(worker)
    attempt = {"kind": "huisbezoek", "date": "2026-03-04", "daypart": "middag", "reached": "nee"}
    assert client.post(f"/vroegsignalering/zaak/{case.pk}/contactpoging/", attempt).status_code == 302
    case.refresh_from_db()
    assert case.first_contact_on is None
    client.post(
        f"/vroegsignalering/zaak/{case.pk}/contactpoging/", {**attempt, "reached": "ja", "date": "2026-03-05"}
    )
    case.refresh_from_db()
    assert case.first_contact_on == dt.date(2026, 3, 5) and not case.is_overdue(dt.date(2026, 3, 10))
    bad = client.post(f"/vroegsignalering/zaak/{case.pk}/contactpoging/", {**attempt, "kind": "duif"})
    assert bad.status_code == 400 and case.attempts.count() == 2
    client.post(f"/vroegsignalering/zaak/{case.pk}/notitie/", {"text": "Belt terug na het weekend."})
    assert (
        client.post(f"/vroegsignalering/zaak/{case.pk}/afsluiten/", {"result": "quick_fix"}).status_code
        == 302
    )
    case.refresh_from_db()
    assert (case.status, case.result, case.notes.count()) == ("closed", "quick_fix", 1)


def test_the_end_result_must_be_from_the_ddas_list(worker, cases):
    case = case_at("6521AB", 1)
    response = logged_in(worker).post(f"/vroegsignalering/zaak/{case.pk}/afsluiten/", {"result": "onterecht"})
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.is_open


def test_the_lead_sees_every_area_and_the_figures(lead, cases):
    client = logged_in(lead)
    assert client.get("/vroegsignalering/").context["page"].paginator.count == 5
    figures = client.get("/vroegsignalering/cijfers/", {"maand": dt.date.today().strftime("%Y-%m")})
    assert figures.status_code == 200 and figures.context["report"]["signals_received"] == 0
    assert (
        logged_in(factories.UserFactory(role=Role.OUTREACH_WORKER))
        .get("/vroegsignalering/cijfers/")
        .status_code
        == 403
    )
