"""Simulations started from the web (issue 21 item 5): a policy adviser starts ``meedoen simulate``
with a bundled reform, a job runs it, the result page links the report (HTML and PDF)."""

from __future__ import annotations

import pytest
from django.test import Client

from meedoen.web.accounts.models import Role
from meedoen.web.jobs import simulation
from meedoen.web.jobs.models import SimulationRun, Status
from tests.web import factories
from tests.web.conftest import logged_in

pytestmark = pytest.mark.django_db
URL = "/medewerkers/simulaties/"
START = {"reform": "nijmegen_meedoenregeling_120", "peildatum": "1-7-2026"}


@pytest.fixture(autouse=True)
def small_population(settings):
    settings.MUNICIPALITY = "nijmegen"
    settings.SIMULATION_HOUSEHOLDS = 300


@pytest.fixture
def adviser(db):
    return factories.UserFactory(role=Role.POLICY_ADVISER, username="tom")


@pytest.fixture
def queued(monkeypatch):
    waiting: list[dict] = []
    monkeypatch.setattr("meedoen.web.queue.jobs.enqueue", lambda task, **kwargs: waiting.append(kwargs))
    return waiting


def test_the_page_offers_the_municipalitys_bundled_reforms_only():
    found = simulation.reforms("nijmegen")
    assert set(found) == {"nijmegen_meedoenregeling_120", "nijmegen_meedoenregeling_140"}
    assert found["nijmegen_meedoenregeling_120"].startswith("Meedoen-regeling Nijmegen tot 120 %")
    assert set(simulation.reforms("arnhem")) == {"arnhem_iit_120", "arnhem_iit_120_budgetneutraal"}


def test_the_adviser_starts_a_simulation_and_gets_the_report(adviser, queued):
    client = logged_in(adviser)
    page = client.get(URL).content.decode()
    assert "Meedoen-regeling Nijmegen tot 120 %" in page and "arnhem_iit_120" not in page
    started = client.post(URL, START)
    run = SimulationRun.objects.get()
    assert started.status_code == 302 and started["Location"] == f"{URL}{run.pk}/"
    assert queued == [{"run_id": run.pk}] and run.started_by == adviser and run.households == 300
    waiting = client.get(started["Location"]).content.decode()
    assert "De simulatie wordt gemaakt" in waiting and "Kijk of de simulatie klaar is" in waiting
    assert client.get(f"{URL}{run.pk}/simulatie.pdf").status_code == 404  # not before it is done

    simulation.run_simulation(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == Status.DONE and run.summary["households"] == 300
    page = client.get(started["Location"]).content.decode()
    assert "Rapport (PDF)" in page and "wordt gemaakt" not in page
    pdf = client.get(f"{URL}{run.pk}/simulatie.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    html = client.get(f"{URL}{run.pk}/simulatie.html")
    assert html.status_code == 200 and "Meedoen-regeling Nijmegen tot 120 %" in html.content.decode()
    assert f"{URL}{run.pk}/" in client.get(URL).content.decode()  # in the list of runs


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"reform": "", "peildatum": "1-7-2026"}, "Kies een hervorming."),
        ({"reform": "arnhem_iit_120", "peildatum": "1-7-2026"}, "Kies een hervorming uit de lijst."),
        ({"reform": "../../etc/passwd", "peildatum": "1-7-2026"}, "Kies een hervorming uit de lijst."),
        ({"reform": "nijmegen_meedoenregeling_120", "peildatum": "31-2-2026"}, "Vul de peildatum in als"),
        ({"reform": "nijmegen_meedoenregeling_120", "peildatum": ""}, "Vul een peildatum in."),
    ],
)
def test_bad_input_names_the_field_and_starts_nothing(adviser, queued, data, message):
    response = logged_in(adviser).post(URL, data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not SimulationRun.objects.exists() and queued == []


def test_a_date_without_figures_fails_with_the_reason_and_is_not_retried(adviser):
    run = SimulationRun.objects.create(
        municipality="nijmegen", reform="nijmegen_meedoenregeling_120", peildatum="1990-01-01", households=300
    )
    simulation.run_simulation(run_id=run.pk)  # no exception: retrying would not help
    run.refresh_from_db()
    assert run.status == Status.FAILED and run.problem.startswith("De simulatie kan niet worden gemaakt")
    page = logged_in(adviser).get(f"{URL}{run.pk}/").content.decode()
    assert "Niet gelukt" in page and "De simulatie kan niet worden gemaakt" in page


def test_only_the_figures_roles_start_or_see_simulations(team, other_team, resident, adviser, queued):
    run = SimulationRun.objects.create(
        municipality="nijmegen", reform="nijmegen_meedoenregeling_120", peildatum="2026-07-01", status="done"
    )
    urls = [URL, f"{URL}{run.pk}/", f"{URL}{run.pk}/simulatie.pdf", f"{URL}{run.pk}/simulatie.html"]
    for user in (
        resident,
        factories.UserFactory(role=Role.CONSULTANT, team=other_team, username="anders"),
        factories.UserFactory(role=Role.CONSULTANT, team=None, username="zonderteam"),
        factories.UserFactory(role=Role.JURIST, username="jurist"),
        factories.UserFactory(role=Role.SIGNALS_LEAD, username="ingrid"),
        factories.UserFactory(role=Role.PROVIDER, username="aanbieder"),
    ):
        client = logged_in(user)
        for url in urls:
            assert client.get(url).status_code == 403, (user.username, url)
        assert client.post(URL, START).status_code == 403
    for url in urls:
        response = Client().get(url)
        assert response.status_code == 302 and "/inloggen/" in response["Location"]
    assert Client().post(URL, START).status_code == 302
    assert SimulationRun.objects.count() == 1 and queued == []
    # another municipality's run is not found
    elsewhere = SimulationRun.objects.create(
        municipality="arnhem", reform="arnhem_iit_120", peildatum="2026-07-01"
    )
    assert logged_in(adviser).get(f"{URL}{elsewhere.pk}/").status_code == 404
    # a team lead without a team: simulations are of a synthetic population, not team-bound
    lead = factories.UserFactory(role=Role.TEAM_LEAD, team=None, username="leidzonder")
    assert logged_in(lead).get(f"{URL}{run.pk}/").status_code == 200
