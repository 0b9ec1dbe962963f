"""Werk naar werk in Chromium: the consultant takes the intake (first without who referred), adds a
step to the plan, grants a transitievoucher with the decision it comes from (Nijmegen has no official
amount, so it is typed in), pays a training out of it (the ledger balance goes down by that payment),
is refused a second payment above what is left, and records the outcome, which the team's page counts.
Every step is scanned with axe-core and photographed at 390 and 1280 px (tests/web/e2e/walk.py)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from meedoen.web.accounts.models import Role
from meedoen.web.ledger.consistency import problems
from meedoen.web.rmt.models import Trajectory
from tests.web import factories
from tests.web.e2e.test_accessibility import log_in_staff
from tests.web.e2e.walk import Walk

pytestmark = pytest.mark.e2e


def test_a_voucher_spent_on_training(page: Page, axe, team):
    walk = Walk(page, axe, "rmt-walk")
    factories.UserFactory(username="karin", role=Role.CONSULTANT, team=team, first_name="Karin")
    log_in_staff(page, "karin")
    page.get_by_role("link", name="Werk naar werk").click()
    expect(page.get_by_role("heading", name="Werk naar werk, Wijkteam Oost")).to_be_visible()
    walk.step("werk-naar-werk")
    page.get_by_role("link", name="Nieuwe aanmelding: intake vastleggen").click()
    page.get_by_label("Naam").fill("Petra Jansen")
    page.get_by_label("Postcode").fill("6521 CD")
    page.get_by_label("Huidige werkgever").fill("Drukkerij Oost")
    page.get_by_label("Datum intake").fill("2026-11-02")
    page.get_by_label("Doelen").fill("Werk in de logistiek, met een heftruckcertificaat.")
    page.get_by_role("button", name="Intake opslaan").click()
    expect(page.get_by_text("Aangemeld door: kies wie de persoon aanmeldt.")).to_be_visible()
    assert Trajectory.objects.count() == 0
    walk.step("intake-fout")
    page.get_by_label("Werkgever", exact=True).check()
    page.get_by_role("button", name="Intake opslaan").click()
    expect(page.get_by_role("heading", name="Petra Jansen")).to_be_visible()

    page.get_by_label("Stap", exact=True).fill("Heftruckcertificaat halen")
    page.get_by_label("Klaar op").fill("2027-01-15")
    page.get_by_role("button", name="Stap toevoegen").click()
    expect(page.get_by_text("De stap staat in het plan.")).to_be_visible()
    walk.step("plan")
    page.get_by_label("Bedrag transitievoucher").fill("2.000,00")
    page.get_by_label("Besluit of bron").fill("Besluit RMT Rijk van Nijmegen, 2 november 2026")
    page.get_by_role("button", name="Voucher toekennen").click()
    expect(page.get_by_test_id("voucher-balance")).to_have_text("€\u00a02.000,00")
    page.get_by_label("Opleider").fill("ROC Nijmegen")
    page.get_by_label("Opleiding").fill("Heftruckcertificaat")
    page.get_by_label("Bedrag", exact=True).fill("1.250,00")
    page.get_by_role("button", name="Betalen uit de voucher").click()
    expect(page.get_by_text("Heftruckcertificaat is betaald uit de voucher.")).to_be_visible()
    expect(page.get_by_test_id("voucher-balance")).to_have_text("€\u00a0750,00")
    walk.step("opleiding-betaald")
    page.get_by_label("Opleider").fill("ROC Nijmegen")
    page.get_by_label("Opleiding").fill("VCA")
    page.get_by_label("Bedrag", exact=True).fill("800")
    page.get_by_role("button", name="Betalen uit de voucher").click()
    expect(page.locator("#id_betaling-amount_cents_error")).to_contain_text(
        "Het bedrag van €\u00a0800,00 is meer dan er nog in het budget zit (€\u00a0750,00). "
        "Er is niets betaald."
    )
    walk.step("betaling-geweigerd")
    voucher = Trajectory.objects.get().voucher
    assert voucher.balance_cents == 75_000
    assert list(voucher.entries.values_list("amount_cents", flat=True)) == [200_000, -125_000]

    page.get_by_label("Nieuwe baan").check()
    page.get_by_role("button", name="Uitkomst vastleggen").click()
    expect(page.get_by_test_id("outcome")).to_have_text("Nieuwe baan")
    page.get_by_role("link", name="Terug naar werk naar werk").click()
    expect(page.get_by_test_id("outcomes")).to_contain_text("Nieuwe baan: 1")
    walk.step("uitkomst-geteld")
    assert problems() == []
    assert axe.violations == [], "\n".join(axe.violations)
