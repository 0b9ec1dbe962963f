"""Issue 15 in a real browser: a resident who already receives bijstand from Nijmegen applies for the
Meedoen-regeling and it is decided automatically; the team lead draws the review sample and a
consultant gives the second look; the agreement rate shows in the back office.

Nijmegen's 140 % limit for the Meedoen-regeling and the 2026 AOW age table are ``secondary`` in the
bundled data, so in production this application waits for a consultant (tests/web/test_automation_policy.py
asserts that). Here the engine reads the same parameters marked verified: the walk shows the path an
application takes once the official texts are in.

Screenshots: set MEEDOEN_SCREENS to a folder to keep one of every page at phone and desktop width.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from meedoen.web.accounts.models import Role
from meedoen.web.applications.models import Application, Status
from meedoen.web.decisions.models import Review, ReviewDraw
from meedoen.web.letters import case_number
from tests.web import factories
from tests.web.e2e.test_flows import do_the_check, login_staff
from tests.web.e2e.test_letter import pdf_text
from tests.web.test_automation_policy import UNVERIFIED, as_if_verified

pytestmark = pytest.mark.e2e
PASSWORD = "een-lang-wachtwoord-2026"
# The pages of the review namespace (tests/web/e2e/test_accessibility.py checks every page is scanned).
REVIEW_PAGES = {"review:overview", "review:todo", "review:review"}
REVIEW_NOT_PAGES = {"review:draw", "review:facts-checked", "review:confirm-proposal"}  # POST-only


def shot(page: Page, name: str) -> None:
    folder = os.environ.get("MEEDOEN_SCREENS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    for width, label in ((390, "phone"), (1280, "desktop")):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{folder}/{name}-{label}.png", full_page=True)
    page.set_viewport_size(size)


def test_resident_on_bijstand_gets_the_meedoenregeling_automatically_and_the_sample_is_drawn(
    page: Page, axe, team, monkeypatch
):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: dt.date(2026, 6, 1))
    as_if_verified(monkeypatch, *UNVERIFIED)
    client = factories.casework_client(team, spell_start=dt.date(2025, 1, 1), birth_date=dt.date(1984, 5, 12))
    factories.UserFactory(username="petra", role=Role.TEAM_LEAD, team=team, first_name="Petra")

    do_the_check(page, axe)  # born 1984-05-12, EUR 450 a month: fits the bijstand on record
    page.get_by_role("button", name="Nu aanvragen").click()
    page.get_by_label("Burgerservicenummer (BSN)").fill(client.resident.bsn)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("button", name="Aanvraag starten").click()
    for box in page.get_by_role("checkbox").all():
        if box.is_checked():
            box.uncheck()
    page.get_by_label("Meedoen-regeling", exact=True).check()
    page.get_by_role("button", name="Opslaan en verder").click()
    page.get_by_label("Wat is uw naam?").fill("Samira Bakker")
    page.get_by_label("In welke straat woont u?").fill("Kerkstraat")
    page.get_by_label("Wat is uw huisnummer?").fill("12")
    page.get_by_label("Wat is uw postcode?").fill("6521 AB")
    page.get_by_label("In welke plaats woont u?").fill("Nijmegen")
    page.get_by_label("Wat is uw e-mailadres?").fill("samira@example.org")
    page.get_by_label("Op welk rekeningnummer (IBAN) wilt u het geld krijgen?").fill("NL91 ABNA 0417 1643 00")
    page.get_by_role("button", name="Opslaan en verder").click()
    page.get_by_role("button", name="Opslaan en verder").click()  # no documents needed
    page.get_by_label(re.compile("Ik heb alle vragen eerlijk")).check()
    page.get_by_role("button", name="Aanvraag versturen").click()
    expect(page.get_by_role("heading", name="Mijn aanvragen")).to_be_visible()
    expect(page.get_by_role("region", name="Meedoen-regeling").get_by_text("Toegekend")).to_be_visible()
    page.get_by_role("link", name="Bekijk aanvraag Meedoen-regeling").click()
    expect(page.get_by_text("Uw aanvraag is toegekend.")).to_be_visible()
    axe.scan(page)
    shot(page, "resident-decision")
    application = Application.objects.get(scheme_id="meedoenregeling")
    decision = application.decision
    assert application.status == Status.GRANTED and decision.automated and decision.basis == "machine"
    assert decision.amount_cents == 15000 and "Bijstandsuitkering van de gemeente" in decision.facts_basis
    # The letter of the automated decision: addressed, numbered, the amount, and a person on request.
    letter = page.request.get(
        page.get_by_role("link", name=re.compile("Lees de brief")).get_attribute("href")
    )
    assert letter.status == 200 and letter.headers["content-type"] == "application/pdf"
    text = pdf_text(letter.body())
    for expected in (
        "Samira Bakker", "Kerkstraat 12", "6521 AB Nijmegen", f"Zaaknummer {case_number(application)}",
        "€ 150,00 per jaar", "automatisch besluit", "binnen 6 weken",
    ):  # fmt: skip
        assert expected in text, expected
    assert client.resident.bsn not in text
    page.context.clear_cookies()

    login_staff(page, "petra")
    page.get_by_role("link", name="Steekproef").click()
    expect(page.get_by_role("heading", name=re.compile("Steekproef automatische besluiten"))).to_be_visible()
    axe.scan(page)
    # the only group in the sample: the Meedoen-regeling
    page.get_by_label("Regeling en maand", exact=True).select_option(index=1)
    page.get_by_role("button", name="Steekproef trekken").click()
    sample = ReviewDraw.objects.get()
    expect(
        page.get_by_text(f"Steekproef getrokken: 1 van 1 besluiten (5%), seed {sample.seed}.")
    ).to_be_visible()
    expect(page.get_by_role("cell", name="nog niet nagekeken")).to_be_visible()
    axe.scan(page)
    shot(page, "sample-drawn")
    page.get_by_role("link", name="Tweede blik", exact=True).click()
    expect(page.get_by_text("Nog nakijken")).to_be_visible()
    axe.scan(page)
    shot(page, "second-look-list")
    page.get_by_role("link", name=re.compile(client.resident.first_name)).click()
    expect(page.get_by_role("heading", name="Tweede blik: Meedoen-regeling")).to_be_visible()
    page.get_by_role("button", name="Oordeel vastleggen").click()  # nothing chosen: refused
    expect(page.locator("#id_verdict_error")).to_have_text("Kies of het besluit klopt.")
    axe.scan(page)
    shot(page, "second-look")
    page.get_by_label("Eens: het besluit klopt").check()
    page.get_by_role("button", name="Oordeel vastleggen").click()
    expect(page.get_by_text("Uw oordeel is vastgelegd.")).to_be_visible()
    page.get_by_role("link", name="Steekproef").click()
    expect(page.get_by_role("cell", name="100%")).to_be_visible()
    shot(page, "agreement-rate")
    assert Review.objects.get().verdict == "agree"
    assert axe.violations == [], "\n".join(axe.violations)


def test_the_case_page_explains_why_not_automatically(page: Page, axe, team, monkeypatch):
    """With the bundled data: the consultant sees the policy, the proposal and the reasons."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: dt.date(2026, 6, 1))
    from meedoen.web.applications import drafts
    from tests.web.conftest import ANSWERS

    factories.UserFactory(username="karin", role=Role.CONSULTANT, team=team, first_name="Karin")
    resident = factories.ResidentFactory(postcode="6521 AB", first_name="Jan", last_name="de Vries")
    [application] = drafts.submit(factories.draft_for(resident, ANSWERS, schemes=("meedoenregeling",)))
    login_staff(page, "karin")
    page.goto(f"/medewerkers/aanvraag/{application.public_id}/")
    expect(page.get_by_role("heading", name="Automatisch besluiten")).to_be_visible()
    expect(page.get_by_text("Alleen opgegeven door de inwoner")).to_be_visible()
    axe.scan(page)
    shot(page, "case-panel")
    page.get_by_role("button", name="Gegevens zijn gecontroleerd").click()  # without a note: refused
    expect(page.get_by_text("Schrijf op wat u hebt gecontroleerd.")).to_be_visible()
    page.get_by_label("Wat hebt u gecontroleerd?").fill("Inkomen in Suwinet, huishouden in de BRP.")
    page.get_by_role("button", name="Gegevens zijn gecontroleerd").click()
    expect(page.get_by_text("De gegevens staan als gecontroleerd vastgelegd.")).to_be_visible()
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW  # the 140 % limit is still unverified
    page.get_by_role("button", name=re.compile("Voorstel bevestigen")).click()
    expect(page.get_by_text("Het voorstel is bevestigd en het besluit is vastgelegd.")).to_be_visible()
    application.refresh_from_db()
    assert application.status == Status.GRANTED and application.decision.basis == "assisted"
    assert axe.violations == [], "\n".join(axe.violations)
