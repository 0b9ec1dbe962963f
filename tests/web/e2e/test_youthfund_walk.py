"""The Jongerenperspectieffonds in Chromium, from application to debts paid: the resident applies (first
too old), the team lead adds the fund's budget and chooses a coach, the coach records the agreement and
the debts, pays two creditors out of the fund (the ledger balance goes down by exactly those payments),
a third payment above what is left is refused, and the trajectory is completed. Every step is scanned
with axe-core and photographed at 390 and 1280 px (tests/web/e2e/walk.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from meedoen.web.accounts.models import Role
from meedoen.web.ledger.consistency import problems
from meedoen.web.youthfund.models import Status, Trajectory
from meedoen.web.youthfund.views import fund_budget
from tests.web import factories
from tests.web.e2e.test_accessibility import log_in_staff
from tests.web.e2e.walk import Walk

pytestmark = pytest.mark.e2e
BSN = "999990019"


def test_application_to_debts_paid(page: Page, axe, team):
    walk = Walk(page, axe, "youthfund-walk")
    factories.ResidentFactory(bsn=BSN, postcode="6521 AB", first_name="Jesse", last_name="de Vries")
    factories.UserFactory(username="petra", role=Role.TEAM_LEAD, team=team, first_name="Petra")
    factories.UserFactory(username="sanne", role=Role.COACH, first_name="Sanne", last_name="Visser")
    today = dt.date.today()

    page.goto("/inloggen/")
    page.get_by_label("Burgerservicenummer (BSN)").fill(BSN)
    page.get_by_role("button", name="Inloggen").click()
    page.goto("/jongerenfonds/aanvragen/")
    expect(page.get_by_role("heading", name="Hulp bij schulden voor jongeren")).to_be_visible()
    page.get_by_label("Geboortedatum").fill(today.replace(year=today.year - 30).isoformat())
    page.get_by_label("Wat is uw situatie?").fill("Schulden bij de zorgverzekeraar en DUO.")
    page.get_by_role("button", name="Aanvraag versturen").click()
    expect(
        page.get_by_text("Geboortedatum: het fonds is voor jongeren van 18 tot en met 27 jaar.")
    ).to_be_visible()
    assert Trajectory.objects.count() == 0
    walk.step("aanvraag-te-oud")
    page.get_by_label("Geboortedatum").fill(today.replace(year=today.year - 22).isoformat())
    page.get_by_role("button", name="Aanvraag versturen").click()
    expect(page.get_by_role("heading", name="Uw aanvraag is verstuurd")).to_be_visible()
    walk.step("aanvraag-verstuurd")
    walk.log_out()

    log_in_staff(page, "petra")
    page.get_by_role("link", name="Jongerenfonds", exact=True).click()
    page.get_by_label("Budget erbij").fill("1.000,00")
    page.get_by_label("Besluit of bron").fill("Raadsbesluit Jongerenperspectieffonds 2026")
    page.get_by_role("button", name="Budget toevoegen").click()
    expect(page.get_by_test_id("fund-balance")).to_have_text("€\u00a01.000,00")
    walk.step("teamleider-trajecten")
    page.get_by_role("link", name="Jesse de Vries").click()
    page.get_by_label("Trajectcoach").select_option(label="Sanne Visser")
    page.get_by_role("button", name="Coach kiezen").click()
    expect(page.get_by_text("Sanne Visser is de trajectcoach.")).to_be_visible()
    walk.step("coach-gekozen")
    walk.log_out()

    log_in_staff(page, "sanne")
    page.get_by_role("link", name="Jongerenfonds", exact=True).click()
    expect(page.get_by_role("heading", name="Mijn jongeren")).to_be_visible()
    page.get_by_role("link", name="Jesse de Vries").click()
    page.get_by_label("Tegenprestatie").fill("Jesse volgt de opleiding MBO logistiek tot juli 2027.")
    page.get_by_role("button", name="Afspraken vastleggen").click()
    expect(page.get_by_text("De afspraken zijn vastgelegd.")).to_be_visible()
    for creditor, amount in (("CZ zorgverzekeraar", "450,50"), ("DUO", "400"), ("Belastingdienst", "200")):
        page.get_by_label("Schuldeiser").fill(creditor)
        page.get_by_label("Bedrag").fill(amount)
        page.get_by_role("button", name="Schuld toevoegen").click()
        expect(page.get_by_text("De schuld staat in het overzicht.")).to_be_visible()
    expect(page.get_by_test_id("open-debts")).to_have_text("€\u00a01.050,50")
    walk.step("schulden")
    page.get_by_role("button", name="Betalen: CZ zorgverzekeraar").click()
    expect(page.get_by_text("De schuld bij CZ zorgverzekeraar is betaald.")).to_be_visible()
    page.get_by_role("button", name="Betalen: DUO").click()
    expect(page.get_by_test_id("fund-balance")).to_have_text("€\u00a0149,50")
    walk.step("twee-schulden-betaald")
    page.get_by_role("button", name="Betalen: Belastingdienst").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Betaling aan Belastingdienst: het bedrag van €\u00a0200,00 is meer dan er nog in het budget zit "
        "(€\u00a0149,50). Er is niets betaald."
    )
    walk.step("betaling-geweigerd")
    account = fund_budget().account
    assert account.balance_cents == 100_000 - 45_050 - 40_000
    assert sorted(account.entries.values_list("amount_cents", flat=True)) == [-45_050, -40_000, 100_000]

    page.get_by_label("Voortgang").fill("Eerste blok van de opleiding gehaald.")
    page.get_by_role("button", name="Voortgang vastleggen").click()
    page.get_by_label("Afgerond: afspraken nagekomen").check()
    page.get_by_role("button", name="Traject beëindigen").click()
    expect(page.get_by_test_id("status")).to_have_text("Afgerond")
    walk.step("afgerond")
    assert Trajectory.objects.get().status == Status.COMPLETED
    assert problems() == []
    assert axe.violations == [], "\n".join(axe.violations)
