"""The decision letter in a real browser: the resident downloads it from Mijn aanvragen, the consultant
of the team from the case page; both get the same PDF, read back as text (pypdf)."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from meedoen.web.accounts.models import Role
from meedoen.web.applications import drafts
from meedoen.web.decisions.models import Decision, Outcome
from meedoen.web.letters import case_number
from tests.web import factories
from tests.web.conftest import ANSWERS

PASSWORD = "een-lang-wachtwoord-2026"
pytestmark = pytest.mark.e2e
LAW = {"title": "Participatiewet art. 35", "url": "https://wetten.overheid.nl/BWBR0015703/2026-01-01#Artikel35",
       "id": "BWBR0015703", "article": "35", "kind": "law"}  # fmt: skip


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in reader.pages))


def link_targets(pdf: bytes) -> set[str]:
    annots = [a.get_object() for p in PdfReader(io.BytesIO(pdf)).pages for a in p.get("/Annots") or []]
    return {a["/A"]["/URI"] for a in annots if "/A" in a and "/URI" in a["/A"]}


def test_resident_and_consultant_read_the_same_decision_letter(page: Page, axe, team):
    karin = factories.UserFactory(
        username="karin", role=Role.CONSULTANT, team=team, first_name="Karin", last_name="Jansen"
    )
    resident = factories.ResidentFactory(bsn="999990019", postcode="6521 AB")
    submission = factories.draft_for(resident, ANSWERS, schemes=("meedoenregeling",))
    submission.full_name, submission.street, submission.house_number = "Fatima el Amrani", "Groenestraat", "7"
    submission.postcode, submission.city = "6521 AB", "Nijmegen"
    submission.save()
    [application] = drafts.submit(submission)
    Decision.objects.filter(application=application).delete()
    decision = Decision.objects.create(
        application=application, outcome=Outcome.GRANTED, amount_cents=27500, period="year",
        peildatum=dt.date(2026, 3, 2), reasons=[{"code": "ok", "text": "Uw inkomen is lager dan de grens."}],
        references=[LAW], scheme_status={"status": "final"}, parameter_version="e2e", decided_by=karin,
    )  # fmt: skip
    Decision.objects.filter(pk=decision.pk).update(
        decided_at=timezone.make_aware(dt.datetime(2026, 3, 2, 10))
    )

    # The resident: Mijn aanvragen -> the application -> the letter.
    page.goto("/inloggen/")
    page.get_by_label("Burgerservicenummer (BSN)").fill("999990019")
    page.get_by_role("button", name="Inloggen").click()
    page.goto(f"/aanvragen/{application.public_id}/")
    link = page.get_by_role("link", name=re.compile("Lees de brief"))
    expect(link).to_be_visible()
    axe.scan(page)
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    text = pdf_text(response.body())
    number = case_number(application)
    for expected in (
        "Fatima el Amrani", "Groenestraat 7", "6521 AB Nijmegen", f"Zaaknummer {number}",
        "€ 275,00 per jaar", "Participatiewet, artikel 35", "Participatiewet, artikel 17",
        "binnen 6 weken", "uiterlijk op maandag 13 april 2026",
        "College van burgemeester en wethouders van de gemeente Nijmegen Postbus 9105 6500 HG Nijmegen",
        "genomen door Karin Jansen",
    ):  # fmt: skip
        assert expected in text, expected
    assert "999990019" not in text
    origin = page.url.split("/aanvragen/")[0]
    assert "Online bezwaar maken: log in met DigiD en ga naar Mijn aanvragen" in text
    assert origin + reverse("objections:file", args=[decision.public_id]) in link_targets(response.body())
    page.get_by_role("button", name="Uitloggen").click()

    # The consultant of the team: the case page links the same letter.
    page.goto("/inloggen/medewerkers/")
    page.get_by_label("Gebruikersnaam").fill("karin")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.goto(f"/medewerkers/aanvraag/{application.public_id}/")
    link = page.get_by_role("link", name=re.compile("Besluitbrief"))
    expect(link).to_be_visible()
    consultant_text = pdf_text(page.request.get(link.get_attribute("href")).body())
    assert f"Zaaknummer {number}" in consultant_text and "Fatima el Amrani" in consultant_text
    assert axe.violations == [], "\n".join(axe.violations)
