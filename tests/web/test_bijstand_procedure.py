"""Algemene bijstand as the law runs it: melding and application date, the four-week search period for
under-27s (Participatiewet art. 41 lid 4, lid 11), the decision term (Awb 4:13 lid 2: eight weeks) and
the start date up to three months before the melding (art. 44 lid 1 and 5, from 2026-01-01).

Expected dates are counted by hand from the law's terms (28 days = four weeks, 56 days = eight weeks,
calendar months back), never read from the code. "Today" is frozen the way the other web tests do.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from meedoen.web.accounts.models import Role
from meedoen.web.applications import drafts, procedure
from meedoen.web.applications.models import Application, BijstandProcedure, ProcedureChange, Status
from meedoen.web.audit.models import Action, AuditEntry
from meedoen.web.decisions.models import Decision
from tests.web import factories
from tests.web.conftest import ANSWERS, logged_in

pytestmark = pytest.mark.django_db
MELDING = dt.date(2026, 6, 1)
YOUNG = {**ANSWERS, "over-u": {"birth_date": "2004-03-10"}}  # 22 on 1 June 2026


def freeze(monkeypatch, day: dt.date) -> None:
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: day)


def household(*births: str) -> dict:
    roles = ("applicant", "partner")
    return {"persons": [{"id": str(i), "role": roles[i], "birth_date": b} for i, b in enumerate(births)]}


# --- the rules at their boundaries (no web) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("melding", "applies"),
    [
        (dt.date(2026, 5, 31), True),  # the day before the 27th birthday: 26
        (dt.date(2026, 6, 1), False),  # the 27th birthday: 27, no search period
    ],
)
def test_search_period_is_for_under_27s_on_the_melding_date(melding, applies):
    assert procedure.search_period_applies(household("1999-06-01"), melding) is applies


def test_a_couple_has_a_search_period_only_when_both_are_under_27():
    assert procedure.search_period_applies(household("2004-03-10", "2003-01-01"), MELDING)
    assert not procedure.search_period_applies(household("2004-03-10", "1999-01-01"), MELDING)


def test_day_27_of_the_search_period_refuses_a_decision_day_28_allows_it():
    t = procedure.terms(household("2004-03-10"), MELDING, MELDING)
    # melding on 1 June is day 0; 1 June + 28 days = 29 June (June has 30 days)
    assert (t.search_last_day, t.search_end) == (dt.date(2026, 6, 28), dt.date(2026, 6, 29))
    refusal = procedure.refusal_to_decide(t, dt.date(2026, 6, 28))
    assert refusal == (
        "U kunt nog niet beslissen. De zoektijd van 4 weken loopt tot en met 28 juni 2026 "
        "(Participatiewet art. 41 lid 4). Beslissen kan vanaf 29 juni 2026. Eerder beslissen kan alleen "
        "als u de zoektijd opheft, met een reden."
    )
    assert procedure.refusal_to_decide(t, dt.date(2026, 6, 29)) is None


def test_decision_term_is_eight_weeks_from_the_application_or_the_end_of_the_search_period():
    older = procedure.terms(household("1984-05-12"), MELDING, MELDING)
    # 1 June + 56 days: 29 days to 30 June, 27 more = 27 July
    assert older.due == dt.date(2026, 7, 27) and older.may_decide(MELDING)
    assert not older.overdue(dt.date(2026, 7, 27)) and older.overdue(dt.date(2026, 7, 28))
    young = procedure.terms(household("2004-03-10"), MELDING, MELDING)
    # the aanvraag counts from 29 June (art. 41 lid 4): 29 June + 56 days = 24 August
    assert young.due == dt.date(2026, 8, 24)
    lifted = procedure.terms(household("2004-03-10"), MELDING, MELDING, search_lifted=True)
    assert lifted.due == dt.date(2026, 7, 27) and lifted.may_decide(MELDING)


@pytest.mark.parametrize(
    ("melding", "earliest"),
    [
        (dt.date(2026, 6, 1), dt.date(2026, 3, 1)),
        (dt.date(2026, 5, 31), dt.date(2026, 2, 28)),  # no 31 February: the month's last day
        (dt.date(2025, 12, 15), dt.date(2025, 12, 15)),  # before art. 44 lid 5: not before the melding
    ],
)
def test_start_date_at_most_three_months_before_the_melding_from_2026(melding, earliest):
    t = procedure.terms(household("1984-05-12"), melding, melding)
    assert t.earliest_start == earliest
    assert procedure.start_refusal(t, earliest) is None
    assert procedure.start_refusal(t, earliest - dt.timedelta(days=1)) is not None


def test_the_start_refusal_names_the_limit_and_the_article():
    t = procedure.terms(household("1984-05-12"), MELDING, MELDING)
    assert procedure.start_refusal(t, dt.date(2026, 2, 28)) == (
        "De bijstand kan niet eerder ingaan dan 1 maart 2026: ten hoogste 3 maanden voor de melding van "
        "1 juni 2026 (Participatiewet art. 44 lid 5)."
    )
    old = procedure.terms(household("1984-05-12"), dt.date(2025, 12, 15), dt.date(2025, 12, 15))
    assert "art. 44 lid 1" in procedure.start_refusal(old, dt.date(2025, 12, 14))


# --- the application, the queue and the case page ---------------------------------------------------


@pytest.fixture
def young_application(monkeypatch, team):
    freeze(monkeypatch, MELDING)
    resident = factories.ResidentFactory(postcode="6521 AB", first_name="Sem", last_name="Jansen")
    [application] = drafts.submit(factories.draft_for(resident, YOUNG, schemes=("bijstand",)))
    application.refresh_from_db()
    return application


def test_applying_records_melding_application_date_search_period_and_due_date(young_application):
    record = young_application.procedure
    assert record.melding_on == MELDING and young_application.received_on == MELDING
    assert record.search_applies and young_application.due_on == dt.date(2026, 8, 24)
    assert young_application.status == Status.IN_REVIEW and not Decision.objects.exists()
    note = young_application.events.last().note
    assert "Algemene bijstand beoordeelt altijd een consulent." in note
    assert "tot en met 28 juni 2026; beslissen kan vanaf 29 juni 2026" in note


def test_other_schemes_get_the_awb_term_but_no_bijstand_procedure(monkeypatch, resident, team):
    freeze(monkeypatch, MELDING)
    [application] = drafts.submit(factories.draft_for(resident, ANSWERS, schemes=("bijzondere_bijstand",)))
    application.refresh_from_db()
    assert application.due_on == dt.date(2026, 7, 27)
    assert not BijstandProcedure.objects.filter(application=application).exists()


def decide(client, application, outcome="granted"):
    return client.post(f"/medewerkers/aanvraag/{application.public_id}/besluit/", {"outcome": outcome})


def test_a_consultant_cannot_decide_during_the_search_period_and_can_on_day_28(
    monkeypatch, consultant, young_application
):
    client = logged_in(consultant)
    freeze(monkeypatch, dt.date(2026, 6, 28))
    refused = decide(client, young_application)
    assert refused.status_code == 400
    assert "De zoektijd van 4 weken loopt tot en met 28 juni 2026" in refused.content.decode()
    assert not Decision.objects.exists()
    young_application.refresh_from_db()
    assert young_application.status == Status.IN_REVIEW
    freeze(monkeypatch, dt.date(2026, 6, 29))
    assert decide(client, young_application).status_code == 302
    assert Decision.objects.get(application=young_application).decided_by == consultant


def test_lifting_the_search_period_needs_a_ground_and_a_reason_and_is_audited(
    monkeypatch, consultant, young_application
):
    client = logged_in(consultant)
    url = f"/medewerkers/aanvraag/{young_application.public_id}/bijstand/zoektijd/"
    missing = client.post(url, {"zoektijd-ground": "omstandigheden", "zoektijd-reason": " "})
    assert missing.status_code == 400 and "Schrijf de reden op." in missing.content.decode()
    no_ground = client.post(url, {"zoektijd-reason": "Dakloos"})
    assert no_ground.status_code == 400
    assert "Kies op welke grond de zoektijd niet geldt." in no_ground.content.decode()
    young_application.procedure.refresh_from_db()
    assert not young_application.procedure.search_lifted and not ProcedureChange.objects.exists()
    done = client.post(
        url, {"zoektijd-ground": "omstandigheden", "zoektijd-reason": "Dakloos, geen inkomen, kwetsbaar."}
    )
    assert done.status_code == 302
    record = BijstandProcedure.objects.get()
    assert record.search_lifted and record.lifted_by == consultant
    change = ProcedureChange.objects.get()
    assert change.reason == "Dakloos, geen inkomen, kwetsbaar." and change.by == consultant
    assert AuditEntry.objects.filter(action=Action.CHANGE, what__startswith="zoektijd opgeheven").exists()
    young_application.refresh_from_db()
    assert young_application.due_on == dt.date(2026, 7, 27)  # eight weeks from the application itself
    assert decide(client, young_application).status_code == 302  # still 1 June: allowed now
    again = client.post(url, {"zoektijd-ground": "urenbeperkt", "zoektijd-reason": "x"})
    assert again.status_code == 404  # decided: the procedure is what the decision rests on


def test_the_vulnerable_youth_ground_exists_only_from_2026(monkeypatch, consultant, team):
    freeze(monkeypatch, dt.date(2025, 12, 1))
    resident = factories.ResidentFactory(postcode="6521 AB")
    [application] = drafts.submit(factories.draft_for(resident, YOUNG, schemes=("bijstand",)))
    client = logged_in(consultant)
    url = f"/medewerkers/aanvraag/{application.public_id}/bijstand/zoektijd/"
    case = client.get(f"/medewerkers/aanvraag/{application.public_id}/").content.decode()
    assert "art. 41 lid 4 onder b" in case and "art. 41 lid 11" not in case
    refused = client.post(url, {"zoektijd-ground": "omstandigheden", "zoektijd-reason": "Kwetsbaar"})
    assert refused.status_code == 400 and not BijstandProcedure.objects.get().search_lifted


def test_the_melding_and_application_date_are_corrected_with_a_reason(
    monkeypatch, consultant, young_application
):
    client = logged_in(consultant)
    url = f"/medewerkers/aanvraag/{young_application.public_id}/bijstand/datums/"
    base = {"datums-melding_on": "2026-05-20", "datums-received_on": "2026-06-01"}
    cases = [
        ({**base, "datums-reason": ""}, "Schrijf de reden op."),
        ({**base, "datums-melding_on": "2026-06-02", "datums-reason": "x"}, "in de toekomst"),
        ({**base, "datums-received_on": "2026-05-19", "datums-reason": "x"}, "niet na de aanvraag"),
        ({**base, "datums-melding_on": "20-13-2026", "datums-reason": "x"}, "Vul een datum in zoals"),
        ({**base, "datums-melding_on": "2026-06-01", "datums-reason": "x"}, "U hebt geen datum gewijzigd."),
    ]
    for data, message in cases:
        response = client.post(url, data)
        assert response.status_code == 400 and message in response.content.decode(), message
    young_application.procedure.refresh_from_db()
    assert young_application.procedure.melding_on == MELDING and not ProcedureChange.objects.exists()
    done = client.post(url, {**base, "datums-reason": "Belde op 20 mei al met het KCC."})
    assert done.status_code == 302
    young_application.refresh_from_db()
    assert young_application.procedure.melding_on == dt.date(2026, 5, 20)
    # search period from 20 May: ends 17 June (20 May + 28 days); eight weeks from then: 12 August
    assert young_application.due_on == dt.date(2026, 8, 12)
    change = ProcedureChange.objects.get()
    assert (change.old, change.new) == ("1 juni 2026", "20 mei 2026")
    assert AuditEntry.objects.filter(action=Action.CHANGE, what__contains="20 mei 2026").exists()


def test_a_later_melding_date_can_end_the_search_period_by_age(monkeypatch, consultant, team):
    """Born 1 June 1999: 26 on a melding of 31 May 2026 (search period), 27 on 1 June (none)."""
    freeze(monkeypatch, dt.date(2026, 5, 31))
    resident = factories.ResidentFactory(postcode="6521 AB")
    answers = {**ANSWERS, "over-u": {"birth_date": "1999-06-01"}}
    [application] = drafts.submit(factories.draft_for(resident, answers, schemes=("bijstand",)))
    assert BijstandProcedure.objects.get().search_applies
    freeze(monkeypatch, dt.date(2026, 6, 2))
    url = f"/medewerkers/aanvraag/{application.public_id}/bijstand/datums/"
    data = {
        "datums-melding_on": "2026-06-01",
        "datums-received_on": "2026-06-01",
        "datums-reason": "Correctie",
    }
    assert logged_in(consultant).post(url, data).status_code == 302
    assert not BijstandProcedure.objects.get().search_applies


def test_start_date_three_months_before_the_melding_and_not_a_day_more(monkeypatch, consultant, team):
    freeze(monkeypatch, MELDING)
    resident = factories.ResidentFactory(postcode="6521 AB")
    [application] = drafts.submit(factories.draft_for(resident, ANSWERS, schemes=("bijstand",)))
    client = logged_in(consultant)
    url = f"/medewerkers/aanvraag/{application.public_id}/bijstand/ingang/"
    early = client.post(url, {"ingang-start_on": "2026-02-28", "ingang-reason": "Huur achterstand"})
    assert early.status_code == 400
    assert "niet eerder ingaan dan 1 maart 2026" in early.content.decode()
    assert BijstandProcedure.objects.get().start_on is None
    no_reason = client.post(url, {"ingang-start_on": "2026-03-01", "ingang-reason": ""})
    assert no_reason.status_code == 400 and BijstandProcedure.objects.get().start_on is None
    done = client.post(
        url, {"ingang-start_on": "2026-03-01", "ingang-reason": "Opname, kon zich niet melden."}
    )
    assert done.status_code == 302
    record = BijstandProcedure.objects.get()
    assert record.start_date == dt.date(2026, 3, 1) and record.start_reason.startswith("Opname")
    assert ProcedureChange.objects.get().field == ProcedureChange.Field.START


def test_without_a_choice_the_bijstand_starts_on_the_melding(young_application):
    assert young_application.procedure.start_date == MELDING


def test_the_queue_is_sorted_by_due_date_and_marks_overdue_and_search_period(monkeypatch, consultant, team):
    freeze(monkeypatch, dt.date(2026, 4, 1))
    old_resident = factories.ResidentFactory(postcode="6521 AB", first_name="Oud", last_name="Eerst")
    [late] = drafts.submit(factories.draft_for(old_resident, ANSWERS, schemes=("bijstand",)))
    freeze(monkeypatch, MELDING)
    young = factories.ResidentFactory(postcode="6521 AB", first_name="Jong", last_name="Later")
    [waiting] = drafts.submit(factories.draft_for(young, YOUNG, schemes=("bijstand",)))
    adult = factories.ResidentFactory(postcode="6521 AB", first_name="Midden", last_name="Tussen")
    [middle] = drafts.submit(factories.draft_for(adult, ANSWERS, schemes=("bijstand",)))
    page = logged_in(consultant).get("/medewerkers/werkvoorraad/").content.decode()
    # due: 1 April + 56 days = 27 May (overdue on 1 June); 27 July; 24 August
    positions = [page.index(name) for name in ("Oud Eerst", "Midden Tussen", "Jong Later")]
    assert positions == sorted(positions)
    assert (
        '27-05-2026 <span class="utrecht-status-badge utrecht-status-badge--danger">Termijn verlopen' in page
    )
    assert page.count("Termijn verlopen") == 1
    assert "Zoektijd tot en met 28-06-2026" in page
    assert late.public_id and waiting.public_id and middle.public_id


def test_the_case_page_shows_the_procedure(consultant, young_application):
    page = logged_in(consultant).get(f"/medewerkers/aanvraag/{young_application.public_id}/").content.decode()
    assert "Procedure algemene bijstand" in page
    assert "4 weken, tot en met 28 juni 2026. Beslissen kan vanaf 29 juni 2026." in page
    assert "24 augustus 2026" in page and "Zoektijd opheffen" in page
    assert "1 juni 2026 (de meldingsdatum, art. 44 lid 1)" in page and "Op zijn vroegst 1 maart 2026" in page


def test_the_resident_sees_the_search_period_and_the_expected_decision(monkeypatch, young_application):
    client = logged_in(young_application.submission.resident)
    freeze(monkeypatch, dt.date(2026, 6, 10))
    for url in ("/aanvragen/", f"/aanvragen/{young_application.public_id}/"):
        page = client.get(url).content.decode()
        assert "U bent jonger dan 27 jaar. Daarom hebt u eerst 4 weken zoektijd." in page
        assert "Uw zoektijd loopt tot en met <strong>28 juni 2026</strong>." in page
        assert (
            "U kunt vanaf 29 juni 2026 een besluit krijgen. Wij beslissen uiterlijk op 24 augustus 2026."
            in page
        )
    freeze(monkeypatch, dt.date(2026, 6, 29))
    page = client.get("/aanvragen/").content.decode()
    assert "zoektijd" not in page and "U krijgt uiterlijk op 24 augustus 2026 een besluit." in page


# --- who may do this ---------------------------------------------------------------------------------

ACTIONS = (
    (
        "bijstand/datums/",
        {"datums-melding_on": "2026-05-20", "datums-received_on": "2026-06-01", "datums-reason": "x"},
    ),
    ("bijstand/zoektijd/", {"zoektijd-ground": "urenbeperkt", "zoektijd-reason": "x"}),
    ("bijstand/ingang/", {"ingang-start_on": "2026-04-01", "ingang-reason": "x"}),
)


def unchanged(application: Application) -> bool:
    record = BijstandProcedure.objects.get(application=application)
    return (
        record.melding_on == MELDING
        and not record.search_lifted
        and record.start_on is None
        and not ProcedureChange.objects.exists()
    )


@pytest.mark.parametrize(("action", "data"), ACTIONS)
def test_another_team_teamless_staff_residents_and_anonymous_cannot_change_the_procedure(
    other_consultant, young_application, action, data
):
    url = f"/medewerkers/aanvraag/{young_application.public_id}/{action}"
    teamless = factories.UserFactory(role=Role.CONSULTANT, team=None)
    for user, status in (
        (other_consultant, 404),
        (teamless, 404),
        (young_application.submission.resident, 403),
        (factories.ResidentFactory(postcode="6541 AB"), 403),
        (factories.UserFactory(role=Role.POLICY_ADVISER, team=young_application.submission.team), 403),
    ):
        assert logged_in(user).post(url, data).status_code == status, user.role
    assert Client().post(url, data).status_code == 302  # to the log-in
    assert unchanged(young_application)


def test_teamless_staff_see_no_queue_and_no_case(young_application):
    teamless = factories.UserFactory(role=Role.CONSULTANT, team=None)
    client = logged_in(teamless)
    assert "Sem Jansen" not in client.get("/medewerkers/werkvoorraad/").content.decode()
    assert client.get(f"/medewerkers/aanvraag/{young_application.public_id}/").status_code == 404


def test_another_resident_does_not_see_the_search_period(young_application, other_resident):
    client = logged_in(other_resident)
    assert client.get(f"/aanvragen/{young_application.public_id}/").status_code == 404
    assert "zoektijd" not in client.get("/aanvragen/").content.decode()


def test_reading_the_case_with_its_procedure_is_audited(consultant, young_application):
    logged_in(consultant).get(f"/medewerkers/aanvraag/{young_application.public_id}/")
    entry = AuditEntry.objects.filter(
        action=Action.VIEW, what=f"aanvraag {young_application.public_id}"
    ).get()
    assert entry.actor_id == consultant.pk and entry.subject_id == young_application.submission.resident_id
