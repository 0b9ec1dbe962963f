"""The Jongerenperspectieffonds: application (age limits from fund.yaml), referral, coach, agreement,
debts bought off through the ledger (a payment above the fund's remaining budget refused), the end,
the quarter figures and the monitor export; who may see what, and that every read is audited."""

from __future__ import annotations

import datetime as dt

import pytest

from meedoen.web.accounts.models import Role
from meedoen.web.audit.log import reads_of
from meedoen.web.casework.monitor_export import monitor_rows
from meedoen.web.ledger import booking
from meedoen.web.ledger.consistency import problems
from meedoen.web.youthfund.limits import limits
from meedoen.web.youthfund.models import Debt, Route, Status, Trajectory
from meedoen.web.youthfund.monitor import per_quarter
from meedoen.web.youthfund.views import fund_budget
from tests.web import factories
from tests.web.conftest import logged_in

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def born_years_ago(years: int, days: int = 0) -> dt.date:
    """The birth date of someone who turns ``years`` today, shifted by ``days``."""
    return TODAY.replace(year=TODAY.year - years) - dt.timedelta(days=days)


@pytest.fixture
def lead(team):
    return factories.UserFactory(role=Role.TEAM_LEAD, team=team, username="lead-oost")


@pytest.fixture
def coach(db):
    return factories.UserFactory(
        role=Role.COACH, username="coach-sanne", first_name="Sanne", last_name="Coach"
    )


@pytest.fixture
def other_coach(db):
    return factories.UserFactory(role=Role.COACH, username="coach-bram")


@pytest.fixture
def trajectory(team, resident, coach):
    return Trajectory.objects.create(
        municipality="nijmegen",
        resident=resident,
        name="Jesse de Vries",
        birth_date=born_years_ago(22),
        postcode="6521 AB",
        route=Route.SELF,
        team=team,
        coach=coach,
        status=Status.COACHED,
        applied_on=TODAY,
    )


def apply_data(**changes) -> dict[str, str]:
    return {
        "name": "Jesse de Vries",
        "birth_date": born_years_ago(22).isoformat(),
        "postcode": "6521ab",
        "situation": "Schulden bij de zorgverzekeraar.",
        **changes,
    }


def test_the_age_limits_are_data_with_a_source():
    fund = limits("nijmegen")
    assert (fund.min_age, fund.max_age) == (18, 27)
    assert "Jongerenperspectieffonds" in fund.source
    assert limits("nowhere") is None


def test_a_resident_applies_and_lands_in_the_team_leads_list(client, resident, team, lead):
    response = logged_in(resident).post("/jongerenfonds/aanvragen/", apply_data())
    assert response.status_code == 302
    t = Trajectory.objects.get()
    assert (t.resident, t.team, t.route, t.postcode, t.status) == (
        resident,
        team,
        Route.SELF,
        "6521 AB",
        "applied",
    )
    assert "Jesse de Vries" in logged_in(lead).get("/jongerenfonds/trajecten/").content.decode()


