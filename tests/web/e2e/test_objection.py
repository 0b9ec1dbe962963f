"""An objection from filing to besluit op bezwaar, in a real browser (Debian's Chromium), with axe-core.

Resident: Mijn aanvragen -> the rejected Meedoen-regeling -> Bezwaar maken (a specific error first,
then grounds and a document) -> receipt. Jurist: bezwaar cases -> case -> plans the hearing (today) ->
decides gegrond. Resident: sees the changed decision, the status and the besluit op bezwaar (PDF text).
"""

from __future__ import annotations

import io
import re

import pytest
from django.template.defaultfilters import date
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from meedoen.web.accounts.models import Role
from meedoen.web.applications import drafts
from meedoen.web.citypass.models import Budget
from meedoen.web.decisions.models import Decision, Outcome
from meedoen.web.decisions.recording import record_decision
from meedoen.web.objections.models import Objection
from tests.web import factories
from tests.web.conftest import ANSWERS

pytestmark = pytest.mark.e2e
PASSWORD = "een-lang-wachtwoord-2026"
BSN = "999990019"


def pdf_text(pdf: bytes) -> str:
    return " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf)).pages).replace("\n", " ")


def log_in_resident(page: Page) -> None:
    page.goto("/inloggen/")
    page.get_by_label("Burgerservicenummer (BSN)").fill(BSN)
    page.get_by_role("button", name="Inloggen").click()


def log_in_staff(page: Page, username: str) -> None:
    page.goto("/inloggen/medewerkers/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Uitloggen").click()


def test_an_objection_from_filing_to_besluit_op_bezwaar(page: Page, axe, team, tmp_path):
    consultant = factories.UserFactory(username="karin", role=Role.CONSULTANT, team=team, first_name="Karin")
    factories.UserFactory(username="jurist", role=Role.JURIST, first_name="Sanne", last_name="de Jong")
    resident = factories.ResidentFactory(
        bsn=BSN, postcode="6521 AB", first_name="Fatima", last_name="el Amrani"
    )
    [application] = drafts.submit(factories.draft_for(resident, ANSWERS, ("meedoenregeling",)))
    rejected = record_decision(
        application, Outcome.REJECTED, by=consultant, motivation="Geen bewijs van inkomen."
    )

    # the resident files an objection from Mijn aanvragen
    log_in_resident(page)
    expect(page.get_by_role("heading", name="Mijn aanvragen")).to_be_visible()
    page.get_by_role("link", name=re.compile("Bekijk aanvraag Meedoen")).click()
    expect(page.get_by_text("Uw aanvraag is afgewezen.")).to_be_visible()
    axe.scan(page)
    page.get_by_role("link", name="Bezwaar maken tegen dit besluit").click()
    expect(page.get_by_role("heading", name="Bezwaar maken")).to_be_visible()
    axe.scan(page)
    page.get_by_role("button", name="Bezwaar versturen").click()  # empty grounds: a specific message
    expect(page.locator("#id_grounds_error")).to_contain_text("Schrijf op waarom u het niet eens bent")
    axe.scan(page)
    assert not Objection.objects.exists()
    page.get_by_label("Waarom bent u het niet eens met het besluit?").fill(
        "Mijn inkomen is wel laag genoeg. Ik stuur mijn loonstrook mee."
    )
    pdf = tmp_path / "loonstrook.pdf"
    pdf.write_bytes(factories.PDF)
    page.get_by_label(re.compile("Documenten meesturen")).set_input_files(str(pdf))
    page.get_by_role("button", name="Bezwaar versturen").click()
    expect(page.get_by_role("heading", name="Wij hebben uw bezwaar ontvangen")).to_be_visible()
    today = timezone.localdate()
    expect(page.get_by_role("status").filter(has_text="Ontvangen op")).to_contain_text(date(today, "j F Y"))
    expect(page.get_by_text("loonstrook.pdf")).to_be_visible()
    axe.scan(page)
    log_out(page)

    # the jurist plans a hearing and decides gegrond
    log_in_staff(page, "jurist")
    expect(page.get_by_role("heading", name="Bezwaarzaken")).to_be_visible()
    axe.scan(page)
    page.get_by_role("link", name="Fatima el Amrani").click()
    expect(page.get_by_role("heading", name=re.compile("Bezwaar Meedoen"))).to_be_visible()
    expect(page.get_by_text("Mijn inkomen is wel laag genoeg.")).to_be_visible()
    axe.scan(page)
    page.get_by_role("button", name="Hoorzitting plannen").click()  # no date: a specific message
    expect(page.get_by_text("Vul de datum van de hoorzitting in.")).to_be_visible()
    page.get_by_label("Datum hoorzitting").fill(today.isoformat())
    page.get_by_role("button", name="Hoorzitting plannen").click()
    expect(page.get_by_text(f"De hoorzitting is gepland op {today:%d-%m-%Y}.")).to_be_visible()
    page.get_by_label("Gegrond", exact=True).check()
    page.get_by_role("button", name="Besluit op bezwaar vastleggen").click()  # no motivation, no new decision
    expect(page.get_by_text("Schrijf de motivering op.")).to_be_visible()
    axe.scan(page)
    page.get_by_label("Gegrond", exact=True).check()
    page.get_by_label("Motivering").fill("Uit de loonstrook blijkt dat uw inkomen onder de grens ligt.")
    page.get_by_label("Nieuw besluit bij gegrond").select_option(label="Toegekend")
    page.get_by_role("button", name="Besluit op bezwaar vastleggen").click()
    expect(page.get_by_text("Het besluit op bezwaar is vastgelegd: gegrond.")).to_be_visible()
    axe.scan(page)
    log_out(page)

    # the decision changed, with its payments; the old one is kept
    application.refresh_from_db()
    new = application.decision
    assert new.granted and new.supersedes_id == rejected.pk
    assert not Decision.objects.get(pk=rejected.pk).in_force
    assert Budget.objects.get(pass_card__resident=resident).balance_cents == 15000

    # the resident sees the changed decision, the status and the letter
    log_in_resident(page)
    expect(page.get_by_text("Besluit op bezwaar: gegrond")).to_be_visible()
    page.get_by_role("link", name=re.compile("Bekijk aanvraag Meedoen")).click()
    expect(page.get_by_text("Uw aanvraag is toegekend.")).to_be_visible()
    expect(page.get_by_role("link", name="Bezwaar maken tegen dit besluit")).to_have_count(0)
    axe.scan(page)
    href = page.get_by_role("link", name=re.compile("besluit op bezwaar")).get_attribute("href")
    response = page.request.get(href)
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    text = pdf_text(response.body())
    for expected in (
        "Besluit op uw bezwaar: gegrond",
        "Uit de loonstrook blijkt dat uw inkomen onder de grens ligt.",
        "Toegekend",
        "Rechtbank Gelderland",
        "binnen 6 weken",
        "Sanne de Jong",
        "Gemeente Nijmegen",
    ):
        assert expected in text, expected
    assert re.search(r"WI-\d{4}-\d{6}", text)
    assert axe.violations == [], "\n".join(axe.violations)
    scanned = set(axe.scanned)
    for prefix in ("/bezwaar/besluit/", "/bezwaar/jurist/"):  # objections:file, queue and case
        assert any(p.startswith(prefix) for p in scanned), prefix
    assert any(p.endswith("/ontvangen/") for p in scanned)  # objections:filed
