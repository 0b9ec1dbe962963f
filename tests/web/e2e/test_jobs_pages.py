"""The background jobs' pages in a browser (issue 21 item 5): the waiting pages and the result pages
have no serious or critical axe violation. With ``MEEDOEN_SCREENS=<folder>`` each page is also
photographed at desktop and phone width (for the review, never in the repository)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from meedoen.web.accounts.models import Role
from meedoen.web.decisions.models import Decision
from meedoen.web.jobs.models import SimulationRun
from tests.signals.helpers import csv_text
from tests.web import factories
from tests.web.e2e.test_vroegsignalering import log_in
from tests.web.test_letters import decided

pytestmark = pytest.mark.e2e
SCREENS = os.environ.get("MEEDOEN_SCREENS", "")


def look(page: Page, axe, name: str) -> None:
    axe.scan(page)
    if SCREENS:
        for width, size in ((1280, "desktop"), (390, "phone")):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=str(Path(SCREENS) / f"{name}-{size}.png"), full_page=True)
        page.set_viewport_size({"width": 390, "height": 844})


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Uitloggen").click()


def test_the_job_pages_read_well(page: Page, axe, team, settings, monkeypatch, tmp_path):
    settings.SIGNALS_QUEUE_ABOVE_BYTES = 100
    settings.SIMULATION_HOUSEHOLDS = 300
    settings.MUNICIPALITY = "nijmegen"
    waiting: list = []
    monkeypatch.setattr("meedoen.web.queue.jobs.enqueue", lambda task, **kw: waiting.append((task, kw)))

    factories.UserFactory(role=Role.SIGNALS_LEAD, username="ingrid")
    log_in(page, "ingrid")
    path = tmp_path / "groot.csv"
    path.write_text(csv_text({}, {"bedrag": "-3"}, {}), encoding="utf-8")
    page.goto("/vroegsignalering/aanleveren/")
    page.get_by_label("Bestand met signalen (CSV)").set_input_files(str(path))
    page.get_by_role("button", name="Aanleveren").click()
    expect(page.get_by_text("wordt op de achtergrond verwerkt")).to_be_visible()
    look(page, axe, "upload-waiting")
    task, kwargs = waiting.pop()
    task(**kwargs)
    page.reload()
    expect(page.get_by_text("Regel 3, bedrag")).to_be_visible()
    look(page, axe, "upload-done")
    log_out(page)

    factories.UserFactory(role=Role.POLICY_ADVISER, username="tom")
    log_in(page, "tom")
    page.goto("/medewerkers/monitor/download.pdf?bron=demo&period=2024-T2", timeout=90000)
    expect(page.get_by_text("De PDF wordt gemaakt.")).to_be_visible()
    look(page, axe, "report-waiting")
    page.goto("/medewerkers/simulaties/")
    look(page, axe, "simulations")
    page.get_by_label("Meedoen-regeling Nijmegen verruimd tot 140 %", exact=False).check()
    page.get_by_label("Peildatum").fill("1-7-2026")
    page.get_by_role("button", name="Start de simulatie").click()
    expect(page.get_by_text("De simulatie wordt gemaakt.")).to_be_visible()
    look(page, axe, "simulation-waiting")
    task, kwargs = waiting.pop()
    task(**kwargs)
    page.reload()
    expect(page.get_by_role("link", name="Rapport (PDF)")).to_be_visible()
    look(page, axe, "simulation-done")
    assert SimulationRun.objects.get().status == "done"
    log_out(page)

    consultant = factories.UserFactory(role=Role.CONSULTANT, team=team, username="karin")
    resident = factories.ResidentFactory(postcode="6521 AB")
    from meedoen.web.applications import drafts
    from tests.web.conftest import ANSWERS

    [application] = drafts.submit(factories.draft_for(resident, ANSWERS, schemes=("meedoenregeling",)))
    Decision.objects.filter(application=application).delete()  # the test decides itself
    decision = decided(application, by=consultant)
    log_in(page, "karin")
    page.goto(f"/besluiten/{decision.public_id}/brief.pdf")
    expect(page.get_by_role("heading", name="De brief wordt gemaakt")).to_be_visible()
    look(page, axe, "letter-waiting")
    assert axe.violations == [], "\n".join(axe.violations)
