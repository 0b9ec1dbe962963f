"""Saved, shared, followed up; a change reported; the plan agreed; the job question (issue 19 items
3-6) in Debian's Chromium, with axe at phone (390) and desktop (1280) width on every page and a
screenshot of each step in MEEDOEN_SCREENSHOTS (default: a temporary folder).

Resident: log in -> the check result -> keep it -> mail it (arrives at a local SMTP server) -> was this
useful -> the follow-up mail 14 days later and its form -> does this job pay -> report a new income,
consequences, confirm -> read the plan and agree. Consultant: sees the agreement, the change in the
queue and asks the job question for the client. Policy adviser: reads the feedback.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from pathlib import Path

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from playwright.sync_api import Page, expect

from meedoen.web.accounts.models import Role
from meedoen.web.applications import drafts
from meedoen.web.applications.models import Status
from meedoen.web.casework.models import Plan, PlanStep
from meedoen.web.changes.models import ChangeReport
from meedoen.web.followup.models import Feedback, FollowupAnswer, PlanResponse, ResultMail, SavedResult
from meedoen.web.followup.tasks import send_due_followups
from meedoen.web.portal.questionnaire import SESSION_KEY
from meedoen.web.queue.jobs import run_pending
from tests.web import factories
from tests.web.conftest import ANSWERS
from tests.web.e2e.test_accessibility import log_in_staff
from tests.web.smtp_server import Inbox, smtp_fixture  # noqa: F401  (the smtp fixture)

pytestmark = pytest.mark.e2e
BSN = "999990019"
FOLDER = Path(os.environ.get("MEEDOEN_SCREENSHOTS") or tempfile.mkdtemp(prefix="meedoen-followup-screens-"))
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}


class Walk:
    """Each step: axe at phone and desktop width, and a screenshot of both."""

    def __init__(self, page: Page, axe) -> None:
        self.page, self.axe, self.number = page, axe, 0
        FOLDER.mkdir(parents=True, exist_ok=True)

    def step(self, name: str) -> None:
        self.number += 1
        for size, label in ((DESKTOP, "desktop"), (PHONE, "phone")):
            self.page.set_viewport_size(size)
            self.axe.scan(self.page)
            self.page.screenshot(path=str(FOLDER / f"{self.number:02d}-{name}-{label}.png"), full_page=True)


def _answers_in_session(page: Page) -> None:
    """The check's answers, as the questionnaire stores them (its own steps are walked in test_flows.py)."""
    [cookie] = [c for c in page.context.cookies() if c["name"] == "sessionid"]
    session = SessionStore(session_key=cookie["value"])
    session[SESSION_KEY] = ANSWERS
    session.save()


@pytest.fixture
def world(team):
    consultant = factories.UserFactory(username="karin", role=Role.CONSULTANT, team=team, first_name="Karin")
    resident = factories.ResidentFactory(
        bsn=BSN, username=f"inwoner-{BSN}", first_name="Fatima", last_name="el Amrani", postcode="6521 AB"
    )
    client = factories.casework_client(team, consultant, spell_start=dt.date(2025, 1, 1))
    client.resident = resident  # the factory made a resident of its own; this one logs in with DigiD
    client.save()
    plan = Plan.objects.create(
        client=client,
        goals="Ik wil weer aan het werk in de zorg, eerst een paar uur per week.",
        made_on=timezone.localdate() - dt.timedelta(days=7),
        review_on=timezone.localdate() + dt.timedelta(days=90),
        made_by=consultant,
    )
    PlanStep.objects.create(
        plan=plan,
        what="Kennismaken bij het verpleeghuis",
        who="Inwoner",
        due_on=timezone.localdate() + dt.timedelta(days=14),
    )
    drafts.submit(factories.draft_for(resident, ANSWERS, ("bijstand", "meedoenregeling")))
    return {"resident": resident, "consultant": consultant, "client": client, "plan": plan}


