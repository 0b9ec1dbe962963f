"""Staff and city pass screens as people meet them (issue 19, items 7 and 9), in Debian's Chromium:
the pass officer finds a lost pass by the holder's name and replaces it; a provider's till books
(an amount error first, which keeps the pass), shows the balance, and reverses a booking only after
confirming; the till scans a pass's QR code through the camera (Chromium's fake camera plays a video
of the code) and still works when the camera is refused; the consultant's case page in Dutch with a
refusal's error at the top. axe-core scans every page at desktop (1280) and phone (390) width, the
phone never scrolls sideways, and every step is saved as a screenshot in MEEDOEN_SCREENSHOTS (default:
a new temporary folder, printed)."""

from __future__ import annotations

import io
import os
import re
import tempfile
from pathlib import Path

import pytest
import segno
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from meedoen.web.accounts.models import Role
from meedoen.web.applications import drafts
from meedoen.web.citypass import issuing
from meedoen.web.citypass.models import Budget, LedgerEntry, Pass
from tests.web import factories
from tests.web.citypass.conftest import ADULT, CHILD, make_provider
from tests.web.conftest import ANSWERS
from tests.web.e2e.conftest import FLAGS, PHONE
from tests.web.e2e.test_accessibility import log_in_staff

pytestmark = pytest.mark.e2e
DESKTOP = {"width": 1280, "height": 900}
RICH = {**ANSWERS, "inkomen": {"income": "4000"}}


@pytest.fixture(scope="module")
def folder() -> Path:
    path = Path(os.environ.get("MEEDOEN_SCREENSHOTS") or tempfile.mkdtemp(prefix="meedoen-staff-walk-"))
    path.mkdir(parents=True, exist_ok=True)
    print(f"screenshots: {path}")
    return path


class Camera:
    """Scans and photographs each step at desktop and phone width; the phone must not scroll sideways."""

    def __init__(self, page: Page, axe, folder: Path, walk: str) -> None:
        self.page, self.axe, self.folder, self.walk, self.n = page, axe, folder, walk, 0

    def __call__(self, step: str) -> None:
        self.n += 1
        for size, label in ((DESKTOP, "desktop"), (PHONE, "phone")):
            self.page.set_viewport_size(size)
            self.axe.scan(self.page)
            wide = self.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert wide <= 0, f"{self.walk} {step}: {wide}px sideways at {label} width"
            path = self.folder / f"{self.walk}-{self.n:02d}-{step}-{label}.png"
            self.page.screenshot(path=str(path), full_page=True)


def main_text(page: Page) -> str:
    return page.inner_text("main").replace("\xa0", " ")


def test_the_officer_finds_a_lost_pass_by_name_and_replaces_it(page: Page, axe, folder):
    camera = Camera(page, axe, folder, "1-stadspas-zoeken")
    fatima = factories.ResidentFactory(first_name="Fatima", last_name="Bakker", postcode="6521 AB")
    own, _ = issuing.issue(fatima, "nijmegen", "meedoenpas", [ADULT, CHILD])
    other = factories.ResidentFactory(first_name="Jan", last_name="de Vries")
    issuing.issue(other, "nijmegen", "meedoenpas", [ADULT])
    factories.UserFactory(username="stadspas", first_name="Sanne", last_name="Smit", role=Role.PASS_OFFICER)
    log_in_staff(page, "stadspas")
    staff_nav = page.get_by_role("navigation", name="Medewerkers")
    expect(staff_nav).to_contain_text("Pas zoeken")
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_have_count(0)
    camera("aanbieders")
    staff_nav.get_by_role("link", name="Pas zoeken").click()
    expect(page.get_by_role("heading", name="Pas zoeken", level=1)).to_be_visible()
    camera("zoekscherm")
    page.get_by_role("button", name="Pas zoeken").click()  # nothing filled in
    summary = page.locator(".meedoen-error-summary")
    expect(summary).to_contain_text("Vul minstens een van de velden in")
    expect(summary).to_be_focused()
    camera("zoeken-zonder-gegevens")
    page.get_by_label(re.compile("^Naam")).fill("bakker")
    page.get_by_role("button", name="Pas zoeken").click()
    expect(page.get_by_role("heading", name="2 passen gevonden")).to_be_visible()
    results = page.get_by_role("table", name="Gevonden passen")
    expect(results).to_contain_text("Fatima Bakker")
    expect(results).not_to_contain_text("Jan de Vries")
    camera("gevonden-op-naam")
    page.get_by_role("link", name=f"Pas {own.grouped_number} van Fatima Bakker openen").click()
    expect(page.get_by_role("heading", name=f"Pas {own.grouped_number}")).to_be_visible()
    camera("pas-geopend")
    page.get_by_role("button", name="Blokkeren en nieuwe pas maken").click()
    expect(page.get_by_text(re.compile(f"Pas {own.grouped_number} is geblokkeerd"))).to_be_visible()
    own.refresh_from_db()
    assert own.status == Pass.Status.BLOCKED and own.replaced_by is not None
    camera("pas-vervangen")
    assert axe.violations == [], "\n".join(axe.violations)


