"""Review sampling (issue 15, item 3): a share of the automated decisions per scheme is drawn at random
with a recorded seed, a consultant records agree / correct with a reason, the back office shows the
agreement rate per scheme and month (team lead and admin; the policy adviser sees aggregates only)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from meedoen.web.accounts.models import Role
from meedoen.web.audit.models import AuditEntry
from meedoen.web.decisions import review
from meedoen.web.decisions.models import Decision, Outcome, Review, ReviewDraw
from tests.web import factories
from tests.web.conftest import ANSWERS, logged_in

MONTH = dt.date(2026, 5, 1)


def automated_decisions(
    team, n: int, scheme: str = "meedoenregeling", month: dt.date = MONTH
) -> list[Decision]:
    """``n`` automated decisions of the team in ``month`` (made directly: the policy is tested elsewhere)."""
    out = []
    for i in range(n):
        resident = factories.ResidentFactory(postcode="6521 AB", first_name=f"Inwoner{i}")
        submission = factories.draft_for(resident, ANSWERS, schemes=(scheme,))
        submission.team, submission.submitted_at = team, timezone.now()
        submission.save()
        application = submission.applications.create(scheme_id=scheme, scheme_name="Meedoen-regeling")
        decision = Decision.objects.create(
            application=application,
            outcome=Outcome.GRANTED,
            amount_cents=15000,
            period="year",
            peildatum=month,
            automated=True,
            basis="machine",
            parameter_version="parameters-test",
        )
        at = dt.datetime.combine(month + dt.timedelta(days=i % 27), dt.time(10), tzinfo=dt.UTC)
        Decision.objects.filter(pk=decision.pk).update(decided_at=at)
        out.append(decision)
    return out


@pytest.fixture
def team_lead(team):
    return factories.UserFactory(role=Role.TEAM_LEAD, team=team, username="petra")


def test_the_selection_is_reproducible_from_the_seed_and_takes_the_share():
    population = list(range(1, 101))
    first = review.selection(population, 0.05, 12345)
    assert len(first) == 5 and first == review.selection(list(reversed(population)), 0.05, 12345)
    assert first != review.selection(population, 0.05, 54321)
    assert len(review.selection(list(range(7)), 0.05, 1)) == 1  # ceil: at least one of a few
    assert review.selection([], 0.05, 1) == [] and review.selection([1, 2], 0, 1) == []


def test_a_draw_records_population_share_and_seed_and_reproduces(team, team_lead):
    decisions = automated_decisions(team, 40)
    automated_decisions(team, 3, month=dt.date(2026, 4, 1))  # another month: not in this draw
    sample = review.draw(team, "meedoenregeling", MONTH, by=team_lead, seed=2026)
    assert sample.share == 0.05 and sample.seed == 2026 and sample.population.count() == 40
    drawn = sorted(sample.reviews.values_list("decision_id", flat=True))
    assert len(drawn) == 2  # ceil(5 % of 40)
    assert drawn == review.reproduce(sample) == review.selection([d.pk for d in decisions], 0.05, 2026)
    with pytest.raises(review.NothingToDraw):  # every decision of the month was drawn over already
        review.draw(team, "meedoenregeling", MONTH, by=team_lead)
    later = review.draw(team, "meedoenregeling", dt.date(2026, 4, 1), by=team_lead)
    assert later.population.count() == 3 and later.reviews.count() == 1 and later.seed != 2026


def test_agreement_rate_per_scheme_and_month(team, team_lead):
    automated_decisions(team, 60)
    sample = review.draw(team, "meedoenregeling", MONTH, by=team_lead, seed=7)
    items = list(sample.reviews.all())
    assert len(items) == 3
    for item, verdict in zip(items, ("agree", "agree", "correct"), strict=True):
        Review.objects.filter(pk=item.pk).update(verdict=verdict, reason="x", reviewed_at=timezone.now())
    [row] = review.agreement(Review.objects.all())
    assert (row.scheme_name, row.month, row.drawn, row.reviewed, row.agreed) == (
        "Meedoen-regeling",
        MONTH,
        3,
        3,
        2,
    )
    assert row.rate == pytest.approx(2 / 3)


def test_the_team_lead_draws_from_the_back_office_and_sees_the_rate(team, team_lead):
    automated_decisions(team, 30)
    client = logged_in(team_lead)
    page = client.get("/medewerkers/steekproef/").content.decode()
    assert "Meedoen-regeling, 05-2026 (30 automatische besluiten)" in page
    bad = client.post("/medewerkers/steekproef/trekken/", {"group": "meedoenregeling|1999-01"})
    assert bad.status_code == 400 and "Kies een regeling en een maand uit de lijst" in bad.content.decode()
    empty = client.post("/medewerkers/steekproef/trekken/", {})
    assert empty.status_code == 400 and "Kies een regeling en een maand." in empty.content.decode()
    assert not ReviewDraw.objects.exists()
    done = client.post("/medewerkers/steekproef/trekken/", {"group": "meedoenregeling|2026-05"}, follow=True)
    text = done.content.decode()
    sample = ReviewDraw.objects.get()
    assert f"Steekproef getrokken: 2 van 30 besluiten (5%), seed {sample.seed}." in text
    assert "nog niet nagekeken" in text and "mei 2026" in text


def test_a_consultant_gives_a_second_look_with_a_reason(team, consultant, team_lead):
    automated_decisions(team, 20)
    sample = review.draw(team, "meedoenregeling", MONTH, by=team_lead, seed=3)
    [item] = sample.reviews.all()
    client = logged_in(consultant)
    todo = client.get("/medewerkers/tweede-blik/").content.decode()
    assert "Nog nakijken" in todo and item.decision.application.submission.resident.display_name in todo
    url = f"/medewerkers/tweede-blik/{item.decision.public_id}/"
    page = client.get(url).content.decode()
    assert "Tweede blik: Meedoen-regeling" in page and str(sample.seed) in page
    assert AuditEntry.objects.filter(
        what=f"besluit {item.decision.public_id}", actor_id=consultant.pk
    ).exists()
    refused = client.post(url, {"verdict": "correct", "reason": ""})
    assert (
        refused.status_code == 400
        and "Leg uit wat er anders moet aan dit besluit." in refused.content.decode()
    )
    assert client.post(url, {}).status_code == 400
    item.refresh_from_db()
    assert not item.done
    client.post(url, {"verdict": "correct", "reason": "Het huishouden heeft twee volwassenen: 300 euro."})
    item.refresh_from_db()
    assert item.verdict == "correct" and item.reviewer == consultant and item.reviewed_at
    again = client.post(url, {"verdict": "agree"}, follow=True)
    assert "Dit besluit is al nagekeken." in again.content.decode()
    item.refresh_from_db()
    assert item.verdict == "correct"
    rates = logged_in(team_lead).get("/medewerkers/steekproef/").content.decode()
    assert "0%" in rates  # 0 of 1 agreed


def test_the_policy_adviser_and_the_admin_see_aggregates_never_a_person(team, team_lead):
    decisions = automated_decisions(team, 20)
    review.draw(team, "meedoenregeling", MONTH, by=team_lead, seed=3)
    name = decisions[0].application.submission.resident.display_name
    for role in (Role.POLICY_ADVISER, Role.ADMIN):
        page = logged_in(factories.UserFactory(role=role)).get("/medewerkers/steekproef/").content.decode()
        assert "Instemming per regeling en maand" in page and "Meedoen-regeling" in page
        assert "Inwoner" not in page.split("<main", 1)[-1] or name not in page
        assert "Steekproef trekken" not in page
    admin_page = logged_in(factories.UserFactory(role=Role.ADMIN)).get("/medewerkers/steekproef/").content
    assert b"Wijkteam Oost" in admin_page  # the draw log with its team, seed and counts


def test_a_team_lead_sees_only_the_own_teams_rates(team, other_team, team_lead):
    other_lead = factories.UserFactory(role=Role.TEAM_LEAD, team=other_team)
    automated_decisions(team, 20)
    review.draw(team, "meedoenregeling", MONTH, by=team_lead, seed=3)
    page = logged_in(other_lead).get("/medewerkers/steekproef/").content.decode()
    assert "Nog geen steekproef getrokken." in page


@pytest.mark.parametrize(
    ("who", "overview", "draw", "todo", "item"),
    [
        ("anonymous", 302, 302, 302, 302),
        ("resident", 403, 403, 403, 403),
        ("consultant", 403, 403, 200, 200),
        ("other_consultant", 403, 403, 200, 404),
        ("teamless_consultant", 403, 403, 403, 403),
        ("teamless_team_lead", 200, 403, 403, 403),
        ("policy_adviser", 200, 403, 403, 403),
        ("admin", 200, 403, 403, 403),
        ("jurist", 403, 403, 403, 403),
        ("provider", 403, 403, 403, 403),
    ],
)
def test_who_may_open_what(request, team, team_lead, who, overview, draw, todo, item):
    automated_decisions(team, 20)
    sample = review.draw(team, "meedoenregeling", MONTH, by=team_lead, seed=3)
    [chosen] = sample.reviews.all()
    automated_decisions(team, 2, month=dt.date(2026, 3, 1))  # still open to a draw
    roles = {
        "resident": lambda: factories.ResidentFactory(),
        "consultant": lambda: request.getfixturevalue("consultant"),
        "other_consultant": lambda: request.getfixturevalue("other_consultant"),
        "teamless_consultant": lambda: factories.UserFactory(role=Role.CONSULTANT, team=None),
        "teamless_team_lead": lambda: factories.UserFactory(role=Role.TEAM_LEAD, team=None),
        "policy_adviser": lambda: factories.UserFactory(role=Role.POLICY_ADVISER),
        "admin": lambda: factories.UserFactory(role=Role.ADMIN),
        "jurist": lambda: factories.UserFactory(role=Role.JURIST),
        "provider": lambda: factories.UserFactory(role=Role.PROVIDER),
    }
    client = Client() if who == "anonymous" else logged_in(roles[who]())
    assert client.get("/medewerkers/steekproef/").status_code == overview
    assert (
        client.post("/medewerkers/steekproef/trekken/", {"group": "meedoenregeling|2026-03"}).status_code
        == draw
    )
    assert ReviewDraw.objects.count() == 1
    assert client.get("/medewerkers/tweede-blik/").status_code == todo
    url = f"/medewerkers/tweede-blik/{chosen.decision.public_id}/"
    assert client.get(url).status_code == item
    assert client.post(url, {"verdict": "agree"}).status_code in {item, 302} - {200}
    chosen.refresh_from_db()
    assert chosen.done == (item == 200)
