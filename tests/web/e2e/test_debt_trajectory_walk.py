"""Debt help as a trajectory in Chromium, and the youth fund's remaining pages: the outreach worker opens
the trajectory from the case, puts two debts in the inventory (first with a bad amount), chooses a
schuldregeling, marks the person as young, and refers them to the Jongerenperspectieffonds; the policy
adviser reads the fund's quarter figures. Scanned with axe-core and photographed at 390 and 1280 px."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from meedoen.web.accounts.models import Role
from meedoen.web.debthelp.models import Debt, Trajectory
from meedoen.web.vroegsignalering.debt_help import start_debt_help
from meedoen.web.vroegsignalering.models import SignalCase
from meedoen.web.youthfund.models import Trajectory as YouthTrajectory
from tests.web import factories
from tests.web.e2e.test_accessibility import log_in_staff
from tests.web.e2e.walk import Walk
from tests.web.vroegsignalering.conftest import store

pytestmark = pytest.mark.e2e


def test_inventory_route_and_referral_to_the_youth_fund(page: Page, axe, team):
    walk = Walk(page, axe, "debt-trajectory-walk")
    factories.UserFactory(username="fatima", role=Role.OUTREACH_WORKER, team=team)
    factories.UserFactory(username="tom", role=Role.POLICY_ADVISER)
    store({"huisnummer": "1"})
    case = SignalCase.objects.get()
    help_ = start_debt_help(case, "", dt.date.today())
    today = dt.date.today()

    log_in_staff(page, "fatima")
    page.goto(f"/vroegsignalering/zaak/{case.pk}/")
    page.get_by_role("link", name="Schuldhulptraject: schulden, route en nazorg").click()
    expect(page.get_by_role("heading", name="Traject schuldhulp")).to_be_visible()
    page.get_by_label("Schuldeiser").fill("Woningcorporatie")
    page.get_by_label("Bedrag").fill("1250.00")
    page.get_by_role("button", name="Schuld toevoegen").click()
    expect(page.locator("#id_schuld-amount_cents_error")).to_contain_text("komma")
    assert Debt.objects.count() == 0
    walk.step("schuld-fout")
    page.get_by_label("Bedrag").fill("1.250,00")
    page.get_by_role("button", name="Schuld toevoegen").click()
    page.get_by_label("Schuldeiser").fill("Energieleverancier")
    page.get_by_label("Bedrag").fill("310,40")
    page.get_by_role("button", name="Schuld toevoegen").click()
    expect(page.get_by_test_id("debt-total")).to_have_text("€\u00a01.560,40")
    page.get_by_label("Fase").select_option("route")
    page.locator("#id_fase-route").select_option("schuldregeling")
    page.get_by_label("Route gestart op").fill(today.isoformat())
    page.get_by_role("button", name="Fase opslaan").click()
    expect(page.get_by_test_id("phase")).to_contain_text("Route loopt")
    page.get_by_label("Geboortedatum").fill(today.replace(year=today.year - 23).isoformat())
    page.get_by_role("button", name="Kenmerken opslaan").click()
    expect(page.get_by_text("Jongere (onder 27)")).to_be_visible()
    walk.step("schuldhulptraject")
    assert Trajectory.objects.get(debt_help=help_).route == "schuldregeling"

    page.get_by_role("link", name="Verwijs naar het Jongerenperspectieffonds").click()
    page.get_by_label("Naam").fill("Noor Bakker")
    page.get_by_label("Geboortedatum").fill(today.replace(year=today.year - 23).isoformat())
    page.get_by_label("Postcode").fill("6521 AB")
    page.get_by_label("Verwezen door schuldhulp").check()
    page.get_by_role("button", name="Verwijzen").click()
    expect(page.get_by_text("Noor Bakker is verwezen naar het Jongerenperspectieffonds.")).to_be_visible()
    walk.step("verwezen")
    assert YouthTrajectory.objects.get().route == "schuldhulp"
    walk.log_out()

    log_in_staff(page, "tom")
    page.get_by_role("link", name="Jongerenfonds in cijfers").click()
    expect(page.get_by_role("row", name=f"{today.year} K{(today.month - 1) // 3 + 1}")).to_contain_text("1")
    walk.step("cijfers")
    assert axe.violations == [], "\n".join(axe.violations)