def test_a_till_books_shows_the_balance_and_reverses_after_confirming(page: Page, axe, folder):
    camera = Camera(page, axe, folder, "2-kassa")
    resident = factories.ResidentFactory()
    [card] = issuing.issue(resident, "nijmegen", "meedoenregeling", [ADULT])
    provider = make_provider("Muziekschool De Lindenberg", "40000002")
    provider.offers.create(name="Koor", category="cultuur", price_cents=4500)
    log_in_staff(page, provider.users.get().username)
    page.goto("/stadspas/aanbieder/")
    camera("kassa")
    page.get_by_label("Pasnummer").fill(card.grouped_number)
    page.get_by_role("button", name="Pas controleren").click()
    expect(page.get_by_role("heading", name="De pas is geldig")).to_be_visible()
    camera("pas-geldig")
    page.get_by_label("Bedrag in euro").fill("40.50")  # a point for the cents: refused, kept
    page.get_by_role("button", name="Afschrijven: Koor").click()
    expect(page.locator(".meedoen-error-summary")).to_contain_text("Bedrag:")
    expect(page.locator(".meedoen-error-summary")).to_be_focused()
    expect(page.get_by_label("Pasnummer")).to_have_value(card.number)
    expect(page.get_by_label("Bedrag in euro")).to_have_value("40.50")
    assert not LedgerEntry.objects.filter(kind="redemption").exists()
    camera("bedrag-fout")
    page.get_by_label("Bedrag in euro").fill("40,50")
    page.get_by_role("button", name="Afschrijven: Koor").click()
    expect(page.get_by_text("Afgeschreven: Koor, 40,50 euro.")).to_be_visible()
    assert "Er staat nog € 109,50 op de pas (Meedoen-regeling)." in main_text(page)
    assert Budget.objects.get().balance_cents == 15000 - 4050
    camera("afgeschreven-met-saldo")
    page.get_by_role("link", name=re.compile("Terugdraaien: Koor")).click()
    expect(page.get_by_role("heading", name="Boeking terugdraaien?")).to_be_visible()
    assert LedgerEntry.objects.filter(kind="reversal").count() == 0  # asking is not doing
    camera("terugdraaien-bevestigen")
    page.get_by_role("button", name="Ja, terugdraaien").click()
    expect(page.get_by_text("De boeking is teruggedraaid.")).to_be_visible()
    assert "er staat nu € 150,00 op (Meedoen-regeling)" in main_text(page)
    assert Budget.objects.get().balance_cents == 15000
    assert LedgerEntry.objects.filter(kind="reversal").count() == 1
    camera("teruggedraaid")
    assert axe.violations == [], "\n".join(axe.violations)


