"""Wijziging doorgeven (issue 19 item 4): a new income is evaluated for every scheme the resident has,
the consequences are shown before confirming, and changed schemes land with the consultant (a declared
change never decides automatically)."""

from __future__ import annotations

import pytest
from django.test import Client

from meedoen.web.accounts.models import Role
from meedoen.web.applications import drafts
from meedoen.web.applications.models import Application, Status
from meedoen.web.audit.models import AuditEntry
from meedoen.web.changes.models import ChangeReport
from meedoen.web.changes.service import DECLARED
from meedoen.web.decisions.models import Decision
from tests.web import factories
from tests.web.conftest import ANSWERS, logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def applied(resident, team):
    """The resident applied for bijstand and the Meedoenregeling with the standard answers."""
    return drafts.submit(factories.draft_for(resident, ANSWERS, ("bijstand", "meedoenregeling")))


def shown_on(page: str) -> list[str]:
    """The questions a change page showed (its hidden "shown" fields), as a browser posts them back."""
    return [part.split('"')[0] for part in page.split('name="shown" value="')[1:]]


def report_income(browser: Client, income: str):
    shown = shown_on(browser.get("/mijn/wijziging/income/").content.decode())
    return browser.post("/mijn/wijziging/income/", {"income": income, "shown": shown})


def test_a_new_income_shows_its_consequences_and_goes_to_the_consultant(resident, applied, consultant):
    browser = logged_in(resident)
    start = browser.get("/mijn/wijziging/").content.decode()
    assert "Mijn inkomen" in start and "Bijstand" in start
    form = browser.get("/mijn/wijziging/income/")
    assert form.status_code == 200 and 'value="450"' in form.content.decode()
    response = report_income(browser, "2600")
    assert response.status_code == 302, response.content.decode()[:3000]
    report = ChangeReport.objects.get(resident=resident)
    by_scheme = {c["scheme_id"]: c for c in report.consequences}
    assert set(by_scheme) == {"bijstand", "meedoenregeling"}
    # 2600 a month is far above the bijstand norm for a single adult: no more bijstand
    assert by_scheme["bijstand"]["after_eligible"] is False and by_scheme["bijstand"]["changed"]
    page = browser.get(response.url).content.decode()
    assert (
        "Gevolgen van uw wijziging" in page
        and "Geen recht" in page
        and "Klopt, geef de wijziging door" in page
    )
    applications_before = Application.objects.count()
    assert applications_before == len(applied)  # nothing changed before confirming

    browser.post(f"/mijn/wijziging/{report.public_id}/bevestigen/")
    report.refresh_from_db()
    assert report.confirmed_at is not None
    new = list(report.submission.applications.all())
    assert {a.scheme_id for a in new} == {c["scheme_id"] for c in report.changed}
    for application in new:
        assert application.status == Status.IN_REVIEW
        note = application.events.latest("id").note
        assert "Wijziging, niet automatisch besloten." in note and DECLARED in note
    assert not Decision.objects.filter(application__in=new).exists()
    # the consultant of the team sees it in the queue
    queue = logged_in(consultant).get("/medewerkers/werkvoorraad/")
    assert queue.status_code == 200
    assert f"/medewerkers/aanvraag/{new[0].public_id}/" in queue.content.decode()
    # confirming twice changes nothing
    browser.post(f"/mijn/wijziging/{report.public_id}/bevestigen/")
    assert Application.objects.count() == applications_before + len(new)


def test_bad_input_is_named_and_changes_nothing(resident, applied):
    browser = logged_in(resident)
    response = report_income(browser, "veel")
    assert response.status_code == 400
    assert "Vul een bedrag in euro in" in response.content.decode()
    assert 'value="veel"' in response.content.decode()  # what was typed stays
    assert not ChangeReport.objects.exists()
    assert browser.get("/mijn/wijziging/salaris/").status_code == 404


def test_without_an_application_there_is_nothing_to_change(resident):
    browser = logged_in(resident)
    assert "nog geen aanvraag verstuurd" in browser.get("/mijn/wijziging/").content.decode()
    assert browser.get("/mijn/wijziging/income/").status_code == 302


def test_a_rent_change_that_changes_nothing_says_so(resident, applied):
    browser = logged_in(resident)
    response = browser.post(
        "/mijn/wijziging/rent/",
        {**ANSWERS["wonen"], "shown": shown_on(browser.get("/mijn/wijziging/rent/").content.decode())},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    report = ChangeReport.objects.get()
    assert report.changed == []
    browser.post(f"/mijn/wijziging/{report.public_id}/bevestigen/")
    report.refresh_from_db()
    assert report.confirmed_at is not None and report.submission is None


def test_change_reports_are_the_residents_own(
    resident, other_resident, applied, consultant, other_consultant
):
    browser = logged_in(resident)
    report_income(browser, "2600")
    report = ChangeReport.objects.get()
    url = f"/mijn/wijziging/{report.public_id}/"
    assert logged_in(other_resident).get(url).status_code == 404
    assert logged_in(other_resident).post(url + "bevestigen/").status_code == 404
    teamless = factories.UserFactory(role=Role.POLICY_ADVISER, team=None)
    for staff in (consultant, other_consultant, teamless):
        assert logged_in(staff).get(url).status_code == 403
        assert logged_in(staff).get("/mijn/wijziging/").status_code == 403
    assert Client().get(url).status_code == 302
    assert Client().post(url + "bevestigen/").status_code == 302
    report.refresh_from_db()
    assert report.confirmed_at is None
    entry = AuditEntry.objects.filter(actor_id=resident.pk, object_id=str(report.pk)).first()
    assert entry is None or entry.subject_id == resident.pk
    browser.get(url)
    assert AuditEntry.objects.filter(actor_id=resident.pk, object_type="changereport").exists()


def test_a_partner_moving_in_asks_the_new_questions_first(resident, applied):
    browser = logged_in(resident)
    page = browser.get("/mijn/wijziging/household/").content.decode()
    assert 'value="huishouden:partner"' in page and 'value="inkomen:income"' in page
    shown = shown_on(page)
    household = {"partner": "ja", "children": "0", "housemates": "0", "income": "450", "shown": shown}
    first = browser.post("/mijn/wijziging/household/", household)
    # the partner's birth date and income were never asked: asked now, without an error
    assert first.status_code == 200, first.content.decode()[:2000]
    body = first.content.decode()
    assert "Door uw wijziging hebben wij nog een paar vragen." in body
    assert "Geboortedatum van uw partner" in body and "Hoeveel geld krijgt uw partner per maand?" in body
    assert "Vul dit in." not in body and not ChangeReport.objects.exists()
    assert "checked" in body.split('value="ja"')[1].split(">")[0]  # the answer stays
    shown = shown_on(body)
    second = browser.post(
        "/mijn/wijziging/household/",
        {**household, "shown": shown, "partner_birth_date": "1985-02-01", "partner_income": "900"},
    )
    assert second.status_code == 302, second.content.decode()[:3000]
    report = ChangeReport.objects.get()
    assert len(report.household["persons"]) == 2
    assert report.kind == "household" and report.consequences