def test_resident_keeps_mails_rates_follows_up_changes_and_agrees(
    page: Page, axe, world, smtp: Inbox, settings
):
    settings.SITE_URL = "http://testserver.invalid"
    walk = Walk(page, axe)
    page.goto("/inloggen/")
    page.get_by_label("Burgerservicenummer (BSN)").fill(BSN)
    page.get_by_role("button", name="Inloggen").click()
    _answers_in_session(page)

    # Keep the result
    page.goto("/regelingencheck/uitkomst/")
    expect(page.get_by_role("heading", name="Uw uitkomst")).to_be_visible()
    walk.step("uitkomst-met-bewaren-mailen-nuttig")
    page.get_by_role("button", name="Bewaar deze uitkomst").click()
    expect(page.get_by_text("Uw uitkomst is bewaard.")).to_be_visible()
    walk.step("bewaarde-uitkomsten")
    page.get_by_role("link", name=re.compile("Uitkomst van")).click()
    expect(page.get_by_role("button", name="Open de check met deze antwoorden")).to_be_visible()
    walk.step("bewaarde-uitkomst")
    assert SavedResult.objects.filter(resident=world["resident"]).count() == 1

    # Mail it: a wrong address first
    page.goto("/regelingencheck/uitkomst/")
    page.get_by_label("Mail de uitkomst naar mij").fill("fatima@")
    page.get_by_role("button", name="Mail mij de uitkomst").click()
    expect(page.locator("#id_email_error")).to_have_text("Vul een e-mailadres in zoals naam@voorbeeld.nl.")
    walk.step("mailen-fout")
    page.get_by_label("Uw e-mailadres").fill("fatima@example.org")
    page.get_by_label("Stuur mij over 14 dagen één vraag").check()
    page.get_by_role("button", name="Mail mij de uitkomst").click()
    expect(page.get_by_text("Wij sturen de uitkomst naar fatima@example.org.")).to_be_visible()
    run_pending()
    [message] = smtp.wait_for(1)
    assert message["To"] == "fatima@example.org" and "Bijstand" in Inbox.body(message)
    walk.step("uitkomst-gemaild")

    # Was this useful?
    useful = page.locator("form", has=page.get_by_text("Was dit nuttig?"))
    useful.get_by_label("Ja", exact=True).check()
    useful.get_by_label("Wilt u nog iets zeggen?").fill("Fijn dat ik het kan bewaren.")
    useful.get_by_role("button", name="Verstuur").click()
    expect(page.get_by_text("Bedankt voor uw antwoord.")).to_be_visible()
    assert Feedback.objects.get().text == "Fijn dat ik het kan bewaren."

    # Fourteen days later: the follow-up question
    mail = ResultMail.objects.get()
    ResultMail.objects.filter(pk=mail.pk).update(followup_due=timezone.localdate())
    send_due_followups(timestamp=0)
    run_pending()
    follow = smtp.wait_for(2)[1]
    link = re.search(r"http://testserver\.invalid(/vervolg/\S+/)", Inbox.body(follow)).group(1)
    page.goto(link)
    expect(page.get_by_role("heading", name="Heeft u het aangevraagd?")).to_be_visible()
    walk.step("vervolgvraag")
    for scheme in mail.eligible:
        page.get_by_role("group", name=f"{scheme['name']}: heeft u het aangevraagd?").get_by_label(
            "Nee"
        ).check()
        page.get_by_label(f"{scheme['name']}: wat hield u tegen?").select_option("papers")
    page.get_by_role("button", name="Verstuur").click()
    expect(page.get_by_text("Uw e-mailadres hebben wij nu gewist.")).to_be_visible()
    walk.step("vervolgvraag-bedankt")
    assert FollowupAnswer.objects.filter(obstacle="papers").count() == len(mail.eligible)

    # Does this job pay?
    page.goto("/regelingencheck/uitkomst/")
    page.get_by_role("link", name="Reken uit wat een baan u per maand oplevert").click()
    walk.step("loont-werk")
    page.get_by_label("Brutoloon per maand").fill("1000")
    page.get_by_role("button", name="Reken uit").click()
    expect(page.get_by_role("heading", name="Wat levert de baan op?")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("met vrijlating")
    walk.step("loont-werk-uitkomst")

    # Report a change
    page.get_by_role("link", name="Wijziging doorgeven").first.click()
    walk.step("wijziging-start")
    page.get_by_role("link", name="Mijn inkomen").click()
    field = page.get_by_label(re.compile("per maand"))
    field.first.fill("heel veel")
    page.get_by_role("button", name="Bekijk de gevolgen").click()
    expect(page.get_by_text("Er klopt nog iets niet.")).to_be_visible()
    walk.step("wijziging-fout")
    field.first.fill("2600")
    page.get_by_role("button", name="Bekijk de gevolgen").click()
    expect(page.get_by_role("heading", name="Gevolgen van uw wijziging")).to_be_visible()
    expect(
        page.locator("section", has=page.get_by_role("heading", name=re.compile("Bijstand")))
    ).to_contain_text("Geen recht")
    walk.step("wijziging-gevolgen")
    page.get_by_role("button", name="Klopt, geef de wijziging door").click()
    expect(page.get_by_text("Uw wijziging is doorgegeven.")).to_be_visible()
    walk.step("wijziging-doorgegeven")
    report = ChangeReport.objects.get()
    assert report.confirmed_at and all(
        a.status == Status.IN_REVIEW for a in report.submission.applications.all()
    )

    # The plan
    page.get_by_role("link", name="Mijn plan").click()
    expect(page.get_by_text("eerst een paar uur per week")).to_be_visible()
    walk.step("mijn-plan")
    page.get_by_label("Ja, ik ben het eens").check()
    page.get_by_role("button", name="Verstuur mijn antwoord").click()
    expect(page.get_by_text("Fijn dat u het eens bent.")).to_be_visible()
    walk.step("mijn-plan-eens")
    assert PlanResponse.objects.get().agreed

    # The consultant sees the agreement and the change, and asks the job question for the client
    page.get_by_role("button", name="Uitloggen").click()
    log_in_staff(page, "karin")
    page.goto(f"/medewerkers/klanten/{world['client'].pk}/")
    expect(page.get_by_text("Eens met het plan")).to_be_visible()
    walk.step("consulent-klant-plan-eens")
    page.goto("/medewerkers/werkvoorraad/")
    changed = report.submission.applications.first()
    expect(page.locator(f"a[href='/medewerkers/aanvraag/{changed.public_id}/']")).to_have_count(1)
    page.goto(f"/medewerkers/klanten/{world['client'].pk}/")
    page.get_by_role("link", name=re.compile("Loont werk")).click()
    page.get_by_label("Uren per week").fill("24")
    page.get_by_label("Brutoloon per uur").fill("14,40")
    page.get_by_role("button", name="Reken uit").click()
    expect(page.get_by_role("heading", name="Wat levert de baan op?")).to_be_visible()
    walk.step("consulent-loont-werk")

    # The policy adviser reads the feedback and the follow-up counts
    page.get_by_role("button", name="Uitloggen").click()
    factories.UserFactory(username="beleid", role=Role.POLICY_ADVISER, team=None)
    log_in_staff(page, "beleid")
    page.goto("/medewerkers/feedback/")
    expect(page.get_by_text("Fijn dat ik het kan bewaren.")).to_be_visible()
    walk.step("feedback-medewerkers")

    assert axe.violations == [], "\n".join(axe.violations)
    assert len(axe.scanned) >= 2 * 18
