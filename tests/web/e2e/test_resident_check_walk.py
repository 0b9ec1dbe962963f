"""Four households walk the Regelingencheck in Chromium (issue 19): a single adult on bijstand, a single
parent working part-time, a couple with children renting, a pensioner. Every page is scanned with axe at
desktop (1280) and phone (390) width and photographed, and the outcome must tell one story: each amount
is the engine's for the household, the monthly total adds up exactly those, and what the household
already receives says "U krijgt dit al" and is not offered again.

Screenshots go to $MEEDOEN_SCREENSHOTS (default: a temporary folder, printed) for a reviewer.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from meedoen.rules.money import cents_of
from meedoen.web.calculation import evaluate
from meedoen.web.portal.questionnaire import Questionnaire

pytestmark = pytest.mark.e2e
DAY = dt.date(2026, 6, 1)  # published amounts: the walk does not depend on the day it runs
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}


def screenshot_dir() -> Path:
    folder = Path(os.environ.get("MEEDOEN_SCREENSHOTS") or tempfile.mkdtemp(prefix="meedoen-check-walk-"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@dataclass
class Household:
    name: str
    answers: dict[str, dict]  # as the contract's questionnaire stores them (for the engine)
    receives: list[str] = field(default_factory=list)  # labels of "Wat krijgt u nu al?"
    received_ids: list[str] = field(default_factory=list)
    asks_low_income: bool = True


HOUSEHOLDS = [
    Household(
        "1-alleenstaande-in-de-bijstand",
        {
            "over-u": {"birth_date": "1985-05-01"},
            "huishouden": {"partner": "nee", "children": "0", "housemates": "0"},
            "inkomen": {"income": "1100", "receives": ["bijstand"]},
            "wonen": {"kind": "rent", "rent": "650", "energy": "120"},
            "vermogen": {"assets": "500", "low_income_since": "2019-01-01"},
        },
        receives=["Bijstandsuitkering"],
        received_ids=["bijstand"],
    ),
    Household(
        "2-alleenstaande-ouder-deeltijd",
        {
            "over-u": {"birth_date": "1990-05-01"},
            "huishouden": {"partner": "nee", "children": "1", "housemates": "0"},
            "leeftijden": {"child_1_birth_date": "2016-03-01", "child_1_school": "po"},
            "inkomen": {"income": "1450", "receives": ["kinderbijslag"]},
            "wonen": {"kind": "rent", "rent": "720", "energy": "150"},
            "vermogen": {"assets": "1000", "low_income_since": ""},
        },
        receives=["Kinderbijslag"],
        received_ids=["kinderbijslag"],
        asks_low_income=False,  # above the supplement's income limit: the question cannot matter
    ),
    Household(
        "3-stel-met-kinderen-huur",
        {
            "over-u": {"birth_date": "1984-05-01"},
            "huishouden": {"partner": "ja", "children": "2", "housemates": "0"},
            "leeftijden": {
                "partner_birth_date": "1986-05-01",
                "child_1_birth_date": "2012-03-01",
                "child_1_school": "vo",
                "child_2_birth_date": "2018-03-01",
                "child_2_school": "po",
            },
            "inkomen": {"income": "1800", "partner_income": "400"},
            "wonen": {"kind": "rent", "rent": "850", "energy": "190"},
            "vermogen": {"assets": "2000", "low_income_since": ""},
        },
        asks_low_income=False,
    ),
    Household(
        "4-gepensioneerde",
        {
            "over-u": {"birth_date": "1950-05-01"},
            "huishouden": {"partner": "nee", "children": "0", "housemates": "0"},
            "inkomen": {"income": "1500", "receives": ["zorgtoeslag", "huurtoeslag"]},
            "wonen": {"kind": "rent", "rent": "600", "energy": "110"},
            "vermogen": {"assets": "8000"},
        },
        receives=["Zorgtoeslag", "Huurtoeslag"],
        received_ids=["zorgtoeslag", "huurtoeslag"],
        asks_low_income=False,  # past the AOW age the individual income supplement cannot apply
    ),
]


def nl_date(iso: str) -> str:
    return dt.date.fromisoformat(iso).strftime("%d-%m-%Y")


class Camera:
    """Scans and photographs each page at desktop and phone width."""

    def __init__(self, page: Page, axe, folder: Path, household: str) -> None:
        self.page, self.axe, self.folder, self.household, self.n = page, axe, folder, household, 0

    def __call__(self, step: str) -> None:
        self.n += 1
        for size, label in ((DESKTOP, "desktop"), (PHONE, "phone")):
            self.page.set_viewport_size(size)
            self.axe.scan(self.page)
            path = self.folder / f"{self.household}-{self.n:02d}-{step}-{label}.png"
            self.page.screenshot(path=str(path), full_page=True)


def next_step(page: Page) -> None:
    page.get_by_role("button", name="Volgende").click()


def walk(page: Page, camera: Camera, h: Household) -> None:
    a = h.answers
    page.goto("/regelingencheck/")
    camera("over-u")
    next_step(page)  # nothing filled in: the summary at the top is announced and has the focus
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name=re.compile("Wat is uw geboortedatum"))).to_be_visible()
    camera("over-u-fout")
    page.get_by_label("Wat is uw geboortedatum?").fill(a["over-u"]["birth_date"])
    next_step(page)
    house = a["huishouden"]
    page.get_by_label("Ja" if house["partner"] == "ja" else "Nee", exact=True).check()
    page.get_by_label("Hoeveel kinderen wonen bij u?").fill(house["children"])
    page.get_by_label("Hoeveel andere volwassenen wonen bij u?").fill(house["housemates"])
    camera("huishouden")
    next_step(page)
    if "leeftijden" in a:
        ages = a["leeftijden"]
        if "partner_birth_date" in ages:
            page.get_by_label("Geboortedatum van uw partner").fill(ages["partner_birth_date"])
        for i in range(1, int(house["children"]) + 1):
            page.get_by_label(f"Geboortedatum van kind {i}").fill(ages[f"child_{i}_birth_date"])
            page.get_by_label(f"Naar welke school gaat kind {i}?").select_option(ages[f"child_{i}_school"])
        camera("leeftijden")
        next_step(page)
    income = a["inkomen"]
    page.get_by_label("Hoeveel geld krijgt u per maand?").fill(income["income"])
    if "partner_income" in income:
        page.get_by_label("Hoeveel geld krijgt uw partner per maand?").fill(income["partner_income"])
    boxes = page.get_by_role("group", name=re.compile("Wat krijgt u nu al"))
    expect(boxes).to_be_visible()
    for label in h.receives:
        boxes.get_by_label(label, exact=True).check()
    camera("inkomen")
    next_step(page)
    living = a["wonen"]
    page.get_by_label("Ik huur een woning").check()
    expect(page.get_by_text("(verplicht als u huurt)")).to_be_visible()
    page.get_by_label("Hoeveel huur betaalt u per maand?").fill(living["rent"])
    page.get_by_label("Hoeveel betaalt u per maand voor gas en stroom?").fill(living["energy"])
    camera("wonen")
    next_step(page)
    wealth = a["vermogen"]
    page.get_by_label("Hoeveel spaargeld en ander vermogen hebt u samen?").fill(wealth["assets"])
    low = page.get_by_label("Sinds wanneer hebt u een laag inkomen?")
    if h.asks_low_income:
        expect(low).to_be_visible()
        if wealth.get("low_income_since"):
            low.fill(wealth["low_income_since"])
    else:
        expect(low).to_have_count(0)  # asked only when the answer can change an outcome
    camera("vermogen")
    next_step(page)
    expect(page.get_by_role("heading", name="Uw uitkomst")).to_be_visible()


def engine_outcome(h: Household) -> dict:
    household, _ = Questionnaire(h.answers).household("nijmegen", DAY)
    return evaluate(household)


def check_the_story(page: Page, h: Household) -> None:
    result = engine_outcome(h)
    per_year = {"month": 12, "quarter": 4, "year": 1}
    year_cents = 0
    for scheme in result["schemes"]:
        section = page.locator(f"section:has(#regeling-{scheme['id']})")
        expect(section).to_have_count(1)
        amounts = section.locator("[data-amount]")
        if scheme["id"] in h.received_ids:
            expect(section.get_by_text("U krijgt dit al", exact=True)).to_be_visible()
            expect(section.get_by_text("Waarschijnlijk wel")).to_have_count(0)
            expect(amounts).to_have_count(0)
            continue
        if scheme["eligible"] and scheme["amount"]:
            expect(amounts).to_have_attribute("data-amount", str(scheme["amount"]))
            if scheme["period"] in per_year:
                year_cents += cents_of(scheme["amount"]) * per_year[scheme["period"]]
        else:
            expect(amounts).to_have_count(0)  # no right, or no fixed amount: never "€ 0,00"
    expect(page.locator("main")).not_to_contain_text("€ 0,00")
    expect(page.locator("main")).not_to_contain_text("bij Meedoen")
    if year_cents:
        total = page.locator("[data-total-cents]")
        expect(total).to_have_attribute("data-total-cents", str((year_cents + 6) // 12))
        expect(total).to_contain_text("per maand")
    if h.received_ids:
        expect(page.get_by_role("heading", name="Dit krijgt u al")).to_be_visible()
        offered = page.locator("main").inner_text().split("Dit krijgt u al")[0]
        names = [s["name"] for s in result["schemes"] if s["id"] in h.received_ids]
        for name in names:
            assert "Niet in dit totaal, want u krijgt het al" in offered
            assert f"\n{name}\n" not in offered.split("Hier hebt u waarschijnlijk recht op", 1)[-1]
    meedoen = next(s for s in result["schemes"] if s["id"] == "meedoenregeling")
    if meedoen["eligible"]:
        card = page.locator("section:has(#regeling-meedoenregeling)").inner_text().replace("\xa0", " ")
        said = re.search(r"voor (\d+) perso(?:on|nen): samen € ([\d.,]+) per jaar", card)
        assert said and cents_of(said[2].replace(".", "").replace(",", ".")) == cents_of(meedoen["amount"])
    expect(page.get_by_role("heading", name="Zo hebben wij gerekend")).to_be_visible()
    expect(page.get_by_text("De bijstandsnorm voor uw huishouden, met vakantiegeld")).to_be_visible()


@pytest.mark.parametrize("h", HOUSEHOLDS, ids=[h.name for h in HOUSEHOLDS])
def test_four_households_read_one_consistent_story(page: Page, axe, monkeypatch, h: Household):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: DAY)
    folder = screenshot_dir()
    camera = Camera(page, axe, folder, h.name)
    walk(page, camera, h)
    check_the_story(page, h)
    details = page.locator("details").first
    details.locator("summary").click()  # the catalogue's texts open in place
    expect(details.get_by_role("heading", name="Hoe vraagt u het aan?")).to_be_visible()
    camera("uitkomst")
    print(f"screenshots: {folder}")
    assert axe.violations == [], "\n".join(axe.violations)


def test_applying_review_shows_every_answer_and_needs_the_documents(
    page: Page, axe, monkeypatch, tmp_path, team
):
    """After the check: the scheme choice is a checkbox list, a wrong IBAN keeps what was typed and the
    summary takes the focus, the review shows every answer and refuses sending without the documents."""
    from tests.web import factories

    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: DAY)
    folder = screenshot_dir()
    camera = Camera(page, axe, folder, "5-aanvraag")
    h = HOUSEHOLDS[0]
    walk(page, Camera(page, axe, folder, "5-aanvraag-check"), h)
    page.get_by_role("button", name="Nu aanvragen").click()
    page.get_by_label("Burgerservicenummer (BSN)").fill("999990019")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("button", name="Aanvraag starten").click()
    expect(page.get_by_label("Bijstandsuitkering")).to_have_count(0)  # already received: not offered
    boxes = page.get_by_role("checkbox")
    expect(boxes.first).to_have_class(re.compile("utrecht-checkbox"))
    for box in boxes.all():
        box.uncheck()
    page.get_by_label("Individuele inkomenstoeslag").check()  # needs bank statements
    camera("regelingen")
    page.get_by_role("button", name="Opslaan en verder").click()
    page.get_by_label("Wat is uw naam?").fill("Sem Jansen")
    page.get_by_label("In welke straat woont u?").fill("Hatertseweg")
    page.get_by_label("Wat is uw huisnummer?").fill("12a")
    page.get_by_label("Wat is uw postcode?").fill("6521 AB")
    page.get_by_label("In welke plaats woont u?").fill("Nijmegen")
    page.get_by_label("Wat is uw e-mailadres?").fill("sem@example.org")
    page.get_by_label("Op welk rekeningnummer (IBAN) wilt u het geld krijgen?").fill("NL00 FOUT")
    page.get_by_role("button", name="Opslaan en verder").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    expect(page.get_by_label("In welke straat woont u?")).to_have_value("Hatertseweg")  # kept
    camera("gegevens-fout")
    page.get_by_label("Op welk rekeningnummer (IBAN) wilt u het geld krijgen?").fill("NL91 ABNA 0417 1643 00")
    page.get_by_role("button", name="Opslaan en verder").click()
    camera("documenten")
    page.get_by_role("button", name="Opslaan en verder").click()  # on without the bank statements
    expect(page.get_by_text("Er ontbreken nog documenten.")).to_be_visible()
    for answer in ("Hatertseweg 12A", "Wat is uw geboortedatum?", "01-05-1985", "Wat krijgt u nu al?"):
        expect(page.locator("main")).to_contain_text(answer)
    camera("controleren")
    page.get_by_label(re.compile("Ik heb alle vragen eerlijk")).check()
    page.get_by_role("button", name="Aanvraag versturen").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Deze documenten ontbreken nog: bankafschriften")
    camera("controleren-geweigerd")
    page.get_by_role("link", name="Documenten toevoegen").first.click()
    pdf = tmp_path / "bank.pdf"
    pdf.write_bytes(factories.PDF)
    page.get_by_label("Wat voor document is het?").select_option(
        label="Bankafschriften van de laatste 3 maanden"
    )
    page.get_by_label("Kies het bestand").set_input_files(str(pdf))
    page.get_by_role("button", name="Document toevoegen").click()
    page.get_by_role("button", name="Opslaan en verder").click()
    expect(page.get_by_text("Er ontbreken nog documenten.")).to_have_count(0)
    page.get_by_label(re.compile("Ik heb alle vragen eerlijk")).check()
    page.get_by_role("button", name="Aanvraag versturen").click()
    expect(page.get_by_role("heading", name="Mijn aanvragen")).to_be_visible()
    camera("verstuurd")
    assert axe.violations == [], "\n".join(axe.violations)


def test_the_offer_at_the_door_names_what_is_known_and_what_is_assumed(page: Page, axe, monkeypatch, team):
    """Item 8: the outreach worker's offer starts from the resident's earlier application."""
    from meedoen.web.accounts.models import Role
    from meedoen.web.vroegsignalering.models import SignalCase
    from tests.web import factories
    from tests.web.vroegsignalering.conftest import store

    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: DAY)
    store({"bsn": "999990019"}, today=DAY)
    resident = factories.ResidentFactory(bsn="999990019", postcode="6521 AB")
    factories.draft_for(resident, HOUSEHOLDS[2].answers, schemes=("meedoenregeling",))
    factories.UserFactory(username="fatima", role=Role.OUTREACH_WORKER, team=team)
    page.goto("/inloggen/medewerkers/")
    page.get_by_label("Gebruikersnaam").fill("fatima")
    page.get_by_label("Wachtwoord").fill("een-lang-wachtwoord-2026")
    page.get_by_role("button", name="Inloggen").click()
    page.goto(f"/vroegsignalering/zaak/{SignalCase.objects.get().pk}/aanbod/")
    expect(page.get_by_role("heading", name="Waar de cijfers vandaan komen")).to_be_visible()
    expect(page.get_by_text("Huur per maand: uit aanvraag van", exact=False)).to_be_visible()
    expect(page.get_by_label("Aantal kinderen")).to_have_value("2")
    Camera(page, axe, screenshot_dir(), "6-aanbod-aan-de-deur")("aanbod")
    assert axe.violations == [], "\n".join(axe.violations)
