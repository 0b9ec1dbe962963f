"""What the municipality pays for something the resident needs (issue 18 item 3), in Debian's Chromium:
from the check's result to the question, a wrong price kept and named, "bedrag onbekend" with the
bundled data (Nijmegen), the laptop sent to Stichting Leergeld, and the full split of a laptop of
€ 600 where the draagkracht rules are known (test figures on Arnhem's parameters, no municipality's).
axe at phone (390) and desktop (1280) width on every page; screenshots in $MEEDOEN_SCREENSHOTS.

The check's own steps are walked in test_resident_check_walk.py: here its answers are put in the
browser's session directly.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from playwright.sync_api import Page, expect

from meedoen.web.portal.questionnaire import SESSION_KEY
from tests.rules.test_draagkracht import TEST_DRAAGKRACHT, _with_test_figures
from tests.web.conftest import ANSWERS
from tests.web.e2e.walk import Walk

pytestmark = pytest.mark.e2e
DAY = dt.date(2026, 1, 1)
PRODUCT_COST_PAGES = {"portal:product-cost"}  # scanned here (tests/web/e2e/test_accessibility.py)
QUESTION = "Wilt u weten wat de gemeente betaalt voor iets wat u nodig hebt?"


def answered(page: Page, base_url: str, answers: dict) -> None:
    """A browser session holding the check's answers, as the questionnaire stores them."""
    session = SessionStore()
    session[SESSION_KEY] = answers
    session.create()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": base_url}]
    )


def ask(page: Page, product: str, price: str, description: str = "") -> None:
    page.get_by_label(product, exact=True).check()
    if description:
        page.get_by_label("Wat is het?").fill(description)
    page.get_by_label("Wat kost het?").fill(price)
    page.get_by_role("button", name="Reken uit").click()


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: DAY)


def test_bundled_rules_answer_bedrag_onbekend(page: Page, axe, live_server, today):
    walk = Walk(page, axe, "laptop-nijmegen")
    answered(page, live_server.url, ANSWERS)
    page.goto("/regelingencheck/uitkomst/")
    card = page.locator("section:has(#regeling-bijzondere_bijstand)")
    card.get_by_role("link", name=QUESTION).scroll_into_view_if_needed()
    walk.step("uitkomst")
    card.screenshot(path=str(walk.folder / "01-uitkomst-kaart-phone.png"))  # the card with the link
    card.get_by_role("link", name=QUESTION).click()
    expect(page.get_by_role("heading", name="Wat betaalt de gemeente?", level=1)).to_be_visible()
    walk.step("vraag")

    ask(page, "Koelkast", "-5")
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Wat kost het?: Het bedrag kan niet lager zijn dan 0.")
    expect(page.get_by_label("Wat kost het?")).to_have_value("-5")  # what was typed is kept
    walk.step("fout")

    page.get_by_label("Wat kost het?").fill("600")
    page.get_by_role("button", name="Reken uit").click()
    answer = page.locator("[data-product-cost]")
    expect(answer).to_contain_text("Bedrag onbekend")
    expect(answer).to_contain_text("De gemeente rekent dit voor u uit als u het aanvraagt.")
    expect(answer).not_to_contain_text("€ 0,00")
    walk.step("onbekend")

    ask(page, "Laptop", "600")
    expect(answer).to_contain_text("Laptop van € 600,00: dit vraagt u aan bij Stichting Leergeld")
    walk.step("leergeld")
    assert axe.violations == [], "\n".join(axe.violations)


def test_known_rules_split_a_laptop_of_600(page: Page, axe, live_server, today, monkeypatch):
    params = _with_test_figures(TEST_DRAAGKRACHT)
    monkeypatch.setattr("meedoen.rules.entitlements.default_parameters", lambda: params)
    monkeypatch.setattr(settings, "MUNICIPALITY", "arnhem")
    walk = Walk(page, axe, "laptop-bekend")
    answered(page, live_server.url, {**ANSWERS, "inkomen": {"income": "1590"}})
    page.goto("/regelingencheck/uitkomst/wat-betaalt-de-gemeente/")
    expect(page.get_by_label("Iets anders", exact=True)).to_be_checked()  # Arnhem has no list
    ask(page, "Iets anders", "600", description="laptop")
    answer = page.locator("[data-product-cost]")
    # test figures: limit 1,10 x 0,95 x 1.401,50 = 1.464,57; (1.590,00 - 1.464,57) x 0,35 x 12 = 526,81;
    # not on a list, so the whole price counts: the municipality pays 600,00 - 526,81 = 73,19
    expect(answer).to_contain_text("Laptop van € 600,00: u betaalt € 526,81, de gemeente betaalt € 73,19.")
    expect(answer.locator("[data-own-share]")).to_have_text("€ 526,81")
    expect(answer.locator("[data-municipality-share]")).to_have_text("€ 73,19")
    expect(answer).to_contain_text("telt 35% mee, 12 maanden lang. Dat is € 526,81.")
    expect(answer).to_contain_text("De gemeente heeft geen lijst met vaste bedragen.")
    walk.step("bekend")
    assert axe.violations == [], "\n".join(axe.violations)