def qr_video(number: str, path: Path) -> Path:
    """A Y4M video (what Chromium's fake camera plays) of the pass's QR code on white."""
    png = io.BytesIO()
    segno.make(number, error="m", micro=False).save(png, kind="png", scale=10, border=4)
    code = Image.open(png).convert("L")
    frame = Image.new("L", (640, 480), 255)
    frame.paste(code, ((640 - code.width) // 2, (480 - code.height) // 2))
    chroma = bytes([128]) * (320 * 240)
    with path.open("wb") as out:
        out.write(b"YUV4MPEG2 W640 H480 F10:1 Ip A1:1 C420jpeg\n")
        for _ in range(10):
            out.write(b"FRAME\n" + frame.tobytes() + chroma + chroma)
    return path


def test_the_till_scans_a_pass_with_the_camera(browser: Browser, live_server, transactional_db, axe, folder):
    resident = factories.ResidentFactory()
    [card] = issuing.issue(resident, "nijmegen", "meedoenregeling", [ADULT])
    provider = make_provider("Zwembad De Dolfijn", "40000001")
    provider.offers.create(name="Zwemles", category="sport", price_cents=7500)
    video = qr_video(card.number, Path(tempfile.mkdtemp()) / "pas.y4m")
    flags = [
        *FLAGS,
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
        f"--use-file-for-fake-video-capture={video}",
    ]
    with_camera = browser.browser_type.launch(executable_path=browser_path(), args=flags)
    try:
        context = with_camera.new_context(
            viewport=PHONE, base_url=live_server.url, bypass_csp=True, locale="nl-NL", permissions=["camera"]
        )
        page = context.new_page()
        camera = Camera(page, axe, folder, "3-kassa-scannen")
        log_in_staff(page, provider.users.get().username)
        page.goto("/stadspas/aanbieder/")
        scan = page.get_by_role("button", name="QR-code scannen met de camera")
        expect(scan).to_be_visible()  # shown by the script: a camera can be used
        camera("scanner-beschikbaar")
        scan.click()
        expect(page.get_by_role("heading", name="De pas is geldig")).to_be_visible(timeout=20000)
        expect(page.get_by_label("Pasnummer")).to_have_value(card.number)
        camera("gescand-en-gecontroleerd")
        context.close()
    finally:
        with_camera.close()
    assert axe.violations == [], "\n".join(axe.violations)


def browser_path() -> str:
    from tests.web.e2e.conftest import CHROMIUM

    return CHROMIUM


def test_without_camera_permission_the_pass_number_still_works(page: Page, axe, folder):
    camera = Camera(page, axe, folder, "4-kassa-zonder-camera")
    resident = factories.ResidentFactory()
    [card] = issuing.issue(resident, "nijmegen", "meedoenregeling", [ADULT])
    provider = make_provider("Bibliotheek", "40000004")
    provider.offers.create(name="Lidmaatschap", category="cultuur", price_cents=3000)
    log_in_staff(page, provider.users.get().username)
    page.goto("/stadspas/aanbieder/")
    scan = page.get_by_role("button", name="QR-code scannen met de camera")
    if scan.is_visible():  # headless Chromium without a camera: the start fails and says so
        scan.click()
        expect(page.locator("[data-scanner-status]")).to_contain_text("Typ het pasnummer in.")
        expect(page.get_by_label("Pasnummer")).to_be_focused()
    camera("camera-geweigerd")
    page.get_by_label("Pasnummer").fill(card.number)
    page.get_by_role("button", name="Pas controleren").click()
    expect(page.get_by_role("heading", name="De pas is geldig")).to_be_visible()
    camera("handmatig-ingetypt")
    assert axe.violations == [], "\n".join(axe.violations)


def test_the_consultant_reads_the_case_in_dutch_and_a_refusal_error_at_the_top(page: Page, axe, folder, team):
    camera = Camera(page, axe, folder, "5-consulent")
    resident = factories.ResidentFactory(first_name="Sem", last_name="Jansen", postcode="6521 AB")
    [application] = drafts.submit(factories.draft_for(resident, RICH, schemes=("bijstand",)))
    factories.UserFactory(username="karin", role=Role.CONSULTANT, team=team)
    log_in_staff(page, "karin")
    expect(page.get_by_role("navigation", name="Medewerkers")).to_contain_text("Werkvoorraad")
    expect(page.get_by_role("cell", name="geen recht")).to_be_visible()
    camera("werkvoorraad")
    page.get_by_role("link", name="Sem Jansen").click()
    page.get_by_text("Alle rekenstappen").click()
    trace = page.get_by_role("table", name="Rekenstappen")
    expect(trace).to_contain_text("Leeftijd op de peildatum")
    text = trace.inner_text()
    assert not re.search(r"\b(True|False|applicant|single)\b", text)
    assert "Age in completed years" not in text
    camera("zaak-rekenstappen")
    page.get_by_label("Afwijzen").check()
    page.get_by_role("button", name="Besluit vastleggen").click()
    summary = page.locator(".meedoen-error-summary")
    expect(summary).to_contain_text("Leg de inwoner uit waarom u afwijst.")
    expect(summary).to_be_focused()
    assert summary.bounding_box()["y"] < page.get_by_role("heading", level=1).bounding_box()["y"]
    camera("afwijzen-zonder-motivering")
    summary.get_by_role("link").click()
    expect(page.get_by_label(re.compile("Motivering voor de inwoner"))).to_be_focused()
    application.refresh_from_db()
    assert application.is_open
    assert axe.violations == [], "\n".join(axe.violations)


def test_the_footer_pages_and_the_404_page(page: Page, axe, folder):
    camera = Camera(page, axe, folder, "6-site")
    page.goto("/")
    footer = page.get_by_role("contentinfo")
    for link, heading in (
        ("Contact", "Contact"),
        ("Privacyverklaring", "Privacyverklaring"),
        ("Toegankelijkheidsverklaring", "Toegankelijkheidsverklaring"),
    ):
        page.get_by_role("contentinfo").get_by_role("link", name=link).click()
        expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
        camera(link.lower())
    # Nijmegen's colours, not Utrecht's red: the footer and the primary button
    footer = page.locator("footer.utrecht-page-footer")
    assert footer.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(21, 124, 104)"
    page.goto("/bestaat-niet/")
    expect(page.get_by_role("heading", name="Deze pagina bestaat niet")).to_be_visible()
    camera("404")
    assert axe.violations == [], "\n".join(axe.violations)
