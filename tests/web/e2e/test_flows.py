"""The whole journeys in a real browser, with an axe-core scan of every page on the way.

Resident: Regelingencheck -> log in (DigiD demo) -> apply with documents -> bijstand waits for a consultant.
Consultant: log in -> team queue -> case -> ask for information -> reject with a motivation.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect

from meedoen.web.accounts.models import Role
from meedoen.web.applications import drafts
from meedoen.web.applications.models import Application, Status
from tests.web import factories
from tests.web.conftest import ANSWERS

PASSWORD = "een-lang-wachtwoord-2026"
pytestmark = pytest.mark.e2e


def next_step(page: Page) -> None:
    page.get_by_role("button", name="Volgende").click()


def do_the_check(page: Page, axe) -> None:
    page.goto("/")
    axe.scan(page)
    page.get_by_role("link", name="Start de Regelingencheck").click()
    expect(page.get_by_text("Regelingencheck - stap 1 van 6")).to_be_visible()
    next_step(page)  # nothing filled in: the error stands next to the field
    expect(page.locator("#id_birth_date_error")).to_have_text("Vul uw geboortedatum in.")
    axe.scan(page)
    page.get_by_label("Wat is uw geboortedatum?").fill("1984-05-12")
    next_step(page)
    page.get_by_label("Nee").check()
    page.get_by_label("Hoeveel kinderen wonen bij u?").fill("0")
    page.get_by_label("Hoeveel andere volwassenen wonen bij u?").fill("0")
    axe.scan(page)
    next_step(page)
    page.get_by_label("Hoeveel geld krijgt u per maand?").fill("450")
    next_step(page)
    page.get_by_role("button", name="Vorige").click()  # back and forth keeps the answer
    expect(page.get_by_label("Hoeveel geld krijgt u per maand?")).to_have_value("450")
    next_step(page)
    page.get_by_label("Ik huur een woning").check()
    page.get_by_label("Hoeveel huur betaalt u per maand?").fill("650")
    page.get_by_label("Hoeveel betaalt u per maand voor gas en stroom?").fill("140")
    axe.scan(page)
    next_step(page)
    page.get_by_label("Hoeveel spaargeld en ander vermogen hebt u samen?").fill("1.200")
    next_step(page)
    expect(page.get_by_role("heading", name="Uw uitkomst")).to_be_visible()
    expect(page.get_by_role("heading", name="Bijstandsuitkering")).to_be_visible()
    axe.scan(page)


def test_resident_checks_applies_and_bijstand_waits_for_a_consultant(
    page: Page, axe, tmp_path, team, monkeypatch
):
    # a date with published amounts: no automated grant rests on provisional figures
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: dt.date(2026, 6, 1))
    do_the_check(page, axe)
    page.get_by_role("button", name="Nu aanvragen").click()
    expect(page).to_have_url(re.compile(r"/inloggen/"))
    axe.scan(page)
    page.get_by_label("Burgerservicenummer (BSN)").fill("999990019")
    page.get_by_role("button", name="Inloggen").click()
    axe.scan(page)
    page.get_by_role("button", name="Aanvraag starten").click()
    expect(page.get_by_label("Bijstandsuitkering")).to_be_checked()
    axe.scan(page)
    page.get_by_role("button", name="Opslaan en verder").click()
    page.get_by_label("Wat is uw naam?").fill("Fatima el Amrani")
    page.get_by_label("In welke straat woont u?").fill("Kerkstraat")
    page.get_by_label("Wat is uw huisnummer?").fill("12")
    page.get_by_label("Wat is uw postcode?").fill("6521 AB")
    page.get_by_label("In welke plaats woont u?").fill("Nijmegen")
    page.get_by_label("Wat is uw e-mailadres?").fill("fatima@example.org")
    page.get_by_label("Op welk rekeningnummer (IBAN) wilt u het geld krijgen?").fill("NL91 ABNA 0417 1643 00")
    axe.scan(page)
    page.get_by_role("button", name="Opslaan en verder").click()
    pdf = tmp_path / "bewijs.pdf"
    pdf.write_bytes(factories.PDF)
    for kind in ("Kopie van uw identiteitsbewijs", "Bankafschriften van de laatste 3 maanden"):
        page.get_by_label("Wat voor document is het?").select_option(label=kind)
        page.get_by_label("Kies het bestand").set_input_files(str(pdf))
        page.get_by_role("button", name="Document toevoegen").click()
        expect(page.get_by_text("Het document is toegevoegd.")).to_be_visible()
    axe.scan(page)
    page.get_by_role("button", name="Opslaan en verder").click()
    page.get_by_role("button", name="Aanvraag versturen").click()  # without the declaration: refused
    expect(page.locator("#id_truthful_error")).to_be_visible()
    axe.scan(page)
    page.get_by_label(re.compile("Ik heb alle vragen eerlijk")).check()
    page.get_by_role("button", name="Aanvraag versturen").click()
    expect(page.get_by_role("heading", name="Mijn aanvragen")).to_be_visible()
    # algemene bijstand is never decided automatically (issue 15): it waits for a consultant
    region = page.get_by_role("region", name="Bijstandsuitkering")
    expect(region.get_by_text("In behandeling")).to_be_visible()
    expect(region.get_by_text("U krijgt uiterlijk op", exact=False)).to_be_visible()
    axe.scan(page)
    page.get_by_role("link", name="Bekijk aanvraag Bijstandsuitkering").click()
    expect(page.get_by_text("Een consulent bekijkt uw aanvraag.", exact=False)).to_be_visible()
    axe.scan(page)
    application = Application.objects.get(scheme_id="bijstand")  # with the other schemes, in one go
    assert application.status == Status.IN_REVIEW and not hasattr(application, "decision")
    assert Application.objects.filter(submission=application.submission).count() > 1
    assert axe.violations == [], "\n".join(axe.violations)


def login_staff(page: Page, username: str) -> None:
    page.goto("/inloggen/medewerkers/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def test_consultant_asks_for_information_then_decides(page: Page, axe, team):
    factories.UserFactory(username="karin", role=Role.CONSULTANT, team=team, first_name="Karin")
    resident = factories.ResidentFactory(postcode="6521 AB", first_name="Jan", last_name="de Vries")
    rich = {**ANSWERS, "inkomen": {"income": "4000"}}
    [application] = drafts.submit(factories.draft_for(resident, rich, schemes=("bijstand",)))
    login_staff(page, "karin")
    expect(page.get_by_role("heading", name="Werkvoorraad Wijkteam Oost")).to_be_visible()
    axe.scan(page)
    page.get_by_label("Status").select_option("in_review")
    page.get_by_role("button", name="Filteren").click()
    page.get_by_role("link", name="Jan de Vries").click()
    expect(page.get_by_role("heading", name="Uitleg van de berekening")).to_be_visible()
    axe.scan(page)
    page.get_by_label("Welke informatie hebt u nodig?").fill("Wilt u uw laatste loonstrook sturen?")
    page.get_by_role("button", name="Vraag versturen").click()
    expect(page.get_by_text("Uw vraag is naar de inwoner gestuurd.")).to_be_visible()
    page.get_by_label("Afwijzen").check()
    page.get_by_role("button", name="Besluit vastleggen").click()  # a rejection without motivation
    expect(page.locator("#id_motivation_error")).to_have_text("Leg de inwoner uit waarom u afwijst.")
    axe.scan(page)
    page.get_by_label("Afwijzen").check()
    page.get_by_label("Motivering voor de inwoner").fill("Uw inkomen is hoger dan de bijstandsnorm.")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_text("Het besluit is vastgelegd: afgewezen.")).to_be_visible()
    axe.scan(page)
    application.refresh_from_db()
    assert application.status == Status.REJECTED and application.decision.decided_by.username == "karin"
    assert axe.violations == [], "\n".join(axe.violations)
