"""Saved, shared, followed up (issue 19 item 3): keep a result, mail it through real SMTP (a local
server), the follow-up after 14 days with answers counted per scheme and no personal data, and
"was dit nuttig?" read by staff. On PostgreSQL the mail goes through the procrastinate queue."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from meedoen.web.accounts.models import Role
from meedoen.web.audit.models import AuditEntry
from meedoen.web.followup.models import Feedback, FollowupAnswer, ResultMail, SavedResult
from meedoen.web.followup.tasks import send_due_followups
from meedoen.web.queue.jobs import run_pending
from tests.web import factories
from tests.web.conftest import fill_check, logged_in
from tests.web.smtp_server import Inbox, smtp_fixture  # noqa: F401  (the smtp fixture)

pytestmark = pytest.mark.django_db(transaction=True)  # the queue's worker reads committed rows


def test_a_resident_keeps_a_result_and_finds_it_back(resident):
    browser = logged_in(resident)
    fill_check(browser)
    page = browser.get("/regelingencheck/uitkomst/").content.decode()
    assert "Bewaar deze uitkomst" in page and "Was dit nuttig?" in page
    response = browser.post("/mijn/uitkomsten/bewaren/")
    assert response.status_code == 302 and response.url == "/mijn/uitkomsten/"
    saved = SavedResult.objects.get(resident=resident)
    assert any(s["id"] == "bijstand" and s["eligible"] for s in saved.schemes)
    listing = browser.get("/mijn/uitkomsten/").content.decode()
    assert f"/mijn/uitkomsten/{saved.public_id}/" in listing
    detail = browser.get(f"/mijn/uitkomsten/{saved.public_id}/")
    assert detail.status_code == 200 and "Bijstand" in detail.content.decode()
    entry = AuditEntry.objects.filter(actor_id=resident.pk).latest("id")
    assert (entry.object_type, entry.object_id, entry.subject_id) == (
        "savedresult",
        str(saved.pk),
        resident.pk,
    )
    # reopening puts the kept answers back in the session
    browser.post("/regelingencheck/opnieuw/")
    assert browser.post(f"/mijn/uitkomsten/{saved.public_id}/").url == "/regelingencheck/uitkomst/"
    assert browser.get("/regelingencheck/uitkomst/").status_code == 200


def test_kept_results_are_the_residents_own(resident, other_resident, consultant, other_consultant):
    browser = logged_in(resident)
    fill_check(browser)
    browser.post("/mijn/uitkomsten/bewaren/")
    saved = SavedResult.objects.get(resident=resident)
    url = f"/mijn/uitkomsten/{saved.public_id}/"
    assert logged_in(other_resident).get(url).status_code == 404
    assert logged_in(other_resident).post(url).status_code == 404
    for staff in (consultant, other_consultant, factories.UserFactory(role=Role.POLICY_ADVISER, team=None)):
        assert logged_in(staff).get(url).status_code == 403
        assert logged_in(staff).get("/mijn/uitkomsten/").status_code == 403
    anonymous = logged_in(resident).__class__()
    assert (
        anonymous.get(url).status_code == 302
        and anonymous.post("/mijn/uitkomsten/bewaren/").status_code == 302
    )
    assert SavedResult.objects.count() == 1


def test_saving_without_a_result_keeps_nothing(resident):
    response = logged_in(resident).post("/mijn/uitkomsten/bewaren/")
    assert response.status_code == 302 and response.url == "/regelingencheck/"
    assert not SavedResult.objects.exists()


def test_the_result_arrives_by_mail_and_the_follow_up_after_14_days(client, smtp: Inbox, settings):
    settings.SITE_URL = "https://meedoen.example"
    fill_check(client)
    response = client.post(
        "/regelingencheck/uitkomst/mailen/", {"email": "inwoner@example.org", "followup": "on"}
    )
    assert response.status_code == 302
    run_pending()
    [message] = smtp.wait_for(1)
    assert message["To"] == "inwoner@example.org"
    body = Inbox.body(message)
    assert "Bijstand" in body and "Over 14 dagen" in body
    mail = ResultMail.objects.get()
    assert mail.sent_at is not None
    assert mail.followup_due == timezone.localdate(mail.sent_at) + dt.timedelta(days=14)

    send_due_followups(timestamp=0)  # not due yet
    run_pending()
    assert len(smtp.messages) == 1
    ResultMail.objects.filter(pk=mail.pk).update(followup_due=timezone.localdate())
    send_due_followups(timestamp=0)
    run_pending()
    follow = smtp.wait_for(2)[1]
    text = Inbox.body(follow)
    assert follow["Subject"] == "Heeft u het aangevraagd?"
    link = f"https://meedoen.example/vervolg/{mail.token}/"
    assert link in text
    send_due_followups(timestamp=0)  # sent once, never again
    run_pending()
    assert len(smtp.messages) == 2

    form = client.get(f"/vervolg/{mail.token}/")
    assert form.status_code == 200 and "wat hield u tegen?" in form.content.decode()
    schemes = [s["id"] for s in mail.eligible]
    answers = {f"applied_{sid}": "no" for sid in schemes} | {f"obstacle_{sid}": "papers" for sid in schemes}
    bad = client.post(f"/vervolg/{mail.token}/", {})
    assert bad.status_code == 400 and "Kies een antwoord." in bad.content.decode()
    assert not FollowupAnswer.objects.exists()
    assert client.post(f"/vervolg/{mail.token}/", answers).status_code == 200
    mail.refresh_from_db()
    assert mail.answered_at is not None and mail.email == ""  # the address is erased once answered
    counts = FollowupAnswer.objects.filter(scheme_id="bijstand")
    assert counts.count() == 1 and counts.get().obstacle == "papers"
    # one answer per mail
    client.post(f"/vervolg/{mail.token}/", answers)
    assert FollowupAnswer.objects.filter(scheme_id="bijstand").count() == 1
    # the counts hold no personal data: no e-mail, no person, no link to the mail
    fields = {f.name for f in FollowupAnswer._meta.get_fields()}
    assert fields == {"id", "scheme_id", "scheme_name", "applied", "obstacle", "month"}


def test_no_follow_up_without_opt_in(client, smtp: Inbox):
    fill_check(client)
    client.post("/regelingencheck/uitkomst/mailen/", {"email": "inwoner@example.org"})
    run_pending()
    smtp.wait_for(1)
    mail = ResultMail.objects.get()
    assert mail.followup_due is None and "Over 14 dagen" not in Inbox.body(smtp.messages[0])
    ResultMail.objects.update(followup_due=timezone.localdate())
    send_due_followups(timestamp=0)
    run_pending()
    assert len(smtp.messages) == 1
    assert client.get(f"/vervolg/{mail.token}/").status_code == 404


def test_a_wrong_address_is_named_and_nothing_is_sent(client, smtp: Inbox):
    fill_check(client)
    response = client.post("/regelingencheck/uitkomst/mailen/", {"email": "inwoner@"})
    assert response.status_code == 400
    assert "Vul een e-mailadres in zoals naam@voorbeeld.nl." in response.content.decode()
    empty = client.post("/regelingencheck/uitkomst/mailen/", {"email": ""})
    assert "Vul uw e-mailadres in." in empty.content.decode()
    assert not ResultMail.objects.exists() and smtp.messages == []


def test_an_unknown_follow_up_link_is_not_found(client):
    assert client.get("/vervolg/niet-bestaand/").status_code == 404


def test_was_this_useful_and_staff_read_it(client, team, consultant, other_consultant, resident):
    fill_check(client)
    response = client.post(
        "/nuttig/",
        {
            "page": "check_result",
            "useful": "nee",
            "text": "Ik snap het woord toetsingsinkomen niet.",
            "next": "/regelingencheck/uitkomst/",
        },
    )
    assert response.status_code == 302 and response.url == "/regelingencheck/uitkomst/"
    feedback = Feedback.objects.get()
    assert (feedback.page, feedback.useful) == ("check_result", False)
    # an outside address is never a redirect target
    client.post("/nuttig/", {"useful": "ja", "next": "https://elders.example/"})
    assert Feedback.objects.count() == 2
    bad = client.post("/nuttig/", {"useful": "", "text": "x" * 1001})
    assert bad.status_code == 400
    body = bad.content.decode()
    assert "Kies ja of nee." in body and "hoogstens 1000 tekens" in body
    assert Feedback.objects.count() == 2

    lead = factories.UserFactory(role=Role.TEAM_LEAD, team=team)
    adviser = factories.UserFactory(role=Role.POLICY_ADVISER, team=None)
    for reader in (lead, adviser):
        page = logged_in(reader).get("/medewerkers/feedback/")
        assert page.status_code == 200 and "toetsingsinkomen niet" in page.content.decode()
    assert AuditEntry.objects.filter(actor_id=adviser.pk, what="feedback en vervolgvragen").exists()
    for other in (consultant, other_consultant, resident):
        assert logged_in(other).get("/medewerkers/feedback/").status_code == 403
    assert client.__class__().get("/medewerkers/feedback/").status_code == 302


def test_was_this_useful_is_asked_on_a_decision_page(resident, team):
    from meedoen.web.applications import drafts
    from meedoen.web.decisions.models import Outcome
    from meedoen.web.decisions.recording import record_decision
    from tests.web.conftest import ANSWERS

    [application] = drafts.submit(factories.draft_for(resident, ANSWERS, ("meedoenregeling",)))
    application.refresh_from_db()
    if not hasattr(application, "decision"):
        record_decision(
            application, Outcome.REJECTED, by=factories.UserFactory(team=team), motivation="Te hoog."
        )
    page = logged_in(resident).get(f"/aanvragen/{application.public_id}/").content.decode()
    assert "Was dit nuttig?" in page and 'name="page" value="decision"' in page


def test_acting_namens_someone_keeps_nothing_for_them(resident, other_resident):
    from tests.web.test_machtigingen import acting, authorise

    agent = acting(other_resident, authorise(resident, other_resident))
    fill_check(agent)
    assert agent.post("/mijn/uitkomsten/bewaren/").status_code == 403
    assert agent.get("/mijn/plan/").status_code == 403
    assert agent.get("/mijn/wijziging/").status_code == 403
    assert not SavedResult.objects.exists()
