"""An authorised person applies on someone's behalf, in a real browser (Debian's Chromium), axe on every page.

A resident authorises a family member for the Meedoen-regeling; the family member logs in with their own
(demo) DigiD, acts namens, does the check and applies; the resident sees the application and the audit
line "namens"; the resident revokes and the family member can no longer act. And: a resident shares one
check result with a professional, who reads it until the resident stops sharing.

With MEEDOEN_SCREENS=<folder> every page is also saved as a screenshot at phone and desktop width.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from meedoen.web.applications.models import Application
from meedoen.web.audit.models import AuditEntry
from meedoen.web.machtigingen.models import Machtiging
from tests.web.e2e.conftest import PHONE
from tests.web.e2e.test_flows import do_the_check

pytestmark = pytest.mark.e2e
RESIDENT_BSN, FAMILY_BSN = "999990019", "999990020"

# For test_accessibility.py: the HTML pages of the machtigingen app (all scanned here) and the others.
MACHTIGINGEN_PAGES = {
    "machtigingen:overview",
    "machtigingen:new",
    "machtigingen:choose",
    "machtigingen:acting",
    "machtigingen:ended",
    "machtigingen:share-new",
    "machtigingen:share-created",
    "machtigingen:shared",
}
MACHTIGINGEN_NOT_PAGES = {"machtigingen:revoke", "machtigingen:stop", "machtigingen:share-revoke"}
SCREENS = os.environ.get("MEEDOEN_SCREENS")


def shot(page: Page, name: str) -> None:
    """Save the page at phone and desktop width when MEEDOEN_SCREENS is set (for review, not asserted)."""
    if not SCREENS:
        return
    folder = Path(SCREENS)
    folder.mkdir(parents=True, exist_ok=True)
    for label, width in (("phone", 390), ("desktop", 1280)):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(folder / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size(PHONE)


def log_in(page: Page, bsn: str) -> None:
    page.goto("/inloggen/")
    page.get_by_label("Burgerservicenummer (BSN)").fill(bsn)
    page.get_by_role("button", name="Inloggen").click()


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Uitloggen").click()


def test_a_family_member_applies_namens_the_resident_until_she_revokes(
    page: Page, browser: Browser, live_server, axe, team
):
    # The family member has logged in here once with DigiD, so the municipality knows the BSN.
    log_in(page, FAMILY_BSN)
    expect(page.get_by_role("heading", name="Mijn aanvragen")).to_be_visible()
    log_out(page)

    # The resident authorises him for the Meedoen-regeling: first with a typo in the BSN.
    log_in(page, RESIDENT_BSN)
    page.get_by_role("link", name="Machtigingen").click()
    expect(page.get_by_role("heading", name="Mijn machtigingen")).to_be_visible()
    axe.scan(page)
    shot(page, "01-overview-empty")
    page.get_by_role("link", name="Iemand machtigen").click()
    axe.scan(page)
    shot(page, "02-new")
    page.get_by_label("Uw naam").fill("Fatima Bakker")
    page.get_by_label("BSN van de persoon die u machtigt").fill("999990021")  # fails the elfproef
    page.get_by_label("Naam van de persoon die u machtigt").fill("Youssef Bakker")
    page.get_by_label("Familielid").check()
    page.get_by_label("Meedoen-regeling").check()
    page.get_by_label(re.compile("De Regelingencheck doen en aanvragen")).check()
    page.get_by_label(re.compile("Aanvragen, besluiten, brieven")).check()
    page.get_by_role("button", name="Machtigen").click()
    expect(page.locator("#id_agent_bsn_error")).to_contain_text("dit is geen geldig burgerservicenummer")
    axe.scan(page)
    shot(page, "03-new-errors")
    assert not Machtiging.objects.exists()
    page.get_by_label("BSN van de persoon die u machtigt").fill(FAMILY_BSN)
    page.get_by_role("button", name="Machtigen").click()
    expect(page.get_by_text("Youssef Bakker is gemachtigd.")).to_be_visible()
    log_out(page)

    # The family member logs in, in his own browser, and chooses to act namens her.
    family = browser.new_context(viewport=PHONE, base_url=live_server.url, bypass_csp=True, locale="nl-NL")
    him = family.new_page()
    him.set_default_timeout(15000)
    log_in(him, FAMILY_BSN)
    expect(him.get_by_role("heading", name="Voor wie wilt u iets doen?")).to_be_visible()
    axe.scan(him)
    shot(him, "04-choose")
    him.get_by_role("button", name="Namens Fatima Bakker handelen").click()
    expect(him.get_by_text("U handelt namens Fatima Bakker.")).to_be_visible()
    axe.scan(him)
    shot(him, "05-acting")

    # He does the check about her and applies for the Meedoen-regeling.
    do_the_check(him, axe)
    expect(him.get_by_text("U handelt namens Fatima Bakker.")).to_be_visible()
    expect(him.get_by_role("link", name="Deel deze uitkomst met een hulpverlener")).to_have_count(0)
    shot(him, "06-check-result-namens")
    him.get_by_role("button", name="Nu aanvragen").click()  # logged in: straight to the draft
    expect(him.get_by_label("Meedoen-regeling")).to_be_checked()
    expect(him.get_by_label("Bijstandsuitkering")).not_to_be_checked()  # not in the authorisation
    him.get_by_label("Bijstandsuitkering").check()  # trying anyway is refused
    him.get_by_role("button", name="Opslaan en verder").click()
    expect(him.get_by_role("heading", name="Dit mag u niet namens Fatima Bakker doen")).to_be_visible()
    expect(him.get_by_text("geldt niet voor Bijstandsuitkering", exact=False)).to_be_visible()
    axe.scan(him)
    shot(him, "07-not-covered")
    him.go_back()
    him.reload()
    him.get_by_label("Bijstandsuitkering").uncheck()
    him.get_by_role("button", name="Opslaan en verder").click()
    him.get_by_label("Wat is uw naam?").fill("Fatima Bakker")
    him.get_by_label("In welke straat woont u?").fill("Kerkstraat")
    him.get_by_label("Wat is uw huisnummer?").fill("12")
    him.get_by_label("Wat is uw postcode?").fill("6521 AB")
    him.get_by_label("In welke plaats woont u?").fill("Nijmegen")
    him.get_by_label("Wat is uw e-mailadres?").fill("fatima@example.org")
    him.get_by_label("Op welk rekeningnummer (IBAN) wilt u het geld krijgen?").fill("NL91 ABNA 0417 1643 00")
    him.get_by_role("button", name="Opslaan en verder").click()
    expect(him.get_by_text("U handelt namens Fatima Bakker.")).to_be_visible()
    him.get_by_role("button", name="Opslaan en verder").click()
    him.get_by_label(re.compile("Ik heb alle vragen eerlijk")).check()
    him.get_by_role("button", name="Aanvraag versturen").click()
    expect(him.get_by_role("heading", name="Mijn aanvragen")).to_be_visible()
    expect(him.get_by_role("region", name="Meedoen-regeling")).to_be_visible()
    axe.scan(him)
    shot(him, "08-mine-namens")
    application = Application.objects.get()
    assert application.scheme_id == "meedoenregeling"
    assert application.submission.resident.bsn == RESIDENT_BSN

    # The resident sees the application and what was done namens her.
    log_in(page, RESIDENT_BSN)
    page.goto("/aanvragen/")
    expect(page.get_by_role("region", name="Meedoen-regeling")).to_be_visible()
    page.get_by_role("link", name="Machtigingen").click()
    page.get_by_text("Wat Youssef Bakker namens u deed").click()
    expect(page.get_by_text("een aanvraag ingevuld of verstuurd").first).to_be_visible()
    axe.scan(page)
    shot(page, "09-overview-done-namens")
    agent = Machtiging.objects.get().agent
    trail = AuditEntry.objects.filter(actor_id=agent.pk, subject_id=application.submission.resident_id)
    assert trail.count() >= 5 and all(e.why.startswith("namens Fatima Bakker") for e in trail)

    # She revokes; his next click no longer acts for her.
    page.get_by_role("button", name="Machtiging van Youssef Bakker intrekken").click()
    expect(page.get_by_text("is ingetrokken. Dat geldt meteen.")).to_be_visible()
    expect(page.get_by_text("Ingetrokken", exact=True)).to_be_visible()
    shot(page, "10-overview-revoked")
    him.get_by_role("link", name="Aanvragen van Fatima Bakker").click()
    expect(him.get_by_role("heading", name="U handelt niet meer namens iemand anders")).to_be_visible()
    axe.scan(him)
    shot(him, "11-ended")
    him.goto("/aanvragen/")
    expect(him.get_by_text("U handelt namens")).to_have_count(0)
    expect(him.get_by_role("region", name="Meedoen-regeling")).to_have_count(0)
    him.goto("/machtigingen/namens/")
    expect(him.get_by_text("Op dit moment heeft niemand u gemachtigd")).to_be_visible()
    family.close()
    assert axe.violations == [], "\n".join(axe.violations)


def test_a_resident_shares_one_check_result_with_a_professional(page: Page, browser: Browser, axe, team):
    log_in(page, RESIDENT_BSN)
    do_the_check(page, axe)
    page.get_by_role("link", name="Deel deze uitkomst met een hulpverlener").click()
    axe.scan(page)
    shot(page, "12-share-new")
    page.get_by_label("Naam van de hulpverlener").fill("Petra de Wit")
    page.get_by_label("Organisatie").fill("Schuldhulp Nijmegen")
    page.get_by_label("E-mailadres van de hulpverlener").fill("petra@")
    page.get_by_role("button", name="Link maken").click()
    expect(page.locator("#id_recipient_email_error")).to_contain_text("vul een e-mailadres in")
    page.get_by_label("E-mailadres van de hulpverlener").fill("petra@schuldhulp.example")
    page.get_by_label("1 week").check()
    page.get_by_role("button", name="Link maken").click()
    link = page.get_by_label("Link naar uw uitkomst").input_value()
    assert RESIDENT_BSN not in link and "/machtigingen/gedeeld/" in link
    axe.scan(page)
    shot(page, "13-share-created")

    professional = browser.new_context(viewport=PHONE, bypass_csp=True, locale="nl-NL").new_page()
    professional.goto(link)
    expect(professional.get_by_role("heading", name="Uitkomst van de Regelingencheck")).to_be_visible()
    expect(professional.get_by_role("heading", name="Meedoen-regeling")).to_be_visible()
    axe.scan(professional)
    shot(professional, "14-shared")

    page.goto("/machtigingen/")
    expect(page.get_by_text("Bekeken: 1 keer", exact=False)).to_be_visible()
    shot(page, "15-overview-share")
    page.get_by_role("button", name="Delen met Petra de Wit stoppen").click()
    professional.goto(link)
    expect(professional.get_by_role("heading", name="Deze link werkt niet meer")).to_be_visible()
    expect(professional.get_by_role("heading", name="Meedoen-regeling")).to_have_count(0)
    axe.scan(professional)
    shot(professional, "16-shared-gone")
    professional.context.close()
    assert axe.violations == [], "\n".join(axe.violations)
