"""A 22-year-old applies for algemene bijstand (issue 15): four weeks of search time first
(Participatiewet art. 41 lid 4), then a consultant decides. "Today" is frozen and moved forward the way
the other tests do (``django.utils.timezone.localdate``); the live server runs in this process.

Set MEEDOEN_SCREENS to a directory to keep screenshots of each page on the way.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from meedoen.web.accounts.models import Role
from meedoen.web.applications.models import Application, Status
from meedoen.web.decisions.models import Decision
from tests.web import factories
from tests.web.e2e.conftest import PHONE

PASSWORD = "een-lang-wachtwoord-2026"
SCREENS = os.environ.get("MEEDOEN_SCREENS")
pytestmark = pytest.mark.e2e


def shot(page: Page, name: str) -> None:
    """Screenshots at phone and desktop width (only with MEEDOEN_SCREENS)."""
    if not SCREENS:
        return
    Path(SCREENS).mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    for label, width in (("telefoon", 390), ("desktop", 1280)):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{SCREENS}/{name}-{label}.png", full_page=True)
    page.set_viewport_size(size)


def today_is(monkeypatch, day: dt.date) -> None:
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: day)


def next_step(page: Page) -> None:
    page.get_by_role("button", name="Volgende").click()


def check_as_a_22_year_old(page: Page, axe) -> None:
    page.goto("/")
    page.get_by_role("link", name="Start de Regelingencheck").click()
    page.get_by_label("Wat is uw geboortedatum?").fill("2004-03-10")
    next_step(page)
    page.get_by_label("Nee").check()
    page.get_by_label("Hoeveel kinderen wonen bij u?").fill("0")
    page.get_by_label("Hoeveel andere volwassenen wonen bij u?").fill("0")
    next_step(page)
    page.get_by_label("Hoeveel geld krijgt u per maand?").fill("0")
    next_step(page)
    page.get_by_label("Ik huur een woning").check()
    page.get_by_label("Hoeveel huur betaalt u per maand?").fill("620")
    page.get_by_label("Hoeveel betaalt u per maand voor gas en stroom?").fill("120")
    next_step(page)
    page.get_by_label("Hoeveel spaargeld en ander vermogen hebt u samen?").fill("300")
    next_step(page)
    expect(page.get_by_role("heading", name="Bijstandsuitkering")).to_be_visible()
    axe.scan(page)


def apply_for_bijstand_only(page: Page, axe, tmp_path) -> None:
    page.get_by_role("button", name="Nu aanvragen").click()
    page.get_by_label("Burgerservicenummer (BSN)").fill("999990019")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("button", name="Aanvraag starten").click()
    for box in page.get_by_role("checkbox").all():
        box.uncheck()
    page.get_by_label("Bijstandsuitkering").check()
    page.get_by_role("button", name="Opslaan en verder").click()
    expect(page.get_by_label("Wat is uw naam?")).to_have_value("Sem Jansen")  # from the log-in
    page.get_by_label("In welke straat woont u?").fill("Hatertseweg")
    page.get_by_label("Wat is uw huisnummer?").fill("12a")
    page.get_by_label("Wat is uw postcode?").fill("6521 AB")
    page.get_by_label("In welke plaats woont u?").fill("Nijmegen")
    page.get_by_label("Wat is uw e-mailadres?").fill("sem@example.org")
    page.get_by_label("Op welk rekeningnummer (IBAN) wilt u het geld krijgen?").fill("NL91 ABNA 0417 1643 00")
    axe.scan(page)
    shot(page, "1-gegevens")
    page.get_by_role("button", name="Opslaan en verder").click()
    pdf = tmp_path / "bewijs.pdf"
    pdf.write_bytes(factories.PDF)
    for kind in ("Kopie van uw identiteitsbewijs", "Bankafschriften van de laatste 3 maanden"):
        page.get_by_label("Wat voor document is het?").select_option(label=kind)
        page.get_by_label("Kies het bestand").set_input_files(str(pdf))
        page.get_by_role("button", name="Document toevoegen").click()
        expect(page.get_by_text("Het document is toegevoegd.")).to_be_visible()
    page.get_by_role("button", name="Opslaan en verder").click()
    page.get_by_label(re.compile("Ik heb alle vragen eerlijk")).check()
    page.get_by_role("button", name="Aanvraag versturen").click()
    expect(page.get_by_role("heading", name="Mijn aanvragen")).to_be_visible()


def staff_page(browser: Browser, live_server, username: str) -> Page:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, base_url=live_server.url, bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto("/inloggen/medewerkers/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    return page


def test_a_22_year_old_waits_four_weeks_then_a_consultant_decides(
    page: Page, browser: Browser, live_server, axe, tmp_path, team, monkeypatch
):
    today_is(monkeypatch, dt.date(2026, 6, 1))
    factories.ResidentFactory(bsn="999990019", postcode="6521 AB", first_name="Sem", last_name="Jansen")
    factories.UserFactory(username="karin", role=Role.CONSULTANT, team=team, first_name="Karin")
    check_as_a_22_year_old(page, axe)
    apply_for_bijstand_only(page, axe, tmp_path)

    # the resident sees the search period and when the decision comes (1 June + 28 days; + 56 days)
    card = page.get_by_role("region", name="Bijstandsuitkering")
    expect(
        card.get_by_text("U bent jonger dan 27 jaar. Daarom hebt u eerst 4 weken zoektijd.")
    ).to_be_visible()
    expect(card.get_by_text("Uw zoektijd loopt tot en met 28 juni 2026.")).to_be_visible()
    expect(card.get_by_text("U kunt vanaf 29 juni 2026 een besluit krijgen.", exact=False)).to_be_visible()
    expect(card.get_by_text("uiterlijk op 24 augustus 2026", exact=False)).to_be_visible()
    axe.scan(page)
    shot(page, "2-mijn-aanvragen-zoektijd")
    page.get_by_role("link", name="Bekijk aanvraag Bijstandsuitkering").click()
    expect(page.get_by_text("Uw zoektijd loopt tot en met 28 juni 2026.")).to_be_visible()
    axe.scan(page)
    shot(page, "2b-aanvraag-zoektijd")
    application = Application.objects.get(scheme_id="bijstand")
    assert application.status == Status.IN_REVIEW and not Decision.objects.exists()  # never automatic

    # day 27 of the search period: the consultant cannot decide yet
    today_is(monkeypatch, dt.date(2026, 6, 28))
    staff = staff_page(browser, live_server, "karin")
    expect(staff.get_by_role("heading", name="Werkvoorraad Wijkteam Oost")).to_be_visible()
    expect(staff.get_by_text("Zoektijd tot en met 28-06-2026")).to_be_visible()
    axe.scan(staff)
    shot(staff, "3-werkvoorraad")
    staff.get_by_role("link", name="Sem Jansen").click()
    expect(staff.get_by_role("heading", name="Procedure algemene bijstand")).to_be_visible()
    expect(staff.get_by_text("De zoektijd loopt nog.", exact=False)).to_be_visible()
    staff.get_by_label("Toekennen").check()
    staff.get_by_role("button", name="Besluit vastleggen").click()
    # the refusal stands in the error summary at the top (issue 19) and at the form
    expect(
        staff.locator(".meedoen-error-summary").get_by_text(
            "De zoektijd van 4 weken loopt tot en met 28 juni 2026"
        )
    ).to_be_visible()
    axe.scan(staff)
    shot(staff, "4-beslissen-geweigerd")
    assert not Decision.objects.exists()

    # day 28: the application may be taken up; the consultant grants
    today_is(monkeypatch, dt.date(2026, 6, 29))
    staff.goto(f"/medewerkers/aanvraag/{application.public_id}/")
    expect(staff.get_by_text("De zoektijd loopt nog.", exact=False)).to_have_count(0)
    staff.get_by_label("Toekennen").check()
    staff.get_by_role("button", name="Besluit vastleggen").click()
    expect(staff.get_by_text("Het besluit is vastgelegd: toegekend.")).to_be_visible()
    axe.scan(staff)
    shot(staff, "5-besloten")
    decision = Decision.objects.get(application=application)
    assert not decision.automated and decision.decided_by.username == "karin"

    page.goto("/aanvragen/")
    expect(page.get_by_role("region", name="Bijstandsuitkering").get_by_text("Toegekend")).to_be_visible()
    shot(page, "6-toegekend")
    page.get_by_role("link", name="Bekijk aanvraag Bijstandsuitkering").click()
    expect(page.get_by_text("Uw aanvraag is toegekend.")).to_be_visible()
    axe.scan(page)
    assert axe.violations == [], "\n".join(axe.violations)
    assert PHONE["width"] == 390  # the resident's walk ran on a phone-sized page
