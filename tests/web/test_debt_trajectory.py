"""Debt help as a trajectory on the DebtHelp record: the inventory (cents, creditors), the phases and
route (a schuldregeling ends 18 months after its start), aftercare and outcome; youth and entrepreneur
marks; the statutory 8-week term reused; who may open it; every read audited; bad input refused."""

from __future__ import annotations

import datetime as dt

import pytest

from meedoen.web.accounts.models import Role
from meedoen.web.audit.log import reads_of
from meedoen.web.debthelp.models import Debt, Phase, Route, Trajectory
from meedoen.web.vroegsignalering.debt_help import start_debt_help
from meedoen.web.vroegsignalering.models import SignalCase
from tests.web import factories
from tests.web.conftest import logged_in
from tests.web.vroegsignalering.conftest import store

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(team):
    return factories.UserFactory(role=Role.OUTREACH_WORKER, team=team, username="fatima")


@pytest.fixture
def help_(team, other_team):
    store({"huisnummer": "1"})
    case = SignalCase.objects.get()
    return start_debt_help(case, "", dt.date(2026, 3, 2))


def url(help_, rest: str = "") -> str:
    return f"/schuldhulp/{help_.pk}/{rest}"


def test_the_inventory_phase_route_and_outcome(worker, help_):
    c = logged_in(worker)
    page = c.get(url(help_))
    assert page.status_code == 200
    assert "Uiterlijk 27-04-2026" in page.content.decode()  # 2 March + 8 weeks (Wgs art. 4), reused
    c.post(url(help_, "schulden/"), {"schuld-creditor": "CZ", "schuld-amount_cents": "1.250,00"})
    c.post(url(help_, "schulden/"), {"schuld-creditor": "DUO", "schuld-amount_cents": "300,5"})
    assert sorted(Debt.objects.values_list("amount_cents", flat=True)) == [30_050, 125_000]
    assert "€\xa01.550,50" in c.get(url(help_)).content.decode()
    c.post(
        url(help_, "fase/"),
        {"fase-phase": "route", "fase-route": "schuldregeling", "fase-route_start": "2026-05-31"},
    )
    t = Trajectory.objects.get()
    assert (t.phase, t.route, t.route_start) == (Phase.ROUTE, Route.SCHULDREGELING, dt.date(2026, 5, 31))
    assert t.stabilised_on is not None
    assert t.route_end == dt.date(2027, 11, 28)  # 18 months on; the day capped at 28
    c.post(
        url(help_, "fase/"),
        {
            "fase-phase": "closed",
            "fase-route": "schuldregeling",
            "fase-route_start": "2026-05-31",
            "fase-outcome": "debt_free",
        },
    )
    t.refresh_from_db()
    help_.refresh_from_db()
    assert (t.phase, t.outcome, help_.end_date) == (Phase.CLOSED, "debt_free", dt.date.today())


def test_youth_and_entrepreneur_marks(worker, help_):
    c = logged_in(worker)
    today = dt.date.today()
    c.post(
        url(help_, "kenmerken/"), {"kenmerken-birth_date": today.replace(year=today.year - 27).isoformat()}
    )
    t = Trajectory.objects.get()
    assert t.is_youth(today) is False  # 27 today: no longer under 27
    c.post(
        url(help_, "kenmerken/"),
        {
            "kenmerken-birth_date": (today.replace(year=today.year - 27) + dt.timedelta(days=1)).isoformat(),
            "kenmerken-entrepreneur": "on",
        },
    )
    t.refresh_from_db()
    assert t.is_youth(today) is True and t.entrepreneur
    text = c.get(url(help_)).content.decode()
    assert "Jongere (onder 27)" in text and "Ondernemer" in text and "/jongerenfonds/verwijzen/" in text
    assert Trajectory(birth_date=None).is_youth(today) is None  # unknown, never guessed


@pytest.mark.parametrize(
    ("path", "data", "message"),
    [
        (
            "schulden/",
            {"schuld-creditor": "", "schuld-amount_cents": "10"},
            "Schuldeiser: vul in aan wie de schuld is.",
        ),
        ("schulden/", {"schuld-creditor": "CZ", "schuld-amount_cents": "10.5"}, "komma"),
        (
            "fase/",
            {"fase-phase": "route", "fase-route": "wsnp"},
            "Route gestart op: vul de startdatum van de route in.",
        ),
        ("fase/", {"fase-phase": "closed"}, "Uitkomst: kies de uitkomst als u het traject afsluit."),
        ("fase/", {"fase-phase": "aftercare"}, "Nazorg tot: vul in tot wanneer de nazorg loopt."),
        (
            "kenmerken/",
            {"kenmerken-birth_date": "31-31-2001"},
            "Geboortedatum: vul een datum in zoals 31-01-2001.",
        ),
    ],
)
def test_bad_input_names_the_field_and_stores_nothing(worker, help_, path, data, message):
    logged_in(worker).get(url(help_))
    before = Trajectory.objects.values().get()
    response = logged_in(worker).post(url(help_, path), data)
    assert response.status_code == 400 and message in response.content.decode()
    assert Debt.objects.count() == 0 and Trajectory.objects.values().get() == before


def test_every_read_of_the_inventory_is_audited(worker, help_):
    logged_in(worker).get(url(help_))
    assert [e.actor_name for e in reads_of(Trajectory.objects.get())] == ["fatima"]


def test_who_may_open_it(help_, other_team, resident, consultant, client):
    other_worker = factories.UserFactory(role=Role.OUTREACH_WORKER, team=other_team, username="joris")
    no_team = factories.UserFactory(role=Role.OUTREACH_WORKER, username="zonder-team")
    partner = factories.UserFactory(role=Role.DEBT_PARTNER, username="partner")
    coach = factories.UserFactory(role=Role.COACH, username="coach")
    for user in (other_worker, no_team, partner):  # another team, no team, a partner it was not handed to
        assert logged_in(user).get(url(help_)).status_code == 404
        assert (
            logged_in(user)
            .post(url(help_, "schulden/"), {"schuld-creditor": "X", "schuld-amount_cents": "1"})
            .status_code
            == 404
        )
    for user in (resident, consultant, coach):
        assert logged_in(user).get(url(help_)).status_code == 403
    assert client.get(url(help_)).status_code == 302
    assert Debt.objects.count() == 0
