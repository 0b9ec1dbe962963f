"""Case work in a real browser, with an axe-core scan of every case-work page on the way.

Consultant: log in -> Klanten -> a client -> bad input, then a plan made together -> an instrument
-> the page to end the benefit. Policy adviser: log in -> Monitor (the dashboard).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from playwright.sync_api import Page, expect

from meedoen.web.accounts.models import Role
from meedoen.web.casework.models import Plan
from tests.web import factories
from tests.web.e2e.test_accessibility import log_in_staff

pytestmark = pytest.mark.e2e
# Opening the dashboard builds the management report (every chart): seconds, more on a busy machine.
BUILD_MS = 120_000


def test_consultant_makes_a_plan_and_deploys_an_instrument(page: Page, axe, team):
    consultant = factories.UserFactory(username="karin", role=Role.CONSULTANT, team=team)
    client = factories.casework_client(team, consultant, spell_start=dt.date(2024, 2, 1))
    name = client.resident.display_name
    log_in_staff(page, "karin")
    page.goto("/medewerkers/")
    page.get_by_role("link", name="Klanten").click()
    expect(page.get_by_role("heading", name="Mijn klanten")).to_be_visible()
    expect(page.get_by_role("row", name=name)).to_contain_text("Nog geen plan")
    axe.scan(page)
    page.get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible()
    axe.scan(page)

    page.get_by_role("link", name="Plan maken met de inwoner").click()
    page.get_by_role("button", name="Plan opslaan").click()
    expect(page.locator("#id_goals_error")).to_have_text("Schrijf de doelen op zoals de inwoner ze zegt.")
    axe.scan(page)  # the plan form with every error
    review = dt.date.today() + dt.timedelta(days=90)
    page.get_by_label("Doelen in de woorden van de inwoner").fill("Ik wil weer onder de mensen zijn.")
    page.get_by_label("Eerste afgesproken stap: wat").fill("Gesprek met de jobcoach")
    page.get_by_label("Wie doet dit").fill("consulent")
    page.get_by_label("Wanneer is deze stap klaar").fill(
        (dt.date.today() + dt.timedelta(days=14)).isoformat()
    )
    page.get_by_label("Wanneer bespreken we het plan opnieuw").fill(review.isoformat())
    page.get_by_label("Ik heb dit plan samen met de inwoner gemaakt").check()
    page.get_by_role("button", name="Plan opslaan").click()
    expect(page.get_by_text("Het plan is opgeslagen.")).to_be_visible()
    expect(page.get_by_text("Ik wil weer onder de mensen zijn.")).to_be_visible()
    assert Plan.objects.get(client=client).review_on == review
    page.get_by_role("button", name="Gedaan: Gesprek met de jobcoach").click()
    expect(page.get_by_text("Stap 'Gesprek met de jobcoach' is gedaan.")).to_be_visible()

    page.get_by_role("button", name="Instrument vastleggen").click()  # nothing chosen
    expect(page.locator("#id_instrument-kind_error")).to_have_text("Kies welk instrument u inzet.")
    axe.scan(page)  # the case page with a plan, the step form and an error
    page.get_by_label("Instrument", exact=True).select_option("jobcoaching")
    page.locator("#id_instrument-start_date").fill("2024-03-01")
    page.get_by_role("button", name="Instrument vastleggen").click()
    expect(page.get_by_text("Het instrument is vastgelegd.")).to_be_visible()
    expect(page.get_by_role("row", name="Jobcoaching")).to_contain_text("01-03-2024")

    page.get_by_role("link", name="Beëindigen: uitkering vanaf 01-02-2024").click()
    expect(page.get_by_role("heading", name="De uitkering beëindigen")).to_be_visible()
    axe.scan(page)
    page.goto("/medewerkers/klanten/?who=team&review=none")
    axe.scan(page)

    # The team lead chooses the fixed contact person.
    factories.UserFactory(username="bas", role=Role.CONSULTANT, team=team, first_name="Bas", last_name="Kok")
    factories.UserFactory(username="petra", role=Role.TEAM_LEAD, team=team)
    page.get_by_role("button", name="Uitloggen").click()
    log_in_staff(page, "petra")
    page.goto(f"/medewerkers/klanten/{client.pk}/")
    axe.scan(page)
    page.get_by_label("Vaste contactpersoon").select_option(label="Bas Kok")
    page.get_by_role("button", name="Contactpersoon kiezen").click()
    expect(page.get_by_text("Bas Kok is nu de vaste contactpersoon.")).to_be_visible()
    assert axe.violations == [], "\n".join(axe.violations)


def test_policy_adviser_opens_the_dashboard(page: Page, axe, team):
    cache.clear()  # no dashboard report from an earlier test (they are reused for 10 minutes)
    factories.UserFactory(username="beleid", role=Role.POLICY_ADVISER)
    for _ in range(3):
        factories.casework_client(team, spell_start=dt.date(2023, 2, 1))
    factories.casework_client(
        team, spell_start=dt.date(2023, 1, 2), spell_end=dt.date(2023, 3, 31), reason="work"
    )
    factories.casework_client(team, spell_start=dt.date(2024, 12, 31))
    log_in_staff(page, "beleid")
    page.goto("/medewerkers/")
    page.get_by_role("link", name="Monitor").click(timeout=BUILD_MS)
    expect(page.get_by_role("heading", name="Monitor Werk en Inkomen")).to_be_visible()
    expect(page.get_by_text("Bron: de klantbegeleiding in deze applicatie")).to_be_visible()
    expect(page.get_by_role("row", name="Personen met bijstand op de laatste dag")).to_contain_text("<10")
    axe.scan(page)
    page.get_by_label("Periode").select_option("2024-T1")
    page.get_by_role("button", name="Tonen").click(timeout=BUILD_MS)
    expect(page.get_by_role("heading", name="2024-T1: januari t/m april 2024, Nijmegen")).to_be_visible()
    assert axe.violations == [], "\n".join(axe.violations)


@pytest.mark.parametrize("width", [390, 1280], ids=["phone", "desktop"])
def test_the_dashboard_of_the_demo_city_draws_every_chart(page: Page, axe, width, tmp_path):
    """The demo city (Arnhem-sized): every chart is drawn with data, dates on the time axes, no
    negative counts, no server path, no sideways scrolling on a phone, and axe finds nothing."""
    cache.clear()
    factories.UserFactory(username="beleid", role=Role.POLICY_ADVISER)
    page.set_viewport_size({"width": width, "height": 900})
    log_in_staff(page, "beleid")
    page.goto("/medewerkers/monitor/?bron=demo&period=2024-T2", timeout=BUILD_MS)
    expect(page.get_by_role("heading", name="Ambitie: Doorbraak naar Werk")).to_be_visible()
    charts = page.locator("figure img.meedoen-chart")
    assert charts.count() == 9  # ambition, stock, flows, durable, lks, debt, SK, density, map
    # share of pixels that are not white, per chart: an axis frame alone is well under 1 %
    inked = page.evaluate(
        """() => [...document.querySelectorAll('figure img.meedoen-chart')].map(img => {
            const c = document.createElement('canvas');
            c.width = img.naturalWidth; c.height = img.naturalHeight;
            const g = c.getContext('2d'); g.drawImage(img, 0, 0);
            const d = g.getImageData(0, 0, c.width, c.height).data; let n = 0;
            for (let i = 0; i < d.length; i += 4) if (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200) n++;
            return n / (c.width * c.height); })"""
    )
    assert all(share > 0.01 for share in inked), inked
    text = page.locator("main").inner_text()
    assert "/tmp" not in text and "/work" not in text and "var/" not in text
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shots = tmp_path if not (folder := __import__("os").environ.get("MEEDOEN_SCREENSHOTS")) else folder
    page.screenshot(path=f"{shots}/dashboard-{width}.png", full_page=True)
    axe.scan(page)
    assert axe.violations == [], "\n".join(axe.violations)