@pytest.mark.parametrize(
    ("birth", "ok"),
    [
        (born_years_ago(18), True),  # the 18th birthday today
        (born_years_ago(18, days=-1), False),  # turns 18 tomorrow
        (born_years_ago(28, days=-1), True),  # still 27: turns 28 tomorrow
        (born_years_ago(28), False),  # the 28th birthday today
    ],
)
def test_the_age_boundaries(resident, birth, ok):
    response = logged_in(resident).post("/jongerenfonds/aanvragen/", apply_data(birth_date=birth.isoformat()))
    assert (response.status_code == 302) is ok
    assert Trajectory.objects.count() == (1 if ok else 0)
    if not ok:
        assert (
            "Geboortedatum: het fonds is voor jongeren van 18 tot en met 27 jaar."
            in response.content.decode()
        )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("postcode", "65211", "Postcode: vul een postcode in zoals 6511 AB."),
        ("birth_date", "31-13-2004", "Geboortedatum: vul een datum in zoals 31-01-2004."),
        ("name", "", "Naam: vul de naam in."),
    ],
)
def test_bad_input_names_the_field_and_stores_nothing(resident, field, value, message):
    response = logged_in(resident).post("/jongerenfonds/aanvragen/", apply_data(**{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Trajectory.objects.count() == 0


def test_vroegsignalering_refers_a_young_person(team):
    worker = factories.UserFactory(role=Role.OUTREACH_WORKER, team=team, username="vroeg")
    data = {**apply_data(), "route": Route.SIGNALS}
    assert logged_in(worker).post("/jongerenfonds/verwijzen/", data).status_code == 302
    t = Trajectory.objects.get()
    assert (t.route, t.referred_by, t.resident) == (Route.SIGNALS, worker, None)
    missing = logged_in(worker).post("/jongerenfonds/verwijzen/", apply_data())
    assert "Verwezen door: kies wie de jongere verwijst." in missing.content.decode()
    assert Trajectory.objects.count() == 1


def test_the_whole_trajectory_pays_the_debts_through_the_ledger(lead, coach, team, resident):
    t = Trajectory.objects.create(
        municipality="nijmegen",
        resident=resident,
        name="Jesse",
        birth_date=born_years_ago(20),
        postcode="6521 AB",
        route=Route.SELF,
        team=team,
        applied_on=TODAY,
    )
    lead_client, coach_client = logged_in(lead), logged_in(coach)
    lead_client.post(
        "/jongerenfonds/trajecten/", {"budget-amount_cents": "1000", "budget-source": "Raadsbesluit"}
    )
    fund = fund_budget()
    assert fund.account.balance_cents == 100_000
    lead_client.post(f"/jongerenfonds/trajecten/{t.pk}/coach/", {"coach-coach": coach.pk})
    t.refresh_from_db()
    assert (t.coach, t.status) == (coach, Status.COACHED)
    coach_client.post(
        f"/jongerenfonds/trajecten/{t.pk}/afspraken/", {"afspraak-counter_performance": "MBO 2"}
    )
    coach_client.post(
        f"/jongerenfonds/trajecten/{t.pk}/schulden/",
        {"schuld-creditor": "CZ", "schuld-amount_cents": "450,50"},
    )
    coach_client.post(
        f"/jongerenfonds/trajecten/{t.pk}/schulden/", {"schuld-creditor": "DUO", "schuld-amount_cents": "600"}
    )
    cz, duo = Debt.objects.order_by("id")
    assert (cz.amount_cents, duo.amount_cents) == (45_050, 60_000)
    assert coach_client.post(f"/jongerenfonds/trajecten/{t.pk}/schulden/{cz.pk}/betalen/").status_code == 302
    fund.account.refresh_from_db()
    assert fund.account.balance_cents == 100_000 - 45_050
    refused = coach_client.post(f"/jongerenfonds/trajecten/{t.pk}/schulden/{duo.pk}/betalen/")
    assert refused.status_code == 400
    assert "is meer dan er nog in het budget zit" in refused.content.decode()
    duo.refresh_from_db()
    fund.account.refresh_from_db()
    assert duo.payment is None and fund.account.balance_cents == 54_950
    coach_client.post(f"/jongerenfonds/trajecten/{t.pk}/voortgang/", {"voortgang-text": "Gaat goed"})
    coach_client.post(f"/jongerenfonds/trajecten/{t.pk}/einde/", {"einde-outcome": "completed"})
    t.refresh_from_db()
    assert (t.status, t.ended_on) == (Status.COMPLETED, TODAY)
    assert problems() == []
    q = f"{TODAY.year} K{(TODAY.month - 1) // 3 + 1}"
    assert per_quarter("nijmegen") == [
        {"quarter": q, "applied": 1, "agreed": 1, "completed": 1, "broken_off": 0, "paid_cents": 45_050}
    ]
    rows = monitor_rows()["debt_help"]
    assert [(r["route"], r["start_date"], r["end_date"]) for r in rows] == [
        ("referral", TODAY.isoformat(), TODAY.isoformat())
    ]


def test_bad_debt_input_names_the_field_and_stores_nothing(trajectory, coach):
    response = logged_in(coach).post(
        f"/jongerenfonds/trajecten/{trajectory.pk}/schulden/",
        {"schuld-creditor": "", "schuld-amount_cents": "12.50"},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Schuldeiser: vul in aan wie de schuld is." in text and "komma" in text
    assert Debt.objects.count() == 0


def test_a_debt_cannot_be_paid_before_the_agreement(trajectory, coach):
    fund = fund_budget()
    booking.grant(fund.account, 100_000)
    debt = Debt.objects.create(trajectory=trajectory, creditor="CZ", amount_cents=1_000)
    response = logged_in(coach).post(f"/jongerenfonds/trajecten/{trajectory.pk}/schulden/{debt.pk}/betalen/")
    assert response.status_code == 400
    debt.refresh_from_db()
    assert debt.payment is None


def test_every_read_of_a_debt_inventory_is_audited(trajectory, coach):
    logged_in(coach).get(f"/jongerenfonds/trajecten/{trajectory.pk}/")
    assert [e.actor_name for e in reads_of(trajectory)] == ["coach-sanne"]


def test_who_may_open_a_trajectory(
    trajectory, coach, other_coach, lead, other_team, resident, other_resident, consultant, client
):
    url = f"/jongerenfonds/trajecten/{trajectory.pk}/"
    other_lead = factories.UserFactory(role=Role.TEAM_LEAD, team=other_team, username="lead-west")
    lead_without_team = factories.UserFactory(role=Role.TEAM_LEAD, username="lead-zonder-team")
    adviser = factories.UserFactory(role=Role.POLICY_ADVISER, username="adviseur")
    assert logged_in(coach).get(url).status_code == 200
    assert logged_in(lead).get(url).status_code == 200
    assert logged_in(other_coach).get(url).status_code == 404
    assert logged_in(other_lead).get(url).status_code == 404
    assert logged_in(lead_without_team).get(url).status_code == 404
    for user in (resident, other_resident, consultant, adviser):
        assert logged_in(user).get(url).status_code == 403
    assert client.get(url).status_code == 302  # anonymous: to the log-in
    assert "Jesse" not in logged_in(other_coach).get("/jongerenfonds/trajecten/").content.decode()
    assert "Jesse" not in logged_in(lead_without_team).get("/jongerenfonds/trajecten/").content.decode()


def test_only_the_own_coach_changes_a_trajectory(trajectory, other_coach, lead):
    debt = Debt.objects.create(trajectory=trajectory, creditor="CZ", amount_cents=1_000)
    for user, status in ((other_coach, 404), (lead, 404)):
        c = logged_in(user)
        assert (
            c.post(
                f"/jongerenfonds/trajecten/{trajectory.pk}/afspraken/", {"afspraak-counter_performance": "x"}
            ).status_code
            == status
        )
        assert (
            c.post(f"/jongerenfonds/trajecten/{trajectory.pk}/schulden/{debt.pk}/betalen/").status_code
            == status
        )
        assert (
            c.post(
                f"/jongerenfonds/trajecten/{trajectory.pk}/einde/", {"einde-outcome": "broken_off"}
            ).status_code
            == status
        )
    trajectory.refresh_from_db()
    assert trajectory.status == Status.COACHED and trajectory.counter_performance == ""


def test_only_a_team_lead_chooses_the_coach(trajectory, coach, other_coach):
    response = logged_in(coach).post(
        f"/jongerenfonds/trajecten/{trajectory.pk}/coach/", {"coach-coach": other_coach.pk}
    )
    assert response.status_code == 403
    trajectory.refresh_from_db()
    assert trajectory.coach == coach


@pytest.mark.parametrize("path", ["/jongerenfonds/aanvragen/", "/jongerenfonds/aangevraagd/"])
def test_the_resident_pages_are_for_residents(path, consultant, coach, client):
    assert logged_in(consultant).get(path).status_code == 403
    assert logged_in(coach).get(path).status_code == 403
    assert client.get(path).status_code == 302


def test_the_referral_page_is_for_the_referrers(resident, consultant, coach, client):
    for user in (resident, consultant, coach):
        assert logged_in(user).get("/jongerenfonds/verwijzen/").status_code == 403
    assert client.get("/jongerenfonds/verwijzen/").status_code == 302


def test_the_quarter_figures_are_for_the_figures_roles(trajectory, coach, consultant, resident, client):
    adviser = factories.UserFactory(role=Role.POLICY_ADVISER, username="adviseur")
    response = logged_in(adviser).get("/jongerenfonds/cijfers/")
    assert response.status_code == 200 and "Jesse" not in response.content.decode()
    for user in (coach, consultant, resident):
        assert logged_in(user).get("/jongerenfonds/cijfers/").status_code == 403
    assert client.get("/jongerenfonds/cijfers/").status_code == 302


def test_the_fund_budget_is_granted_by_the_team_lead_only(lead, coach):
    logged_in(coach).post("/jongerenfonds/trajecten/", {"budget-amount_cents": "1000", "budget-source": "x"})
    assert fund_budget().account.balance_cents == 0
    response = logged_in(lead).post(
        "/jongerenfonds/trajecten/", {"budget-amount_cents": "1000", "budget-source": ""}
    )
    assert "Besluit of bron: noem het besluit waarin het budget staat." in response.content.decode()
    assert fund_budget().account.balance_cents == 0
