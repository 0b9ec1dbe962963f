"""The city pass in Debian's Chromium on a phone: the resident's pass, a provider redeeming and
reversing, the municipality approving a provider and blocking a lost pass; axe-core on every page."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from meedoen.web.accounts.models import Role
from meedoen.web.citypass import issuing, redemption
from meedoen.web.citypass.models import Budget, LedgerEntry, Pass, Provider
from tests.web import factories
from tests.web.citypass.conftest import ADULT, make_provider
from tests.web.e2e.test_accessibility import log_in_staff

pytestmark = pytest.mark.e2e


def text(page: Page) -> str:
    return page.inner_text("main").replace("\xa0", " ")


def test_the_resident_sees_the_pass_and_the_balance(page: Page, axe):
    resident = factories.ResidentFactory(bsn="999990019", postcode="6521 AB")
    [card] = issuing.issue(resident, "nijmegen", "meedoenregeling", [ADULT])
    provider = make_provider("Zwembad De Dolfijn", "40000001")
    swim = provider.offers.create(name="Zwemabonnement", category="sport", price_cents=7500)
    redemption.book(provider, card.number, swim.pk, 7500)
    page.goto("/inloggen/")
    page.get_by_label("Burgerservicenummer (BSN)").fill("999990019")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("link", name="Stadspas").click()
    expect(page.get_by_role("heading", name="Mijn stadspas")).to_be_visible()
    expect(page.get_by_text(card.grouped_number)).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("QR-code van pasnummer"))).to_be_visible()
    assert "€ 75,00" in text(page)
    axe.scan(page)
    page.get_by_role("link", name=re.compile("geschiedenis")).click()
    expect(page.get_by_role("cell", name=re.compile("Zwembad De Dolfijn"))).to_be_visible()
    axe.scan(page)
    page.goto("/stadspas/aanbod/")
    page.get_by_label("Zoekwoord").fill("zwem")
    page.get_by_label("Soort").select_option("sport")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("heading", name="Zwemabonnement")).to_be_visible()
    axe.scan(page)
    assert axe.violations == [], "\n".join(axe.violations)


def test_a_provider_redeems_and_reverses(page: Page, axe):
    resident = factories.ResidentFactory()
    [card] = issuing.issue(resident, "nijmegen", "meedoenregeling", [ADULT])
    provider = make_provider("Muziekschool De Lindenberg", "40000002")
    provider.offers.create(name="Koor", category="cultuur", price_cents=4500)
    log_in_staff(page, provider.users.get().username)
    page.goto("/stadspas/aanbieder/")
    axe.scan(page)
    page.get_by_label("Pasnummer").fill("1234 5678 1234 5678")
    page.get_by_role("button", name="Pas controleren").click()
    expect(page.get_by_role("alert")).to_contain_text("Dit pasnummer kennen wij niet")
    axe.scan(page)
    page.get_by_label("Pasnummer").fill(card.grouped_number)
    page.get_by_role("button", name="Pas controleren").click()
    expect(page.get_by_role("heading", name="De pas is geldig")).to_be_visible()
    axe.scan(page)
    page.get_by_label("Bedrag in euro").fill("40,50")
    page.get_by_role("button", name="Afschrijven: Koor").click()
    expect(page.get_by_text("Afgeschreven: Koor, 40,50 euro.")).to_be_visible()
    assert Budget.objects.get().balance_cents == 15000 - 4050
    page.get_by_role("link", name=re.compile("Terugdraaien: Koor")).click()  # asks first (issue 19)
    axe.scan(page)
    page.get_by_role("button", name="Ja, terugdraaien").click()
    expect(page.get_by_text("De boeking is teruggedraaid.")).to_be_visible()
    assert Budget.objects.get().balance_cents == 15000
    assert LedgerEntry.objects.filter(kind="reversal").count() == 1

    page.get_by_role("link", name="Mijn aanbod").click()
    axe.scan(page)
    page.get_by_role("link", name="Nieuw aanbod toevoegen").click()
    page.get_by_role("button", name="Opslaan").click()  # empty: every error shown
    expect(page.get_by_text("Vul de naam van het aanbod in.")).to_be_visible()
    axe.scan(page)
    page.get_by_label("Naam").fill("Zangles")
    page.get_by_label("Prijs in euro").fill("30")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("link", name="Wijzigen: Zangles").click()
    axe.scan(page)
    page.get_by_role("link", name="Kassa's").click()
    page.get_by_label("Naam van de kassa").fill("Kassa 1")
    page.get_by_role("button", name="Kassa toevoegen").click()
    expect(page.get_by_role("heading", name="De sleutel van de nieuwe kassa")).to_be_visible()
    axe.scan(page)
    page.get_by_role("button", name="Sleutel intrekken: Kassa 1").click()
    expect(page.get_by_text("De sleutel van Kassa 1 is ingetrokken.")).to_be_visible()
    page.get_by_role("link", name="Overzichten").click()
    axe.scan(page)
    assert axe.violations == [], "\n".join(axe.violations)


def test_the_municipality_approves_a_provider_and_blocks_a_lost_pass(page: Page, axe):
    page.goto("/stadspas/aanbieder/aanmelden/")
    page.get_by_role("button", name="Aanmelden").click()
    axe.scan(page)  # with every error
    resident = factories.ResidentFactory()
    [card] = issuing.issue(resident, "nijmegen", "meedoenregeling", [ADULT])
    pending = make_provider("Buurthuis De Schakel", "40000003", status=Provider.Status.PENDING)
    factories.UserFactory(username="stadspas", role=Role.PASS_OFFICER)
    log_in_staff(page, "stadspas")
    page.goto("/stadspas/gemeente/")
    axe.scan(page)
    page.get_by_role("button", name="Goedkeuren: Buurthuis De Schakel").click()
    expect(page.get_by_text("Buurthuis De Schakel is goedgekeurd.")).to_be_visible()
    pending.refresh_from_db()
    assert pending.is_approved

    page.get_by_role("link", name="Pas zoeken").click()
    page.get_by_label(re.compile("^Pasnummer")).fill(card.number)
    page.get_by_role("button", name="Pas zoeken").click()
    axe.scan(page)
    page.get_by_role("link", name=re.compile(f"Pas {card.grouped_number} van")).click()
    axe.scan(page)
    page.get_by_role("button", name="Blokkeren en nieuwe pas maken").click()
    expect(page.get_by_text(re.compile("is geblokkeerd"))).to_be_visible()
    card.refresh_from_db()
    assert card.status == Pass.Status.BLOCKED and card.replaced_by.budgets.get().balance_cents == 15000

    page.get_by_role("link", name="Cijfers").click()
    expect(page.get_by_text("0% van de budgetten is gebruikt")).to_be_visible()
    axe.scan(page)
    page.get_by_role("link", name="Betaaloverzichten").click()
    axe.scan(page)
    page.get_by_label("Aanbieder").select_option(label="Buurthuis De Schakel")
    page.get_by_label("Maand").fill(f"{timezone.localdate():%Y-%m}")
    with page.expect_download() as download:
        page.get_by_role("button", name="CSV met elke boeking").click()
    assert download.value.suggested_filename.endswith(".csv")
    assert axe.violations == [], "\n".join(axe.violations)
