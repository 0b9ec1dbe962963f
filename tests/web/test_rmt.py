"""Werk naar werk: intake, plan, a transitievoucher (amount entered with its source where the
municipality has no official figure) spent on training through the ledger, a payment above what is
left refused, the outcome counted; the area team only, every read audited."""

from __future__ import annotations

import datetime as dt

import pytest

from meedoen.web.accounts.models import Role
from meedoen.web.audit.log import reads_of
from meedoen.web.ledger.consistency import problems
from meedoen.web.rmt.models import Step, Trajectory
from meedoen.web.rmt.vouchers import voucher
from tests.web import factories
from tests.web.conftest import logged_in

pytestmark = pytest.mark.django_db
INTAKE = {
    "name": "Petra Jansen",
    "postcode": "6521 CD",
    "employer": "Drukkerij Oost",
    "referred_by": "employer",
    "intake_on": "2026-11-02",
    "goals": "Werk in de logistiek",
}


@pytest.fixture
def trajectory(consultant):
    logged_in(consultant).post("/werk-naar-werk/intake/", INTAKE)
    return Trajectory.objects.get()


def test_no_official_voucher_amount_is_invented():
    assert voucher("nijmegen").amount_cents is None
    assert "Geen officieel bedrag" in voucher("nijmegen").source


def test_intake_plan_voucher_training_and_outcome(consultant, team):
    c = logged_in(consultant)
    response = c.post("/werk-naar-werk/intake/", INTAKE)
    t = Trajectory.objects.get()
    assert response.url == f"/werk-naar-werk/{t.pk}/"
    assert (t.team, t.consultant, t.referred_by, t.intake_on) == (
        team,
        consultant,
        "employer",
        dt.date(2026, 11, 2),
    )
    c.post(
        f"/werk-naar-werk/{t.pk}/stap/",
        {"stap-what": "Heftruckcertificaat halen", "stap-due_on": "2027-01-15"},
    )
    assert Step.objects.get().what == "Heftruckcertificaat halen"
    c.post(
        f"/werk-naar-werk/{t.pk}/voucher/",
        {"voucher-amount_cents": "2.000,00", "voucher-source": "Besluit RMT 2 november 2026"},
    )
    t.refresh_from_db()
    assert (t.voucher.balance_cents, t.voucher_source) == (200_000, "Besluit RMT 2 november 2026")
    paid = c.post(
        f"/werk-naar-werk/{t.pk}/betalen/",
        {
            "betaling-payee": "ROC Nijmegen",
            "betaling-description": "Heftruck",
            "betaling-amount_cents": "1250",
        },
    )
    assert paid.status_code == 302
    t.voucher.refresh_from_db()
    assert t.voucher.balance_cents == 75_000
    refused = c.post(
        f"/werk-naar-werk/{t.pk}/betalen/",
        {"betaling-payee": "ROC", "betaling-description": "VCA", "betaling-amount_cents": "750,01"},
    )
    assert refused.status_code == 400
    assert (
        "Het bedrag van €\xa0750,01 is meer dan er nog in het budget zit (€\xa0750,00). Er is niets betaald."
        in refused.content.decode()
    )
    t.voucher.refresh_from_db()
    assert t.voucher.balance_cents == 75_000 and t.voucher.entries.count() == 2
    c.post(f"/werk-naar-werk/{t.pk}/uitkomst/", {"uitkomst-outcome": "new_job"})
    t.refresh_from_db()
    assert t.outcome == "new_job"
    page = c.get("/werk-naar-werk/").content.decode()
    assert "Nieuwe baan: <strong>1</strong>" in page and "Nog bezig: <strong>0</strong>" in page
    assert problems() == []


def test_a_second_voucher_is_refused(trajectory, consultant):
    c = logged_in(consultant)
    c.post(
        f"/werk-naar-werk/{trajectory.pk}/voucher/",
        {"voucher-amount_cents": "100", "voucher-source": "Besluit"},
    )
    again = c.post(
        f"/werk-naar-werk/{trajectory.pk}/voucher/",
        {"voucher-amount_cents": "100", "voucher-source": "Besluit"},
    )
    assert again.status_code == 400
    trajectory.refresh_from_db()
    assert trajectory.voucher.balance_cents == 10_000


def test_paying_without_a_voucher_is_refused(trajectory, consultant):
    response = logged_in(consultant).post(
        f"/werk-naar-werk/{trajectory.pk}/betalen/",
        {"betaling-payee": "ROC", "betaling-description": "VCA", "betaling-amount_cents": "10"},
    )
    assert response.status_code == 400 and "Ken eerst een transitievoucher toe." in response.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"referred_by": ""}, "Aangemeld door: kies wie de persoon aanmeldt."),
        ({"postcode": "abc"}, "Postcode: vul een postcode in zoals 6511 AB."),
        ({"intake_on": "2026-13-01"}, "Vul een datum in zoals 31-01-2026."),
        ({"name": ""}, "Naam: vul de naam in."),
    ],
)
def test_bad_intake_input_names_the_field_and_stores_nothing(consultant, data, message):
    response = logged_in(consultant).post("/werk-naar-werk/intake/", {**INTAKE, **data})
    assert response.status_code == 200 and message in response.content.decode()
    assert Trajectory.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"voucher-amount_cents": "", "voucher-source": "x"}, "Bedrag transitievoucher: vul het bedrag in."),
        (
            {"voucher-amount_cents": "100", "voucher-source": ""},
            "Besluit of bron: noem waar het bedrag vandaan komt.",
        ),
        ({"voucher-amount_cents": "-5", "voucher-source": "x"}, "minteken"),
    ],
)
def test_bad_voucher_input_names_the_field_and_stores_nothing(trajectory, consultant, data, message):
    response = logged_in(consultant).post(f"/werk-naar-werk/{trajectory.pk}/voucher/", data)
    assert response.status_code == 400 and message in response.content.decode()
    trajectory.refresh_from_db()
    assert trajectory.voucher is None


def test_every_read_is_audited(trajectory, consultant):
    logged_in(consultant).get(f"/werk-naar-werk/{trajectory.pk}/")
    assert [e.actor_name for e in reads_of(trajectory)] == ["karin"]


def test_who_may_open_a_trajectory(trajectory, other_consultant, resident, client):
    url = f"/werk-naar-werk/{trajectory.pk}/"
    no_team = factories.UserFactory(role=Role.CONSULTANT, username="zonder-team")
    coach = factories.UserFactory(role=Role.COACH, username="coach")
    adviser = factories.UserFactory(role=Role.POLICY_ADVISER, username="adviseur")
    assert logged_in(other_consultant).get(url).status_code == 404
    assert logged_in(no_team).get(url).status_code == 404
    assert "Petra" not in logged_in(no_team).get("/werk-naar-werk/").content.decode()
    assert "Petra" not in logged_in(other_consultant).get("/werk-naar-werk/").content.decode()
    for user in (resident, coach, adviser):
        assert logged_in(user).get(url).status_code == 403
        assert logged_in(user).get("/werk-naar-werk/").status_code == 403
    assert client.get(url).status_code == 302
    for path in ("stap/", "voucher/", "betalen/", "uitkomst/"):
        assert logged_in(other_consultant).post(url + path, {}).status_code == 404


def test_staff_without_a_team_cannot_take_an_intake(db):
    no_team = factories.UserFactory(role=Role.CONSULTANT, username="zonder-team")
    assert logged_in(no_team).post("/werk-naar-werk/intake/", INTAKE).status_code == 403
    assert Trajectory.objects.count() == 0
